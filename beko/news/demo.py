"""Demo news with generated pictures, the audience pages and "Über uns" (all fictional)."""

from __future__ import annotations

import io
import random
from datetime import timedelta
from typing import Any, TextIO

from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter

from beko.accounts.models import User
from beko.core.images import image_create
from beko.events import selectors as events_selectors

from . import services
from .models import AudiencePage, Category, NewsItem

DEMO_CREDIT = "BeKo (Demo)"


def demo_picture(*, seed: int, width: int = 1600, height: int = 1000) -> bytes:
    """A photo-like JPEG (soft gradient sky, hills, people-ish shapes, grain) made with Pillow."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    top = tuple(rng.randint(90, 200) for _ in range(3))
    bottom = tuple(rng.randint(20, 120) for _ in range(3))
    picture = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    for _ in range(6):
        x = rng.randint(-200, width)
        y = rng.randint(height // 2, height)
        r = rng.randint(200, 600)
        draw.ellipse(
            [x - r, y - r // 3, x + r, y + r], fill=tuple(rng.randint(30, 160) for _ in range(3))
        )
    for _ in range(14):
        x = rng.randint(0, width)
        y = rng.randint(height // 2, height - 120)
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        draw.ellipse([x - 28, y - 150, x + 28, y - 94], fill=colour)
        draw.rounded_rectangle([x - 45, y - 90, x + 45, y + 90], radius=30, fill=colour)
    picture = picture.filter(ImageFilter.GaussianBlur(2))
    noise = PILImage.effect_noise((width, height), 18).convert("RGB")
    picture = PILImage.blend(picture, noise, 0.06)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


DEMO_NEWS: list[dict[str, Any]] = [
    {
        "title": "BeKo beim Netzwerktreffen „Stadtgespräche“",
        "teaser": "Mit einem eigenen Stand auf dem Markt der Möglichkeiten hat die BeKo "
        "Ehrenamtlichen und Vereinen ihre Beratung vorgestellt.",
        "body": "<p>Rund 200 Ehrenamtliche, Vereine und Beratungsstellen kamen zu den "
        "diesjährigen Stadtgesprächen. Nach der Begrüßung und einem Impulsvortrag ging es in "
        "vier parallelen Stadtteilgesprächen um die Frage, wie der Weg in Arbeit gelingt.</p>"
        "<h2>Markt der Möglichkeiten</h2><p>Am Stand der BeKo ging es vor allem um "
        "Beschäftigungserlaubnisse und die Ausbildungsduldung.</p>",
        "kind": NewsItem.Kind.NEWS,
        "days_ago": 12,
        "category": "netzwerk",
        "tags": "Stadtgespräche, Markt der Möglichkeiten",
        "alt": "Menschen stehen im Gespräch an einem Informationsstand in einem hellen Saal.",
        "gallery": 2,
    },
    {
        "title": "Neue Reihe „Meet & Eat“: Fachleute beantworten Fragen",
        "teaser": "Bei einem gemeinsamen Essen beantworten Fachleute Fragen zu Leistungen, "
        "Aufenthalt, Einbürgerung, Arbeit und Schule. Die Plätze sind begrenzt.",
        "body": "<p>Die neue Reihe startet im Haus der Integration. Anmeldung per E-Mail; "
        "die Teilnahme ist kostenlos.</p>",
        "kind": NewsItem.Kind.PRESS,
        "days_ago": 3,
        "category": "veranstaltungen",
        "tags": "Meet & Eat",
        "event_category": "meet-eat",
        "alt": "Eine Gruppe sitzt an einem langen Tisch mit Essen und unterhält sich.",
        "gallery": 0,
    },
    {
        "title": "Neue Regeln zur Beschäftigungsduldung: Was Unternehmen wissen sollten",
        "teaser": "Seit der Gesetzesänderung gelten neue Voraussetzungen. Wir erklären, was "
        "sich für Betriebe ändert – als Orientierung, nicht als Rechtsberatung.",
        "body": "<p>Die Beschäftigungsduldung (§ 60d AufenthG) ermöglicht unter bestimmten "
        "Voraussetzungen einen sicheren Aufenthalt während der Beschäftigung. Bitte wenden "
        "Sie sich im Einzelfall an die Ausländerbehörde.</p>",
        "kind": NewsItem.Kind.NEWS,
        "days_ago": 30,
        "category": "recht",
        "tags": "Unternehmen",
        "alt": "Ein Mensch arbeitet in einer Werkstatt an einer Maschine.",
        "gallery": 0,
    },
]
CATEGORIES = {
    "netzwerk": "Netzwerk",
    "veranstaltungen": "Veranstaltungen",
    "recht": "Recht und Regeln",
}


def _event_ids(*, category: str | None) -> list[int]:
    """Demo events of one format, asked through the events app's public selector."""
    if not category:
        return []
    return list(
        events_selectors.events_public().filter(category=category).values_list("pk", flat=True)[:3]
    )


def load(*, stdout: TextIO) -> None:
    services.audience_pages_ensure()
    for slug, name in CATEGORIES.items():
        Category.objects.get_or_create(slug=slug, defaults={"name": name, "name_de": name})
    author = User.objects.filter(username="team").first()
    now = timezone.now()
    created = 0
    for number, data in enumerate(DEMO_NEWS):
        if NewsItem.objects.filter(title_de=data["title"]).exists():
            continue
        lead = image_create(
            upload=demo_picture(seed=number), alt_text=data["alt"], credit=DEMO_CREDIT, by=author
        )
        item = services.news_create(
            data={
                "title": data["title"],
                "teaser": data["teaser"],
                "body": data["body"],
                "kind": data["kind"],
                "author_unit": "BeKo-Team",
                "categories": [Category.objects.get(slug=data["category"])],
                "tags": data["tags"],
                "lead_image": lead,
                "related_event_ids": _event_ids(category=data.get("event_category")),
            },
            by=author,
        )
        for extra in range(data["gallery"]):
            image = image_create(
                upload=demo_picture(seed=100 + number * 10 + extra, width=1200, height=800),
                alt_text=f"Eindruck vom Netzwerktreffen, Bild {extra + 1}",
                credit=DEMO_CREDIT,
                by=author,
            )
            services.gallery_add(item=item, image=image)
        services.news_publish(item=item, by=author, at=now - timedelta(days=data["days_ago"]))
        created += 1
    if not NewsItem.objects.filter(title_de__startswith="Vorschau:").exists():
        scheduled = services.news_create(
            data={
                "title": "Vorschau: Stadtgespräche im nächsten Jahr",
                "teaser": "Diese Meldung ist eingeplant und erscheint erst in einer Woche.",
                "kind": NewsItem.Kind.NEWS,
            },
            by=author,
        )
        services.news_publish(item=scheduled, by=author, at=now + timedelta(days=7))
    from .search import index_all

    index_all()
    stdout.write(f"news: {created} demo news items, {AudiencePage.objects.count()} pages\n")
