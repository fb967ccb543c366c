from django.db import migrations


def forwards(apps, schema_editor):
    from beko.core.seed import legal
    from beko.core.seed.pages import FOOTER_PAGES, OLD_TEMPLATE_MARKER

    LegalDetails = apps.get_model("core", "LegalDetails")
    LegalDetails.objects.get_or_create(pk=1, defaults=legal.defaults())
    # Replace the old template texts ("[Name der Behörde]") only where staff left them.
    Page = apps.get_model("core", "Page")
    for data in FOOTER_PAGES:
        page = Page.objects.filter(slug=data["slug"]).first()
        if page is None or OLD_TEMPLATE_MARKER not in (page.body_de or ""):
            continue
        page.body = page.body_de = data["body"]
        page.intro = page.intro_de = data["intro"]
        page.save()


class Migration(migrations.Migration):
    dependencies = [("core", "0006_legal_details")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
