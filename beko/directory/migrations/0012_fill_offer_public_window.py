"""Fill the offers' public windows (0011) from the rule the search documents use.

From now on the services write them with every change to an input; this catches up the
offers saved before. Backwards the columns are emptied: NULL public_from means "not public",
the safe state for code that does not know them.
"""

from django.db import migrations


def fill_windows(apps, schema_editor):
    from beko.directory.search import public_columns

    Offer = apps.get_model("directory", "Offer")
    offers = Offer.objects.select_related("organisation").only(
        "status", "valid_from", "valid_until", "last_verified_at", "created_at",
        "public_from", "public_until", "organisation__is_public",
    )  # fmt: skip
    batch = []
    for offer in offers.order_by("pk").iterator(chunk_size=2000):
        offer.public_from, offer.public_until = public_columns(offer)
        batch.append(offer)
        if len(batch) == 2000:
            Offer.objects.bulk_update(batch, ["public_from", "public_until"], batch_size=500)
            batch = []
    Offer.objects.bulk_update(batch, ["public_from", "public_until"], batch_size=500)


def clear_windows(apps, schema_editor):
    Offer = apps.get_model("directory", "Offer")
    Offer.objects.update(public_from=None, public_until=None)


class Migration(migrations.Migration):
    dependencies = [("directory", "0011_offer_public_window")]

    operations = [migrations.RunPython(fill_windows, clear_windows)]
