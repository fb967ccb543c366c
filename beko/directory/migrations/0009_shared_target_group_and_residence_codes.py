"""Offers use the shared vocabularies (beko.core.vocabulary, issue 19).

Target groups are the shared audiences: "professionals" (Fachkräfte, the staff of counselling
services; the news and events apps already treated it as the counselling audience) becomes
"counselling". Residence statuses use the guide's code for § 24: "para24" becomes
"temporary_protection". Offers (",a,b," lists) and the proposed values of offer changes (JSON
lists; a pending proposal applied later must bring the new codes) are rewritten. Reversible.
"""

from django.db import migrations

TARGET_GROUPS = {"professionals": "counselling"}
RESIDENCE_STATUSES = {"para24": "temporary_protection"}


def _map_list(values, mapping):
    return list(dict.fromkeys(mapping.get(v, v) for v in values))


def _encode(values):
    return f",{','.join(values)}," if values else ""


def _rewrite(apps, target_groups, residence_statuses):
    Offer = apps.get_model("directory", "Offer")
    OfferChange = apps.get_model("directory", "OfferChange")
    changed = []
    for field, mapping in (("target_groups", target_groups), ("residence_statuses", residence_statuses)):
        for old in mapping:
            for offer in Offer.objects.filter(**{f"{field}__contains": f",{old},"}).only("pk", field):
                values = _map_list([v for v in getattr(offer, field).split(",") if v], mapping)
                setattr(offer, field, _encode(values))
                changed.append((offer, field))
    for offer, field in changed:
        Offer.objects.filter(pk=offer.pk).update(**{field: getattr(offer, field)})
    for change in OfferChange.objects.all().only("pk", "data").iterator():
        data = change.data if isinstance(change.data, dict) else {}
        new = dict(data)
        for field, mapping in (("target_groups", target_groups), ("residence_statuses", residence_statuses)):
            if isinstance(data.get(field), list):
                new[field] = _map_list(data[field], mapping)
        if new != data:
            OfferChange.objects.filter(pk=change.pk).update(data=new)


def to_shared_codes(apps, schema_editor):
    _rewrite(apps, TARGET_GROUPS, RESIDENCE_STATUSES)


def to_directory_codes(apps, schema_editor):
    _rewrite(
        apps,
        {new: old for old, new in TARGET_GROUPS.items()},
        {new: old for old, new in RESIDENCE_STATUSES.items()},
    )


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0008_location_changes'),
    ]

    operations = [
        migrations.RunPython(to_shared_codes, to_directory_codes),
    ]
