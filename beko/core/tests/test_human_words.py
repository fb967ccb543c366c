"""Every public page type, with the demo data, speaks in words: no status or choice codes
("in_progress"), no internal action names ("inquiries.viewed"), no rule ids of the guide
("employment.title.section_4a") and no bare country codes ("AF") in what a visitor reads.
Staff may see rule ids (tested in the guide); visitors never."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps

from beko.core.lib.lang_audit import page_texts
from beko.core.tests.test_fallback_pages import PAGES, _token_pages

LANGUAGES = ["de", "en"]
RULES = Path(__file__).resolve().parents[2] / "guide" / "rules"
# Codes of countries people come from, as the guide and the demo use them. (Not every ISO
# code: "BA" or "AG" are German abbreviations, too.)
COUNTRY_CODES = {"AF", "SY", "IQ", "IR", "ER", "SO", "UA", "RU", "NG", "GE", "MD", "XK", "AL",
                 "RS", "MK", "ME", "GH", "SN", "TR", "VN", "PK", "EG", "YE"}  # fmt: skip
EXTRA_PAGES: dict[str, Any] = {
    "guide_papers": "/wege-in-arbeit/papiere/",
    "guide_glossary": "/wege-in-arbeit/begriffe/",
    "guide_employer_result": (
        "/wege-in-arbeit/arbeitgeber/ergebnis/?status=duldung&months_in_germany=20&country=SY"
        "&reception_centre=false&identity_clarified=true&as_of=2026-11-25&purpose=job"
    ),
    "impressum": "/seite/impressum/",
    "barrierefreiheit": "/seite/barrierefreiheit/",
    "easy_language": "/seite/leichte-sprache/",
    "sign_language": "/seite/gebaerdensprache/",
}
ALL_PAGES = {**PAGES, **EXTRA_PAGES}


def _rule_ids() -> set[str]:
    ids = set()
    for path in RULES.glob("*.yaml"):
        ids |= set(re.findall(r"^\s*-?\s*id:\s*([\w.]+)\s*$", path.read_text(), re.MULTILINE))
    return {rule for rule in ids if "." in rule or "_" in rule}


def _choice_codes() -> set[str]:
    """Stored values of every choice field of our apps that no person would write."""
    codes = set()
    for model in apps.get_models():
        if not model.__module__.startswith("beko."):
            continue
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "flatchoices", None) or []:
                if isinstance(value, str) and ("_" in value or "." in value):
                    codes.add(value)
    return codes


def _action_names() -> set[str]:
    from beko.core.audit import action_sentences

    return {action.split(":")[0] for action in action_sentences()}


@pytest.fixture(scope="module")
def demo_site(demo_database: None, django_db_blocker: Any) -> dict[str, str]:
    with django_db_blocker.unblock():
        return _token_pages()


def _address(client: Any, page: str, prefix: str, site: dict[str, str]) -> str:
    spec = ALL_PAGES[page]
    if isinstance(spec, str):
        return prefix + site.get(spec, spec)
    list_page, pattern, *suffix = spec
    html = client.get(f"{prefix}{list_page}").content.decode()
    found = re.search(pattern.replace("/{lang}", re.escape(prefix)), html)
    assert found, f"no link to follow on {list_page}"
    return prefix + found.group(1) + "".join(suffix)


def _visible(html: str) -> list[str]:
    # Text nodes and the attributes people read (alt, title, aria-label, placeholder).
    return [
        t.text
        for t in page_texts(html)
        if t.attribute in ("", "alt", "title", "aria-label", "placeholder")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", list(ALL_PAGES))
def test_public_pages_show_no_raw_codes(
    anon_client: Any, demo_site: dict[str, str], db: Any, page: str, language: str
) -> None:
    prefix = "" if language == "de" else f"/{language}"
    address = _address(anon_client, page, prefix, demo_site)
    response = anon_client.get(address, follow=True)
    assert response.status_code == (404 if page == "not_found" else 200)
    texts = _visible(response.content.decode())
    assert texts, "nothing visible: the check would be vacuous"
    # Addresses may carry codes (the printed page names its own URL): not words to read.
    joined = re.sub(r"https?://\S+", "", "\n".join(texts))
    codes = _rule_ids() | _choice_codes() | _action_names()
    found = sorted(
        code for code in codes if re.search(rf"(?<![\w.@/-]){re.escape(code)}(?![\w-])", joined)
    )
    assert found == []
    countries = sorted({c for c in COUNTRY_CODES if re.search(rf"(?<![\w-]){c}(?![\w-])", joined)})
    assert countries == []
    assert not re.findall(r"(?<![\w@./-])[a-z]+_[a-z_]+(?![\w-])", joined)


def test_the_detector_finds_what_it_looks_for() -> None:
    joined = "Status: in_progress · inquiries.viewed · employment.title.section_4a · AF"
    assert "in_progress" in _choice_codes()
    assert "inquiries.viewed" in _action_names()
    assert "employment.title.section_4a" in _rule_ids()
    for code in ("in_progress", "inquiries.viewed", "employment.title.section_4a"):
        assert re.search(rf"(?<![\w.@/-]){re.escape(code)}(?![\w-])", joined)


def test_guide_result_names_the_country_in_words(anon_client: Any, db: Any) -> None:
    from beko.core.tests.test_fallback_pages import SITUATION

    for prefix in ("", "/en"):
        html = anon_client.get(
            f"{prefix}/wege-in-arbeit/ergebnis/?{SITUATION}", follow=True
        ).content.decode()
        assert "Afghanistan" in html


@pytest.fixture
def tessa(make_user: Any) -> Any:
    # Not "team": the demo data of this module already has that account.
    return make_user(username="tessa")


@pytest.fixture
def tessa_client(tessa: Any, client_for: Any) -> Any:
    return client_for(tessa)


def test_rule_ids_only_for_staff(anon_client: Any, tessa_client: Any, db: Any) -> None:
    from beko.core.tests.test_fallback_pages import SITUATION

    staff_client = tessa_client
    url = f"/wege-in-arbeit/ergebnis/?{SITUATION}"
    ids = _rule_ids()
    public = anon_client.get(url, follow=True).content.decode()
    staff = staff_client.get(url, follow=True).content.decode()
    assert not [rule for rule in ids if rule in public]
    assert [rule for rule in ids if f"<code>{rule}</code>" in staff]


def test_audit_entries_read_as_sentences(tessa_client: Any, tessa: Any, db: Any) -> None:
    from beko.inquiries import services

    staff_client, staff_user = tessa_client, tessa
    inquiry = services.inquiry_submit(
        data={"asker_type": "volunteers", "topic": "work", "name": "", "question": "Frage?",
              "email": "", "phone": "0202 1"}
    ).inquiry  # fmt: skip
    services.inquiry_claim(inquiry=inquiry, by=staff_user)
    services.inquiry_assign(inquiry=inquiry, assignee=None, by=staff_user)
    services.inquiry_transition(inquiry=inquiry, to="answered", by=staff_user)
    html = staff_client.get(f"/intern/inquiries/{inquiry.pk}/").content.decode()
    assert f"tessa hat die Anfrage {inquiry.reference} übernommen" in html
    assert f"tessa hat die Anfrage {inquiry.reference} freigegeben" in html
    assert f"tessa hat die Anfrage {inquiry.reference} angesehen" in html
    assert "<code>inquiries.viewed</code>" not in html
    assert (
        f"den Status der Anfrage {inquiry.reference} von „In Bearbeitung“ auf „Beantwortet“" in html
    )
    log = staff_client.get("/intern/protokoll/").content.decode()
    assert f"tessa hat die Anfrage {inquiry.reference} übernommen" in log
    english = staff_client.get(f"/en/intern/inquiries/{inquiry.pk}/").content.decode()
    assert f"tessa took over inquiry {inquiry.reference}" in english


def test_every_logged_action_has_a_sentence() -> None:
    """Every action name written anywhere in the code reads as a sentence."""
    from beko.core.audit import action_sentences

    source = Path(__file__).resolve().parents[2]
    used = set()
    for path in source.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        used |= set(
            re.findall(r"\"((?:accounts|core|events|faq|inquiries)\.[a-z_]+)\"", path.read_text())
        )
    used -= {"events.contact_"}  # the prefix of f"events.contact_{verb}"
    assert used - set(action_sentences()) == set()
