"""Registering models and keeping their search documents current (called from services)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from . import results
from .backends import clear_vocabulary_cache
from .models import SearchDocument, SearchTerm
from .text import index_text, surface_forms


@dataclass(frozen=True)
class Document:
    """The text of one object, by weight. Pass raw text; normalisation happens here.

    Put every language version into the same fields: stemming is German, other languages
    are folded and matched word by word.
    """

    title: str = ""
    summary: str = ""
    body: str = ""
    # Visibility window: a search with `visible_at=t` finds the object only while
    # visible_from <= t <= visible_until (None = open-ended). The builder must compute it
    # from the object alone, and the object's service re-indexes whenever it changes.
    visible_from: datetime | None = None
    visible_until: datetime | None = None
    # Facet keys: short tokens (no spaces) the caller counts and filters on over all matches
    # in one pass (`Search.matching_keys`), e.g. category and district ids. Not searched.
    keys: tuple[str, ...] = ()


DocumentBuilder = Callable[[Any], Document | None]
BatchHook = Callable[[list[Any]], object]
_registry: dict[type[models.Model], DocumentBuilder] = {}
_before_rebuild: dict[type[models.Model], BatchHook] = {}


def register(
    model: type[models.Model],
    *,
    document: DocumentBuilder,
    before_rebuild: BatchHook | None = None,
) -> None:
    """Make `model` searchable. `document(obj)` returns its text, or None to keep it out
    of the index (drafts, archived items). Call once, e.g. in AppConfig.ready().

    `before_rebuild(batch)` runs on every batch of a full rebuild (`search_reindex`) before
    its documents are written: for state the app stores from the same rule as the document
    (the directory's public window on the offer row), so a rebuild refreshes both."""
    _registry[model] = document
    if before_rebuild is not None:
        _before_rebuild[model] = before_rebuild


def registered_models() -> list[type[models.Model]]:
    return list(_registry)


def _builder(model: type[models.Model]) -> DocumentBuilder:
    try:
        return _registry[model]
    except KeyError:
        raise LookupError(f"{model._meta.label} is not registered for search") from None


TEXT_FIELDS = ("title", "summary", "body")


def _normalised(document: Document) -> dict[str, Any]:
    return {
        "forms": surface_forms(f"{document.title} {document.summary} {document.body}"),
        "title": index_text(document.title),
        "summary": index_text(document.summary),
        "body": index_text(document.body),
        "visible_from": document.visible_from,
        "visible_until": document.visible_until,
        "keys": " ".join(dict.fromkeys(document.keys)),
    }


def _remember_terms(rows: Iterable[dict[str, Any]]) -> None:
    terms: dict[str, str] = {}
    for row in rows:
        forms = row["forms"]
        for name in TEXT_FIELDS:
            for token in row[name].split():
                if len(token) <= 100 and token not in terms:
                    terms[token] = forms.get(token, "")[:100]
    if terms:
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=t, word=terms[t]) for t in sorted(terms)],
            ignore_conflicts=True,
            batch_size=2000,
        )
        clear_vocabulary_cache()


@transaction.atomic
def index_objects(*, objects: Iterable[models.Model]) -> int:
    """Create, update or remove the documents of `objects` (any registered models).

    Returns the number of documents written. Bulk operations: fine for 100,000 objects.
    """
    written = 0
    by_model: dict[type[models.Model], list[models.Model]] = {}
    for obj in objects:
        by_model.setdefault(type(obj)._meta.concrete_model or type(obj), []).append(obj)
    results.bump()
    for model, items in by_model.items():
        builder = _builder(model)
        content_type = ContentType.objects.get_for_model(model)
        rows: dict[int, dict[str, Any]] = {}
        gone: list[int] = []
        for obj in items:
            document = builder(obj)
            if document is None:
                gone.append(obj.pk)
            else:
                rows[obj.pk] = _normalised(document)
        if gone:
            SearchDocument.objects.filter(content_type=content_type, object_id__in=gone).delete()
        if rows:
            # Delete + insert keeps the FTS triggers simple and is as fast as an upsert here.
            ids = list(rows)
            for start in range(0, len(ids), 5000):
                SearchDocument.objects.filter(
                    content_type=content_type, object_id__in=ids[start : start + 5000]
                ).delete()
            SearchDocument.objects.bulk_create(
                [
                    SearchDocument(
                        content_type=content_type,
                        object_id=pk,
                        **{k: v for k, v in row.items() if k != "forms"},
                    )
                    for pk, row in rows.items()
                ],
                batch_size=1000,
            )
            _remember_terms(rows.values())
            written += len(rows)
    return written


def index_update(*, obj: models.Model) -> None:
    """Bring one object's document up to date; call from the service that changed it."""
    index_objects(objects=[obj])


def index_remove(*, model: type[models.Model], object_id: int) -> None:
    index_remove_many(model=model, object_ids=[object_id])


def index_remove_many(*, model: type[models.Model], object_ids: Iterable[int]) -> int:
    """Drop the documents of these objects (they left the public site); returns how many."""
    results.bump()
    deleted, _ = SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=list(object_ids)
    ).delete()
    return deleted


@transaction.atomic
def reindex(*, model: type[models.Model], queryset: Iterable[models.Model] | None = None) -> int:
    """Rebuild all documents of `model` (management command `search_reindex`)."""
    results.bump()
    SearchDocument.objects.filter(content_type=ContentType.objects.get_for_model(model)).delete()
    items = queryset if queryset is not None else model._default_manager.all()
    hook = _before_rebuild.get(model)
    written = 0
    batch: list[models.Model] = []
    for obj in items.iterator(chunk_size=2000) if hasattr(items, "iterator") else items:
        batch.append(obj)
        if len(batch) >= 2000:
            if hook is not None:
                hook(batch)
            written += index_objects(objects=batch)
            batch = []
    if batch:
        if hook is not None:
            hook(batch)
        written += index_objects(objects=batch)
    return written
