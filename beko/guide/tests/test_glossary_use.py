"""The guide's English texts use the agreed renderings of the site's glossary.

Translators of ar, fa, uk, tr and ru follow the same glossary (beko/core/data/glossary.yaml);
where a German word is printed on people's papers, the translation keeps it beside the
rendering. The check is the core glossary's own (`glossary_problems`), applied to every text
of the rule base and the guide's content files, per language that has texts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from beko.guide.content import load_definitions, load_papers
from beko.guide.rulebase import get_rulebase
from beko.guide.texts import LANGUAGES, SOURCE_LANGUAGE, Text


def guide_texts() -> Iterator[tuple[str, Text]]:
    rulebase = get_rulebase()
    yield "meta.disclaimer", rulebase.disclaimer
    for key, text in rulebase.texts.items():
        yield f"meta.texts.{key}", text
    for name, labels in rulebase.fact_labels.items():
        for key, text in labels.items():
            yield f"meta.facts.{name}.{key}", text
    for rule in rulebase.rules:
        yield f"{rule.id}.explanation", rule.explanation
        outcome = rule.outcome
        if "title" in outcome:
            yield f"{rule.id}.title", Text.of(outcome["title"])
        for index, item in enumerate(outcome.get("requirements", ())):
            yield f"{rule.id}.requirements.{index}", Text.of(item)
        for index, check in enumerate(rule.checks):
            yield f"{rule.id}.checks.{index}", check.why_not
    for paper in load_papers():
        for field in ("name", "alt", "description"):
            yield f"papers.{paper.key}.{field}", getattr(paper, field)
        for index, item in enumerate(paper.look_for):
            yield f"papers.{paper.key}.look_for.{index}", item
        for lead in paper.leads:
            yield f"papers.{paper.key}.lead.{lead.status}", lead.label


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_guide_texts_use_the_glossary(lang: str) -> None:
    glossary = pytest.importorskip("beko.core.lib.glossary")
    terms = glossary.glossary_load()
    problems = {}
    for where, text in guide_texts():
        translated = dict(text.items).get(lang)
        if not translated:
            continue  # not translated yet: German is shown and marked
        found = glossary.glossary_problems(
            terms, msgid=text.de, language=lang, texts=[translated], apps=["guide"]
        )
        if found:
            problems[where] = found
    assert problems == {}, f"{len(problems)} texts deviate from the glossary"


def test_glossary_definitions_are_checked_too() -> None:
    glossary = pytest.importorskip("beko.core.lib.glossary")
    terms = glossary.glossary_load()
    problems = {}
    for key, text in load_definitions().items():
        found = glossary.glossary_problems(
            terms, msgid=text.de, language="en", texts=[text.en], apps=["guide"]
        )
        if found:
            problems[key] = found
    assert problems == {}
