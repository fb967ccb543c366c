"""Demo news with generated pictures, the audience pages and "Über uns" (all fictional).

The texts live in `demo_texts/<language>.yaml`: German is the source, the other languages are
the BeKo team's translations. The audience pages' German starting texts come from `seed.py`
(the data migration seeds them); the demo adds their translations while staff have not
changed the German text.
"""

from __future__ import annotations

import io
import random
from datetime import timedelta
from typing import TextIO

from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter

from beko.accounts.models import User
from beko.core.demo_texts import german, translations_apply
from beko.core.images import image_create
from beko.events import selectors as events_selectors

from . import services
from .models import AudiencePage, Category, NewsItem
from .seed import AUDIENCE_PAGES

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


APP = "news"
# key, kind, days since publication (negative: scheduled), category, tags, format of the
# related events, gallery pictures.
DEMO_NEWS = [
    ("beschaeftigungsduldung", NewsItem.Kind.NEWS, 40, "recht", "Unternehmen, Duldung", None, 0),
    ("meet-eat-start", NewsItem.Kind.PRESS, 28, "veranstaltungen", "Meet & Eat", "meet-eat", 0),
    ("hotline", NewsItem.Kind.NEWS, 16, "netzwerk", "Hotline, Anfragen", None, 0),
    ("stadtgespraeche-anmeldung", NewsItem.Kind.NEWS, 6, "veranstaltungen",
     "Stadtgespräche, Markt der Möglichkeiten", "network-meeting", 2),
    ("vorschau-ausbildungsboerse", NewsItem.Kind.NEWS, -7, "veranstaltungen",
     "Ausbildung, Unternehmen", "job-fair", 0),
]  # fmt: skip


def _event_ids(*, category: str | None) -> list[int]:
    """Demo events of one format, asked through the events app's public selector."""
    if not category:
        return []
    return list(
        events_selectors.events_public().filter(category=category).values_list("pk", flat=True)[:3]
    )


def _network_meeting_year() -> int:
    """The year of the next Stadtgespräche among the demo events (the news announce them)."""
    meeting = (
        events_selectors.events_public()
        .filter(category="network-meeting")
        .order_by("starts_at")
        .first()
    )
    return timezone.localtime(meeting.starts_at).year if meeting else timezone.localdate().year


def _audience_pages_translate() -> None:
    """Translate the seeded pages, but never over a German text staff have changed since."""
    for data in AUDIENCE_PAGES:
        page = AudiencePage.objects.filter(audience=data["audience"]).first()
        if page is None or any(
            getattr(page, f"{field}_de") != data[field] for field in ("title", "intro", "body")
        ):
            continue
        translations_apply(obj=page, app_label=APP, section="pages", key=data["audience"])


def load(*, stdout: TextIO) -> None:
    services.audience_pages_ensure()
    _audience_pages_translate()
    categories: dict[str, dict[str, str]] = german(APP, "categories")
    for slug, texts in categories.items():
        news_category, category_created = Category.objects.get_or_create(
            slug=slug, defaults={"name": texts["name"], "name_de": texts["name"]}
        )
        if category_created:
            translations_apply(obj=news_category, app_label=APP, section="categories", key=slug)
    author = User.objects.filter(username="team").first()
    now = timezone.now()
    year = _network_meeting_year()
    values = {"year": year, "last_year": year - 1}
    created = 0
    news_texts: dict[str, dict[str, str]] = german(APP, "news")
    for number, (key, kind, days_ago, category, tags, event_category, gallery) in enumerate(
        DEMO_NEWS
    ):
        data = {field: text.format(**values) for field, text in news_texts[key].items()}
        if NewsItem.objects.filter(title_de=data["title"]).exists():
            continue
        lead = None
        if "alt" in data:
            lead = image_create(
                upload=demo_picture(seed=number), alt_text=data["alt"], credit=DEMO_CREDIT,
                by=author,
            )  # fmt: skip
            translations_apply(
                obj=lead, app_label=APP, section="news", key=key, fields={"alt_text": "alt"}
            )
        item = services.news_create(
            data={
                "title": data["title"],
                "teaser": data["teaser"],
                "body": data["body"],
                "kind": kind,
                "author_unit": "BeKo-Team",
                "categories": [Category.objects.get(slug=category)],
                "tags": tags,
                "lead_image": lead,
                "related_event_ids": _event_ids(category=event_category),
            },
            by=author,
        )
        translations_apply(obj=item, app_label=APP, section="news", key=key, values=values)
        for extra in range(gallery):
            image = image_create(
                upload=demo_picture(seed=100 + number * 10 + extra, width=1200, height=800),
                alt_text=data["gallery_alt"],
                credit=DEMO_CREDIT,
                by=author,
            )
            translations_apply(
                obj=image, app_label=APP, section="news", key=key, values=values,
                fields={"alt_text": "gallery_alt"},
            )  # fmt: skip
            services.gallery_add(item=item, image=image)
        services.news_publish(item=item, by=author, at=now - timedelta(days=days_ago))
        created += 1
    from .search import index_all

    index_all()
    stdout.write(f"news: {created} demo news items, {AudiencePage.objects.count()} pages\n")
