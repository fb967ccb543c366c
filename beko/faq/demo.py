"""Fictional demo FAQ entries (orientation texts, not legal advice).

The texts live in `demo_texts/<language>.yaml`: German is the source, the other languages are
the BeKo team's translations.
"""

from __future__ import annotations

from typing import TextIO

from beko.core.demo_texts import german, translations_apply

from .choices import Audience, Topic
from .models import FaqEntry
from .services import faq_entry_create

APP = "faq"
ENTRIES = [
    ("duldung-ausbildung", Topic.TRAINING, [Audience.VOLUNTEER, Audience.EMPLOYER]),
    ("erlaubnis-unternehmen", Topic.WORK, [Audience.EMPLOYER]),
    ("deutschkurs-kinderbetreuung", Topic.LANGUAGE, [Audience.VOLUNTEER, Audience.ASSOCIATION]),
    ("zustimmung-dauer", Topic.WORK, [Audience.EMPLOYER]),
    ("meldepflichten-arbeitgeber", Topic.WORK, [Audience.EMPLOYER, Audience.COUNSELLING]),
    ("jobcenter-oder-sozialamt", Topic.BENEFITS, [Audience.COUNSELLING, Audience.VOLUNTEER]),
    ("frage-stellvertretend", Topic.OTHER, [Audience.COUNSELLING, Audience.VOLUNTEER]),
    ("angebot-eintragen", Topic.OTHER, [Audience.ASSOCIATION, Audience.COUNSELLING]),
    ("stadtgespraeche-mitmachen", Topic.EVENTS, [Audience.ASSOCIATION]),
    ("bescheid-verstehen", Topic.BENEFITS, [Audience.VOLUNTEER]),
]


def load(*, stdout: TextIO) -> None:
    created = 0
    texts = german(APP, "entries")
    for key, topic, audiences in ENTRIES:
        if FaqEntry.objects.filter(question_de=texts[key]["question"]).exists():
            continue
        entry = faq_entry_create(
            question=texts[key]["question"],
            answer=texts[key]["answer"],
            topic=topic,
            audiences=list(audiences),
            publish=True,
            by=None,
        )
        translations_apply(obj=entry, app_label=APP, section="entries", key=key)
        created += 1
    stdout.write(f"faq: {created} demo entries\n")
