from django.db import migrations


def seed(apps, schema_editor):
    from beko.news.seed import AUDIENCE_PAGES

    AudiencePage = apps.get_model("news", "AudiencePage")
    for data in AUDIENCE_PAGES:
        AudiencePage.objects.get_or_create(
            audience=data["audience"],
            defaults={
                "slug": data["slug"],
                "position": data["position"],
                **{f"{field}{suffix}": data[field] for field in ("title", "intro", "body") for suffix in ("", "_de")},
            },
        )


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
