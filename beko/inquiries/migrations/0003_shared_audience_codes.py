"""Asker types use the shared audience codes (beko.core.vocabulary.Audience, issue 19):
volunteer -> volunteers, employer -> employers, association -> associations; counselling and
other stay. Reversible (one code for one code)."""

from django.db import migrations, models

RENAMED = {"volunteer": "volunteers", "employer": "employers", "association": "associations"}


def _rename(apps, mapping):
    Inquiry = apps.get_model("inquiries", "Inquiry")
    for old, new in mapping.items():
        Inquiry.objects.filter(asker_type=old).update(asker_type=new)


def to_shared_codes(apps, schema_editor):
    _rename(apps, RENAMED)


def to_asker_codes(apps, schema_editor):
    _rename(apps, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):

    dependencies = [
        ('inquiries', '0002_private_storage_by_reference'),
    ]

    operations = [
        migrations.AlterField(
            model_name='inquiry',
            name='asker_type',
            field=models.CharField(choices=[('volunteers', 'Ehrenamtliche'), ('employers', 'Unternehmen'), ('associations', 'Vereine und Initiativen'), ('counselling', 'Beratungsstellen'), ('other', 'Sonstige')], max_length=20, verbose_name='Wer fragt'),
        ),
        migrations.RunPython(to_shared_codes, to_asker_codes),
    ]
