"""Fictional demo FAQ entries (orientation texts, not legal advice)."""

from __future__ import annotations

from typing import TextIO

from .choices import Audience, Topic
from .models import FaqEntry
from .services import faq_entry_create

ENTRIES = [
    (
        "Darf eine Person mit Duldung eine Ausbildung beginnen?",
        "<p>Oft ja: Für eine betriebliche Ausbildung braucht sie eine Beschäftigungserlaubnis der Ausländerbehörde (§ 4a AufenthG, § 60a AufenthG). Unter Umständen kommt eine Ausbildungsduldung in Betracht (§ 60c AufenthG).</p><p>Das ist eine Orientierung, keine Rechtsberatung – bitte klären Sie den Einzelfall mit der Ausländerbehörde.</p>",
        Topic.TRAINING,
        [Audience.VOLUNTEER, Audience.EMPLOYER],
    ),
    (
        "Welche Erlaubnis brauchen Unternehmen, um Geflüchtete einzustellen?",
        "<p>Das hängt vom Aufenthaltsstatus ab. Mit Anerkennung (Aufenthaltserlaubnis nach § 25 AufenthG) ist jede Beschäftigung erlaubt. Bei Gestattung oder Duldung braucht es eine Erlaubnis der Ausländerbehörde.</p>",
        Topic.WORK,
        [Audience.EMPLOYER],
    ),
    (
        "Wo finde ich Deutschkurse mit Kinderbetreuung?",
        "<p>Im Angebotsverzeichnis können Sie nach Sprachkursen mit Kinderbetreuung und nach Stadtbezirk filtern.</p>",
        Topic.LANGUAGE,
        [Audience.VOLUNTEER, Audience.ASSOCIATION],
    ),
]


def load(*, stdout: TextIO) -> None:
    created = 0
    for question, answer, topic, audiences in ENTRIES:
        if FaqEntry.objects.filter(question_de=question).exists():
            continue
        faq_entry_create(
            question=question,
            answer=answer,
            topic=topic,
            audiences=list(audiences),
            publish=True,
            by=None,
        )
        created += 1
    stdout.write(f"faq: {created} demo entries\n")
