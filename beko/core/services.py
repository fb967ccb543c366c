from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, TypedDict

from django.db import models, transaction

from .audit import log_action
from .lib import response_cache
from .lib.content_i18n import source_fingerprint, translated_field_names
from .lib.sanitize import sanitize_html
from .models import LegalDetails, Page, SignLanguageVideo, TranslationReview
from .selectors import footer_links_invalidate

if TYPE_CHECKING:
    from beko.accounts.models import User


class PageData(TypedDict, total=False):
    """What `page_update` reads (`PageForm`'s cleaned data); absent keys stay as they are."""

    title: str
    intro: str
    body: str  # rich text, sanitised here
    placement: str  # Page.Placement
    position: int


# Fields that hold rich text and must pass the sanitiser before they are stored.
RICH_TEXT_FIELDS = {"body", "description"}


def content_changed() -> None:
    """Every service that changes public content calls this (the search index does too, for
    every document it writes): the cached public pages and API responses are void at once.
    The one place that invalidates the response cache (docs/architecture.md)."""
    response_cache.content_changed()


@transaction.atomic
def page_update(*, page: Page, data: PageData, by: User) -> Page:
    """Store the German text of a page; the body is sanitised first."""
    for text_field in ("title", "intro", "body"):
        if text_field in data:
            text = data[text_field]
            setattr(page, f"{text_field}_de", sanitize_html(text) if text_field == "body" else text)
    for field in ("placement", "position"):
        if field in data:
            setattr(page, field, data[field])
    page.updated_by = by
    page.save()
    content_changed()
    footer_links_invalidate()
    return page


def translation_save(*, obj: models.Model, language: str, values: dict[str, str]) -> models.Model:
    """Store one language's translation and record which German version it was made from."""
    return translations_save(obj=obj, values_by_language={language: values})


@transaction.atomic
def translations_save(
    *, obj: models.Model, values_by_language: dict[str, dict[str, str]]
) -> models.Model:
    """Store the translations of several languages at once (one save, one re-index): per
    language as `translation_save`, which records the German version each was made from."""
    fields = translated_field_names(type(obj))
    sources = dict(obj.translation_sources)  # type: ignore[attr-defined]  # every translatable model has translation_sources
    for language, values in values_by_language.items():
        for field in fields:
            if field in values:
                value = values[field]
                if field in RICH_TEXT_FIELDS:
                    value = sanitize_html(value)
                setattr(obj, f"{field}_{language}", value)
        if any(values.get(field) for field in fields):
            sources[language] = source_fingerprint(obj)
        else:
            sources.pop(language, None)
    obj.translation_sources = sources  # type: ignore[attr-defined]  # every translatable model has translation_sources
    obj.save()
    content_changed()
    search_index_refresh(obj=obj)
    if isinstance(obj, Page):
        footer_links_invalidate()
    return obj


def search_index_refresh(*, obj: models.Model) -> None:
    """Keep the site search current for any model registered with `beko.core.search`
    (every language version is indexed, so a new translation must be too)."""
    content_changed()
    from importlib.util import find_spec

    if find_spec("beko.core.search") is None:
        return
    from beko.core import search

    if type(obj)._meta.concrete_model in search.registered_models():
        search.index_update(obj=obj)


@transaction.atomic
def translation_review_record(
    *, language: str, subject: str, reviewer: str, reviewed_on: date, note: str, by: User
) -> TranslationReview:
    """Record that a native speaker reviewed one language of one part of the site."""
    review = TranslationReview.objects.create(
        language=language,
        subject=subject,
        reviewer=reviewer,
        reviewed_on=reviewed_on,
        note=note,
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    # The reviewer's name is personal data: the log keeps the ids, not the name.
    log_action(
        review,
        "core.translation_review_recorded",
        by=by,
        data={"language": language, "subject": subject, "reviewed_on": reviewed_on.isoformat()},
    )
    return review


def legal_details_save(*, details: LegalDetails, by: User) -> LegalDetails:
    details.pk = 1
    details.save()
    log_action(details, "core.legal_saved", by=by)
    return details


def sign_video_add(*, video: SignLanguageVideo, by: User) -> SignLanguageVideo:
    video.save()
    log_action(video, "core.sign_video_added", by=by)
    return video


def sign_video_delete(*, video: SignLanguageVideo, by: User) -> None:
    log_action(video, "core.sign_video_deleted", by=by)
    for field in (video.video, video.captions):
        field.delete(save=False)
    video.delete()
