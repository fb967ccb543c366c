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
    ("duldung-ausbildung", Topic.TRAINING, [Audience.VOLUNTEERS, Audience.EMPLOYERS]),
    ("erlaubnis-unternehmen", Topic.WORK, [Audience.EMPLOYERS]),
    ("deutschkurs-kinderbetreuung", Topic.LANGUAGE, [Audience.VOLUNTEERS, Audience.ASSOCIATIONS]),
    ("zustimmung-dauer", Topic.WORK, [Audience.EMPLOYERS]),
    ("meldepflichten-arbeitgeber", Topic.WORK, [Audience.EMPLOYERS, Audience.COUNSELLING]),
    ("jobcenter-oder-sozialamt", Topic.BENEFITS, [Audience.COUNSELLING, Audience.VOLUNTEERS]),
    ("frage-stellvertretend", Topic.OTHER, [Audience.COUNSELLING, Audience.VOLUNTEERS]),
    ("angebot-eintragen", Topic.OTHER, [Audience.ASSOCIATIONS, Audience.COUNSELLING]),
    ("stadtgespraeche-mitmachen", Topic.EVENTS, [Audience.ASSOCIATIONS]),
    ("bescheid-verstehen", Topic.BENEFITS, [Audience.VOLUNTEERS]),
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
