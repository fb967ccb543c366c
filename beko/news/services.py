"""Writes of the news app. Rich text is sanitised here, before it is stored."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, NotRequired, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from beko.core.lib.sanitize import sanitize_html
from beko.core.lib.slugs import unique_slug
from beko.core.models import Image
from beko.core.services import content_changed, search_index_refresh

from .models import AudiencePage, Category, GalleryImage, NewsItem, Tag

if TYPE_CHECKING:
    from beko.accounts.models import User

logger = logging.getLogger(__name__)


class NewsData(TypedDict):
    """What `news_create` / `news_update` read: `NewsForm`'s cleaned data (German texts)."""

    title: str
    teaser: str
    body: NotRequired[str]  # rich text, sanitised here
    kind: NotRequired[str]  # NewsItem.Kind
    author_unit: NotRequired[str]
    related_offer_ids: NotRequired[Iterable[int]]
    related_event_ids: NotRequired[Iterable[int]]
    lead_image: NotRequired[Image | None]  # absent: the item keeps its image
    categories: NotRequired[Iterable[Category]]  # absent: unchanged
    tags: NotRequired[str]  # comma-separated names; absent: unchanged
    slug: NotRequired[str]  # news_create only; default: made from the title


class AudiencePageData(TypedDict):
    """What `audience_page_update` reads: `AudiencePageForm`'s cleaned data (German texts)."""

    title: str
    intro: NotRequired[str]
    body: NotRequired[str]  # rich text, sanitised here
    lead_image: NotRequired[Image | None]  # absent: the page keeps its image


# Slugs that would shadow the app's own addresses below /aktuelles/.
RESERVED_SLUGS = {"feed", "rss", "atom", "kategorie", "seite"}


def _unique_slug(*, title: str, exclude_pk: int | None = None) -> str:
    return unique_slug(
        title,
        queryset=NewsItem.objects.all(),
        fallback="meldung",
        max_length=100,
        exclude_pk=exclude_pk,
        reserved=RESERVED_SLUGS,
    )


def tags_from_text(*, text: str) -> list[Tag]:
    """ "Meet & Eat, Stadtgespräche" → Tag objects (created on first use)."""
    tags = []
    for raw in text.split(","):
        name = " ".join(raw.split())[:60]
        if not name:
            continue
        slug = slugify(name)[:80] or f"tag-{abs(hash(name)) % 10_000}"
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.filter(slug=slug).first()
        if tag is None:
            tag = Tag.objects.create(name=name, slug=slug)
        if tag not in tags:
            tags.append(tag)
    return tags


def _apply(*, item: NewsItem, data: NewsData) -> None:
    item.title_de = data["title"].strip()  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
    item.teaser_de = data["teaser"].strip()  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
    item.body_de = sanitize_html(data.get("body", ""))  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
    item.kind = data.get("kind", NewsItem.Kind.NEWS)
    item.author_unit = data.get("author_unit", "").strip() or "BeKo-Team"
    item.related_offer_ids = sorted({int(pk) for pk in data.get("related_offer_ids", [])})
    item.related_event_ids = sorted({int(pk) for pk in data.get("related_event_ids", [])})
    if "lead_image" in data:
        item.lead_image = data["lead_image"]


def _set_relations(*, item: NewsItem, data: NewsData) -> None:
    if "categories" in data:
        item.categories.set(data["categories"])
    if "tags" in data:
        item.tags.set(tags_from_text(text=data["tags"]))


@transaction.atomic
def news_create(*, data: NewsData, by: User | None) -> NewsItem:
    """Create a draft. Publishing is a separate, explicit step. `by` None: demo data."""
    item = NewsItem(status=NewsItem.Status.DRAFT, created_by=by, updated_by=by)
    _apply(item=item, data=data)
    item.slug = _unique_slug(title=data.get("slug") or data["title"])
    item.save()
    _set_relations(item=item, data=data)
    search_index_refresh(obj=item)
    logger.info("news created", extra={"news_id": item.pk, "by": getattr(by, "pk", None)})
    return item


@transaction.atomic
def news_update(*, item: NewsItem, data: NewsData, by: User) -> NewsItem:
    _apply(item=item, data=data)
    item.updated_by = by
    item.save()
    _set_relations(item=item, data=data)
    search_index_refresh(obj=item)
    logger.info("news updated", extra={"news_id": item.pk, "by": getattr(by, "pk", None)})
    return item


