"""Fictional demo inquiries and reply templates (no real persons)."""

from __future__ import annotations

from datetime import timedelta
from typing import TextIO

from django.utils import timezone

from beko.faq.choices import Topic

from . import services
from .models import AskerType, ReplyTemplate

TEMPLATES = [
    (
        "Begrüßung",
        "Ihre Anfrage {referenz}",
        "Guten Tag {name},\n\nvielen Dank für Ihre Frage zum Thema {thema}.\n\n…\n\nMit freundlichen Grüßen\n{bearbeiter}\nBeKo – Hotline {hotline}",
    ),
    (
        "Verweis Ausländerbehörde",
        "Ihre Anfrage {referenz}: Aufenthalt",
        "Guten Tag {name},\n\ndiese Frage kann verbindlich nur die Ausländerbehörde beantworten. …\n\nMit freundlichen Grüßen\n{bearbeiter}",
    ),
]
INQUIRIES = [
    (
        AskerType.VOLUNTEER,
        Topic.TRAINING,
        "Darf eine Person mit Duldung bei uns im Verein eine Ausbildung beginnen? Was muss sie beantragen?",
    ),
    (
        AskerType.EMPLOYER,
        Topic.WORK,
        "Wir möchten einen Geflüchteten als Lagerhelfer einstellen. Welche Erlaubnis brauchen wir?",
    ),
    (
        AskerType.ASSOCIATION,
        Topic.LANGUAGE,
        "Wo gibt es in Oberbarmen einen Deutschkurs mit Kinderbetreuung?",
    ),
]


def load(*, stdout: TextIO) -> None:
    for title, subject, body in TEMPLATES:
        ReplyTemplate.objects.get_or_create(
            title=title, defaults={"subject": subject, "body": body}
        )
    for index, (asker, topic, question) in enumerate(INQUIRIES):
        submission = services.inquiry_submit(
            data={
                "asker_type": asker,
                "topic": topic,
                "question": question,
                "name": "Demo Person",
                "email": f"demo{index}@example.invalid",
                "phone": "",
            },
        )
        inquiry = submission.inquiry
        inquiry.created_at = timezone.now() - timedelta(days=index * 2)
        inquiry.save(update_fields=["created_at"])
    stdout.write(f"inquiries: {len(INQUIRIES)} demo inquiries, {len(TEMPLATES)} templates\n")
