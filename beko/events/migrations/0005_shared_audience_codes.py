"""Events use the shared audience codes (beko.core.vocabulary.Audience, issue 19).

The events' own audience "organisations" (Beratungsstellen und Vereine) becomes the two shared
audiences it stood for, "counselling" and "associations" (the news app already showed such
events on both audience pages). volunteers, employers and refugees keep their codes.
Backwards: counselling and/or associations become one "organisations" row.
"""

from django.db import migrations, models

SPLIT = {"organisations": ("counselling", "associations")}


def to_shared_codes(apps, schema_editor):
    EventAudience = apps.get_model("events", "EventAudience")
    for old, new_codes in SPLIT.items():
        rows = EventAudience.objects.filter(audience=old)
        event_ids = list(rows.values_list("event_id", flat=True))
        for code in new_codes:
            have = set(
                EventAudience.objects.filter(event_id__in=event_ids, audience=code).values_list(
                    "event_id", flat=True
                )
            )
            EventAudience.objects.bulk_create(
                EventAudience(event_id=event_id, audience=code)
                for event_id in event_ids
                if event_id not in have
            )
        rows.delete()


def to_event_codes(apps, schema_editor):
    EventAudience = apps.get_model("events", "EventAudience")
    for old, new_codes in SPLIT.items():
        rows = EventAudience.objects.filter(audience__in=new_codes)
        event_ids = set(rows.values_list("event_id", flat=True))
        have = set(
            EventAudience.objects.filter(event_id__in=event_ids, audience=old).values_list(
                "event_id", flat=True
            )
        )
        EventAudience.objects.bulk_create(
            EventAudience(event_id=event_id, audience=old)
            for event_id in sorted(event_ids - have)
        )
        rows.delete()


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0004_registration_seats_index'),
    ]

    operations = [
        migrations.AlterField(
            model_name='eventaudience',
            name='audience',
            field=models.CharField(choices=[('volunteers', 'Ehrenamtliche'), ('employers', 'Unternehmen'), ('counselling', 'Beratungsstellen'), ('associations', 'Vereine und Initiativen'), ('refugees', 'Geflüchtete')], max_length=20),
        ),
        migrations.RunPython(to_shared_codes, to_event_codes),
    ]
