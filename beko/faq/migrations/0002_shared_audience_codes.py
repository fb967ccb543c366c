"""FAQ audiences use the shared codes of beko.core.vocabulary.Audience (plural, as the
audience pages, events and the directory spell them)."""

from django.db import migrations

OLD_TO_NEW = {"volunteer": "volunteers", "employer": "employers", "association": "associations"}


def _recode(apps, mapping):
    FaqEntry = apps.get_model("faq", "FaqEntry")
    for entry in FaqEntry.objects.exclude(audiences="").only("pk", "audiences"):
        codes = sorted({mapping.get(code, code) for code in entry.audiences.split()})
        recoded = f" {' '.join(codes)} " if codes else ""
        if recoded != entry.audiences:
            FaqEntry.objects.filter(pk=entry.pk).update(audiences=recoded)


def forwards(apps, schema_editor):
    _recode(apps, OLD_TO_NEW)


def backwards(apps, schema_editor):
    _recode(apps, {new: old for old, new in OLD_TO_NEW.items()})


class Migration(migrations.Migration):
    dependencies = [("faq", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
