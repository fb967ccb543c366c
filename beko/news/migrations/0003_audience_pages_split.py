"""One audience page for counselling services and one for associations, instead of one for
both: each gets its own questions, offers and guide entry (issue 20).

The old joint page becomes the counselling page (new address /fuer-beratungsstellen/; the
old one redirects, see views.LEGACY_AUDIENCE_SLUGS). Its German texts are replaced only
where staff left the starting texts unchanged; translations then show as outdated.
"""

from django.db import migrations, models

OLD_TITLE = "Für Beratungsstellen und Vereine"
OLD_INTRO = (
    "Machen Sie Ihre Angebote sichtbar, vernetzen Sie sich und kommen Sie zu unseren "
    "Netzwerktreffen."
)


def split(apps, schema_editor):
    from beko.news.seed import AUDIENCE_PAGES

    AudiencePage = apps.get_model("news", "AudiencePage")
    seeds = {data["audience"]: data for data in AUDIENCE_PAGES}
    old = AudiencePage.objects.filter(audience="organisations").first()
    if old is not None:
        counselling = seeds["counselling"]
        old.audience = "counselling"
        old.slug = counselling["slug"]
        old.position = counselling["position"]
        if old.title_de == OLD_TITLE:
            old.title = old.title_de = counselling["title"]
        if old.intro_de == OLD_INTRO:
            old.intro = old.intro_de = counselling["intro"]
            old.body = old.body_de = counselling["body"]
        old.save()
    for audience in ("counselling", "associations", "about"):
        data = seeds[audience]
        page, created = AudiencePage.objects.get_or_create(
            audience=audience,
            defaults={
                "slug": data["slug"],
                "position": data["position"],
                **{f"{field}{suffix}": data[field] for field in ("title", "intro", "body") for suffix in ("", "_de")},
            },
        )
        if not created and page.position != data["position"]:
            page.position = data["position"]
            page.save(update_fields=["position"])


def join(apps, schema_editor):
    AudiencePage = apps.get_model("news", "AudiencePage")
    AudiencePage.objects.filter(audience="associations").delete()
    AudiencePage.objects.filter(audience="counselling").update(
        audience="organisations", slug="fuer-beratungsstellen-und-vereine"
    )


class Migration(migrations.Migration):
    dependencies = [("news", "0002_seed_audience_pages")]

    operations = [
        migrations.AlterField(
            model_name="audiencepage",
            name="audience",
            field=models.CharField(
                choices=[
                    ("volunteers", "Ehrenamtliche"),
                    ("employers", "Unternehmen"),
                    ("counselling", "Beratungsstellen"),
                    ("associations", "Vereine und Initiativen"),
                    ("organisations", "Beratungsstellen und Vereine"),
                    ("about", "Über uns"),
                ],
                max_length=20,
                unique=True,
                verbose_name="Zielgruppe",
            ),
        ),
        migrations.RunPython(split, join),
        migrations.AlterField(
            model_name="audiencepage",
            name="audience",
            field=models.CharField(
                choices=[
                    ("volunteers", "Ehrenamtliche"),
                    ("employers", "Unternehmen"),
                    ("counselling", "Beratungsstellen"),
                    ("associations", "Vereine und Initiativen"),
                    ("about", "Über uns"),
                ],
                max_length=20,
                unique=True,
                verbose_name="Zielgruppe",
            ),
        ),
    ]
