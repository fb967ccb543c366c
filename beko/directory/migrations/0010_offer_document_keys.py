"""Fill the facet keys (search 0004) of the offers' search documents.

From now on every re-index writes them (directory/search.py `facet_keys`); this catches up
the documents indexed before. Only the `keys` column changes (no re-tokenising).
"""

from django.db import migrations


def fill_keys(apps, schema_editor):
    from beko.directory.search import facet_keys

    ContentType = apps.get_model("contenttypes", "ContentType")
    SearchDocument = apps.get_model("search", "SearchDocument")
    Offer = apps.get_model("directory", "Offer")
    content_type = ContentType.objects.filter(app_label="directory", model="offer").first()
    if content_type is None:
        return
    offers = Offer.objects.prefetch_related("categories", "languages", "locations")
    batch = []
    documents = SearchDocument.objects.filter(content_type=content_type).only("id", "object_id")
    for document in documents.iterator(2000):
        batch.append(document)
        if len(batch) == 2000:
            _update(batch, offers, SearchDocument, facet_keys)
            batch = []
    if batch:
        _update(batch, offers, SearchDocument, facet_keys)


def _update(batch, offers, SearchDocument, facet_keys):
    by_id = offers.in_bulk([d.object_id for d in batch])
    for document in batch:
        offer = by_id.get(document.object_id)
        document.keys = " ".join(facet_keys(offer)) if offer is not None else ""
    SearchDocument.objects.bulk_update(batch, ["keys"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0009_shared_target_group_and_residence_codes"),
        ("search", "0004_document_keys"),
    ]

    operations = [migrations.RunPython(fill_keys, migrations.RunPython.noop)]