@transaction.atomic
def news_publish(*, item: NewsItem, by: User | None, at: datetime | None = None) -> NewsItem:
    """Publish now, or schedule for `at` (in the future). The item needs a title and teaser.
    `by` None: demo data."""
    if not item.title_de or not item.teaser_de:  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
        raise ValidationError(_("Titel und Anreißer müssen ausgefüllt sein."))
    now = timezone.now()
    if at is not None and at > now:
        item.status = NewsItem.Status.SCHEDULED
        item.publish_at = at
    else:
        item.status = NewsItem.Status.PUBLISHED
        item.publish_at = at or now
    item.updated_by = by
    item.save(update_fields=["status", "publish_at", "updated_by", "updated_at"])
    search_index_refresh(obj=item)
    logger.info(
        "news %s",
        item.status,
        extra={"news_id": item.pk, "publish_at": item.publish_at.isoformat()},
    )
    return item


@transaction.atomic
def news_unpublish(*, item: NewsItem, by: User) -> NewsItem:
    """Back to draft: the item disappears from the site at once."""
    item.status = NewsItem.Status.DRAFT
    item.updated_by = by
    item.save(update_fields=["status", "updated_by", "updated_at"])
    search_index_refresh(obj=item)
    return item


@transaction.atomic
def news_archive(*, item: NewsItem, by: User) -> NewsItem:
    """Off the lists and feeds; the address keeps working (press releases stay citable)."""
    if item.publish_at is None:
        raise ValidationError(_("Nur veröffentlichte Meldungen können archiviert werden."))
    item.status = NewsItem.Status.ARCHIVED
    item.updated_by = by
    item.save(update_fields=["status", "updated_by", "updated_at"])
    search_index_refresh(obj=item)
    return item


def news_publish_due(*, now: datetime | None = None) -> int:
    """Mark scheduled items whose time has come as published; returns how many.

    Visibility does not depend on this (selectors compare publish_at with now); it keeps the
    back office's status honest. Production runs it every few minutes (see README).
    """
    now = now or timezone.now()
    due = NewsItem.objects.filter(status=NewsItem.Status.SCHEDULED, publish_at__lte=now)
    ids = list(due.values_list("pk", flat=True))
    count = NewsItem.objects.filter(pk__in=ids).update(status=NewsItem.Status.PUBLISHED)
    for pk in ids:
        logger.info("scheduled news published", extra={"news_id": pk})
    return count


@transaction.atomic
def news_delete(*, item: NewsItem) -> None:
    item.status = NewsItem.Status.DRAFT
    search_index_refresh(obj=item)  # a draft has no document: this removes it
    item.delete()


@transaction.atomic
def gallery_add(*, item: NewsItem, image: Image) -> GalleryImage:
    last = item.gallery_entries.aggregate(last=Max("position"))["last"]
    entry, _created = GalleryImage.objects.get_or_create(
        news=item, image=image, defaults={"position": 0 if last is None else last + 1}
    )
    content_changed()
    return entry


@transaction.atomic
def gallery_remove(*, item: NewsItem, image_id: int) -> None:
    item.gallery_entries.filter(image_id=image_id).delete()
    content_changed()


@transaction.atomic
def category_create(*, name: str) -> Category:
    name = " ".join(name.split())
    slug = slugify(name)[:80] or "kategorie"
    if Category.objects.filter(slug=slug).exists():
        raise ValidationError(_("Diese Kategorie gibt es schon."))
    category = Category.objects.create(name_de=name, slug=slug)
    content_changed()
    return category


@transaction.atomic
def audience_pages_ensure() -> int:
    """Create missing audience pages from their German starting texts; returns how many.

    The data migration seeds them; this puts them back after a database flush (demo reset,
    transactional tests) without touching pages staff have edited.
    """
    from .seed import AUDIENCE_PAGES

    created = 0
    for data in AUDIENCE_PAGES:
        _page, was_created = AudiencePage.objects.get_or_create(
            audience=data["audience"],
            defaults={
                "slug": data["slug"],
                "position": data["position"],
                **{f"{f}{s}": data[f] for f in ("title", "intro", "body") for s in ("", "_de")},
            },
        )
        created += was_created
    return created


@transaction.atomic
def audience_page_update(*, page: AudiencePage, data: AudiencePageData, by: User) -> AudiencePage:
    page.title_de = data["title"].strip()  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
    page.intro_de = data.get("intro", "").strip()  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
    page.body_de = sanitize_html(data.get("body", ""))  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
    if "lead_image" in data:
        page.lead_image = data["lead_image"]
    page.updated_by = by
    page.save()
    search_index_refresh(obj=page)
    return page
