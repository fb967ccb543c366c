from django.db import migrations


def seed(apps, schema_editor):
    from beko.core.seed.pages import FOOTER_PAGES

    Page = apps.get_model("core", "Page")
    for position, data in enumerate(FOOTER_PAGES):
        Page.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "title_de": data["title"],
                "intro": data["intro"],
                "intro_de": data["intro"],
                "body": data["body"],
                "body_de": data["body"],
                "placement": "footer",
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
