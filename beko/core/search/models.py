from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models


class SearchDocument(models.Model):
    """One searchable object of any registered model, already normalised (see text.py).

    The database-specific full-text structures hang off this table: on SQLite an FTS5
    external-content table kept in sync by triggers (migration 0001), on PostgreSQL the
    narrow table `search_match` (id, window, keys and a weighted tsvector with a GIN index),
    kept in sync by triggers too (migration 0005).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    title = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Optional visibility window (e.g. an offer's validity and freshness): searches with
    # `visible_at` skip documents outside it without touching the object's own table,
    # which keeps searches over 100,000 offers within milliseconds.
    visible_from = models.DateTimeField(null=True, blank=True)
    visible_until = models.DateTimeField(null=True, blank=True)
    # Facet keys of the object, space-separated (Document.keys): read with the matches, so
    # facet counts over 20,000 hits need no further query on the object's tables.
    keys = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_doc_unique")
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"


class SearchTerm(models.Model):
    """Vocabulary of indexed tokens, used for prefix checks and typo tolerance.

    Terms are only added; a term whose documents are gone just finds nothing.
    `manage.py search_reindex` rebuilds it from scratch.
    """

    term = models.CharField(max_length=100, unique=True)
    # A readable form of the term as it appeared in a text ("übersetzung" for "ubersetzung"),
    # for "Meinten Sie …?"; empty for terms indexed before it was recorded.
    word = models.CharField(max_length=100, blank=True, default="")

    def __str__(self) -> str:
        return self.term
