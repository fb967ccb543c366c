"""Fictional demo inquiries and reply templates (no real persons)."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TextIO

from django.conf import settings
from django.utils import timezone

from beko.core.vocabulary import Topic

from . import services
from .models import AskerType, Channel, Inquiry, ReplyTemplate, Status

TEMPLATES = [
    (
        "Begrüßung",
        "Ihre Anfrage {referenz}",
        "Guten Tag {name},\n\nvielen Dank für Ihre Frage zum Thema {thema}.\n\n[[Ihre Antwort]]\n\nMit freundlichen Grüßen\n{bearbeiter}\nBeKo – Hotline {hotline}",
    ),
    (
        "Verweis Ausländerbehörde",
        "Ihre Anfrage {referenz}: Aufenthalt",
        "Guten Tag {name},\n\ndiese Frage kann verbindlich nur die Ausländerbehörde beantworten. [[Ansprechperson und Weg zum Termin]]\n\nMit freundlichen Grüßen\n{bearbeiter}",
    ),
]
INQUIRIES = [
    (
        AskerType.VOLUNTEERS,
        Topic.TRAINING,
        "Darf eine Person mit Duldung bei uns im Verein eine Ausbildung beginnen? Was muss sie beantragen?",
    ),
    (
        AskerType.EMPLOYERS,
        Topic.WORK,
        "Wir möchten einen Geflüchteten als Lagerhelfer einstellen. Welche Erlaubnis brauchen wir?",
    ),
    (
        AskerType.ASSOCIATIONS,
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
    history = _history()
    stdout.write(
        f"inquiries: {len(INQUIRIES)} demo inquiries, {history} closed and anonymised ones "
        f"of the past year, {len(TEMPLATES)} templates\n"
    )


# Topic weights of the fictional past year: most questions are about work and residence.
HISTORY_TOPICS = [
    (Topic.WORK, 8), (Topic.RESIDENCE, 6), (Topic.TRAINING, 4), (Topic.BENEFITS, 4),
    (Topic.LANGUAGE, 3), (Topic.RECOGNITION, 2), (Topic.EVENTS, 1), (Topic.OTHER, 1),
]  # fmt: skip


def _history() -> int:
    """A fictional past year of closed inquiries for the staff reports. Those closed longer
    than the retention period ago are anonymised as the rule demands (no question); the
    others keep a neutral demo question and no personal data."""
    if Inquiry.objects.filter(status=Status.CLOSED).exists():
        return 0
    retention = timedelta(days=settings.BEKO_INQUIRY_RETENTION_DAYS)
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    now = timezone.now()
    topics = [topic for topic, weight in HISTORY_TOPICS for _n in range(weight)]
    rows = []
    for days_ago in range(365, 7, -1):
        moment = now - timedelta(days=days_ago)
        if moment.weekday() >= 5 or rng.random() < 0.35:
            continue
        for _n in range(rng.choice([1, 1, 1, 2, 2, 3])):
            created = moment.replace(hour=rng.randint(8, 16), minute=rng.randint(0, 59))
            answered = created + timedelta(hours=rng.choice([2, 5, 20, 26, 30, 50, 75, 100, 140]))
            closed = answered + timedelta(days=rng.randint(1, 10))
            expired = closed + retention < now
            rows.append(
                Inquiry(
                    reference=services._new_reference(),
                    channel=rng.choice([Channel.WEB, Channel.WEB, Channel.EMAIL, Channel.PHONE]),
                    asker_type=rng.choice(list(AskerType)),
                    topic=rng.choice(topics),
                    question="" if expired else "(Demo) Allgemeine Frage ohne Personenbezug.",
                    status=Status.CLOSED,
                    created_at=created,
                    first_answered_at=answered,
                    closed_at=closed,
                    anonymised_at=closed + retention if expired else None,
                )
            )
    Inquiry.objects.bulk_create(rows)
    return len(rows)
