"""Writes of the FAQ: create, edit, publish. Answers are sanitised rich text."""

from __future__ import annotations

from typing import TYPE_CHECKING, NotRequired, TypedDict

from django.db import transaction
from django.utils import timezone

from beko.core import search
from beko.core.audit import log_action
from beko.core.lib.sanitize import sanitize_html
from beko.core.lib.slugs import unique_slug

from .models import FaqEntry

if TYPE_CHECKING:
    from beko.accounts.models import User


class FaqEntryData(TypedDict):
    """What `faq_entry_update` reads: the cleaned data of `FaqEntryForm` (German texts)."""

    question: str
    answer: str  # rich text, sanitised here
    topic: str  # core.vocabulary.Topic
    audiences: NotRequired[list[str]]  # core.vocabulary.Audience codes
    position: NotRequired[int]
    publish: NotRequired[bool]  # absent: the published state stays


def _unique_slug(question: str, *, exclude_pk: int | None = None) -> str:
    return unique_slug(
        question, queryset=FaqEntry.objects.all(), fallback="frage", exclude_pk=exclude_pk
    )


def _audiences(codes: list[str]) -> str:
    return f" {' '.join(sorted(set(codes)))} " if codes else ""


@transaction.atomic
def faq_entry_create(
    *,
    question: str,
    answer: str,
    topic: str,
    audiences: list[str],
    publish: bool,
    by: User | None,
    position: int = 100,
) -> FaqEntry:
    """A new entry; `by` None: demo data."""
    entry = FaqEntry(
        slug=_unique_slug(question),
        question_de=question.strip(),  # type: ignore[misc]  # modeltranslation adds the _de fields at run time
        answer_de=sanitize_html(answer),  # type: ignore[misc]  # modeltranslation adds the _de fields at run time
        topic=topic,
        audiences=_audiences(audiences),
        position=position,
        updated_by=by,
    )
    if publish:
        entry.status = FaqEntry.Status.PUBLISHED
        entry.published_at = timezone.now()
    entry.save()
    search.index_update(obj=entry)
    log_action(entry, "faq.created", by=by, data={"published": publish})
    return entry


@transaction.atomic
def faq_entry_update(*, entry: FaqEntry, data: FaqEntryData, by: User) -> FaqEntry:
    """Store the German text and settings; the slug stays, so shared links keep working."""
    entry.question_de = data["question"].strip()  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
    entry.answer_de = sanitize_html(data["answer"])  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
    entry.topic = data["topic"]
    entry.audiences = _audiences(data.get("audiences", []))
    entry.position = data.get("position", entry.position)
    entry.updated_by = by
    entry.save()
    if data.get("publish") and not entry.is_published:
        faq_entry_publish(entry=entry, by=by)
    elif "publish" in data and not data["publish"] and entry.is_published:
        faq_entry_unpublish(entry=entry, by=by)
    search.index_update(obj=entry)
    log_action(entry, "faq.changed", by=by)
    return entry


@transaction.atomic
def faq_entry_publish(*, entry: FaqEntry, by: User) -> FaqEntry:
    entry.status = FaqEntry.Status.PUBLISHED
    entry.published_at = entry.published_at or timezone.now()
    entry.updated_by = by
    entry.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
    search.index_update(obj=entry)
    log_action(entry, "faq.published", by=by)
    return entry


@transaction.atomic
def faq_entry_unpublish(*, entry: FaqEntry, by: User) -> FaqEntry:
    entry.status = FaqEntry.Status.DRAFT
    entry.updated_by = by
    entry.save(update_fields=["status", "updated_by", "updated_at"])
    search.index_update(obj=entry)
    log_action(entry, "faq.unpublished", by=by)
    return entry
