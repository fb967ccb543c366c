"""Fill the search documents' visibility windows (search 0002) for existing offers.

From now on the offer service writes them on every change; this catches up the documents
indexed before. Offers of non-public organisations get an empty window (they are dropped
from the index at their next change).
"""

from datetime import UTC, datetime

from django.db import migrations

EMPTY_WINDOW_END = datetime(1970, 1, 1, tzinfo=UTC)


def fill_windows(apps, schema_editor):
    from beko.directory.search import visibility_window

    ContentType = apps.get_model("contenttypes", "ContentType")
    SearchDocument = apps.get_model("search", "SearchDocument")
    Offer = apps.get_model("directory", "Offer")
    content_type = ContentType.objects.filter(app_label="directory", model="offer").first()
    if content_type is None:
        return
    offers = Offer.objects.select_related("organisation").only(
        "valid_from", "valid_until", "last_verified_at", "created_at", "organisation__is_public"
    )
    batch = []
    for document in SearchDocument.objects.filter(content_type=content_type).iterator(2000):
        batch.append(document)
        if len(batch) == 2000:
            _update(batch, offers, SearchDocument, visibility_window)
            batch = []
    if batch:
        _update(batch, offers, SearchDocument, visibility_window)


def _update(batch, offers, SearchDocument, visibility_window):
    by_id = offers.in_bulk([d.object_id for d in batch])
    for document in batch:
        offer = by_id.get(document.object_id)
        if offer is None or not offer.organisation.is_public:
            document.visible_from, document.visible_until = None, EMPTY_WINDOW_END
            continue
        document.visible_from, document.visible_until = visibility_window(
            valid_from=offer.valid_from,
            valid_until=offer.valid_until,
            verified_or_created=offer.last_verified_at or offer.created_at,
        )
    SearchDocument.objects.bulk_update(batch, ["visible_from", "visible_until"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0004_offer_visibility_index"),
        ("search", "0002_document_visibility"),
    ]

    operations = [migrations.RunPython(fill_windows, migrations.RunPython.noop)]
