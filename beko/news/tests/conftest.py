"""Fixtures of the news app: media in a temporary folder, news items, test pictures."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image as PILImage


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def picture_bytes(
    *, width: int = 800, height: int = 500, fmt: str = "JPEG", mode: str = "RGB", exif: Any = None
) -> bytes:
    picture = PILImage.new(
        mode, (width, height), (30, 120, 180, 128) if mode == "RGBA" else (30, 120, 180)
    )
    buffer = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    picture.save(buffer, fmt, **kwargs)
    return buffer.getvalue()


def jpeg_with_gps() -> bytes:
    """A JPEG carrying camera make and GPS coordinates (Wuppertal) in its EXIF block."""
    exif = PILImage.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x0110] = "Model X"  # Model
    gps = {
        1: "N",
        2: (51.0, 15.0, 30.0),
        3: "E",
        4: (7.0, 9.0, 0.0),
    }
    exif[0x8825] = gps  # GPSInfo IFD
    return picture_bytes(exif=exif)


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """The search keeps table fingerprints in the cache; tests roll the tables back."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def audience_pages(db: Any) -> None:
    """Seeded by a data migration, but other apps' transactional tests flush the tables."""
    from beko.news.services import audience_pages_ensure

    audience_pages_ensure()


@pytest.fixture
def make_image(db: Any) -> Any:
    from beko.core.images import image_create

    def _make(**kwargs: Any) -> Any:
        return image_create(
            upload=kwargs.pop("upload", picture_bytes()),
            alt_text=kwargs.pop("alt_text", "Zwei Menschen im Gespräch"),
            credit=kwargs.pop("credit", "Stadt Wuppertal / Max Muster"),
            **kwargs,
        )

    return _make


@pytest.fixture
def make_news(db: Any, staff_user: Any) -> Any:
    from beko.news import services

    def _make(
        *,
        title: str = "Neue Beratungszeiten",
        status: str = "published",
        delta: timedelta | None = None,
        **data: Any,
    ) -> Any:
        item = services.news_create(
            data={
                "title": title,
                "teaser": data.pop("teaser", f"Anreißer zu {title}"),
                "body": data.pop("body", "<p>Text</p>"),
                **data,
            },
            by=staff_user,
        )
        if status in {"published", "scheduled"}:
            at = timezone.now() + (delta if delta is not None else timedelta(hours=-1))
            services.news_publish(item=item, by=staff_user, at=at)
        elif status == "archived":
            services.news_publish(item=item, by=staff_user, at=timezone.now() - timedelta(days=3))
            services.news_archive(item=item, by=staff_user)
        item.refresh_from_db()
        return item

    return _make


def create_event(*, title: str, audience: str, status: str = "published", days: int = 3) -> Any:
    """An event of the events app (fixtures may use other apps' models directly)."""
    from datetime import timedelta

    from django.utils import timezone

    from beko.events.models import Event, EventAudience

    start = timezone.now() + timedelta(days=days)
    event = Event.objects.create(
        title=title, title_de=title, slug=title.lower().replace(" ", "-"), category="info",
        status=status, starts_at=start, ends_at=start + timedelta(hours=2),
    )  # fmt: skip
    EventAudience.objects.create(event=event, audience=audience)
    return event


def create_offer(
    *, title: str, organisation: Any, status: str = "published", target_groups: str = ""
) -> Any:
    """A directory offer, windowed and indexed like the directory's services do."""
    from django.utils import timezone

    from beko.directory.models import Offer
    from beko.directory.services import offers_reindex

    offer = Offer.objects.create(
        title=title, title_de=title, summary=title, summary_de=title, organisation=organisation,
        status=status, target_groups=target_groups, last_verified_at=timezone.now(),
    )  # fmt: skip
    offers_reindex(queryset=Offer.objects.filter(pk=offer.pk))
    offer.refresh_from_db()
    return offer


def create_faq(*, question: str, audiences: str = "", status: str = "published") -> Any:
    """A published FAQ entry of the faq app ("audiences" like " volunteers employers ")."""
    from django.utils import timezone
    from django.utils.text import slugify

    from beko.core import search
    from beko.faq.models import FaqEntry

    entry = FaqEntry.objects.create(
        slug=slugify(question)[:90], question=question, question_de=question,
        answer=f"Antwort auf {question}", answer_de=f"Antwort auf {question}", topic="work",
        audiences=audiences, status=status, published_at=timezone.now(),
    )  # fmt: skip
    search.index_update(obj=entry)  # as the faq services do
    return entry


SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_sections(client):
    """The XML of every section sitemap the index `/sitemap.xml` lists, by section address."""
    from urllib.parse import urlsplit
    from xml.etree import ElementTree

    # Our own response, not untrusted input.
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    sections = {}
    for loc in index.iter(f"{SITEMAP_NS}loc"):
        address = urlsplit(loc.text)
        path = f"{address.path}?{address.query}" if address.query else address.path
        response = client.get(path)
        assert response.status_code == 200, path
        sections[path] = response.content.decode()
    return sections
