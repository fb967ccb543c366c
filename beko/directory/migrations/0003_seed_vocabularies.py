from django.db import migrations

DISTRICTS = [
    ("Elberfeld", "elberfeld", "51.256200", "7.150800"),
    ("Elberfeld-West", "elberfeld-west", "51.254600", "7.118300"),
    ("Uellendahl-Katernberg", "uellendahl-katernberg", "51.281200", "7.150000"),
    ("Vohwinkel", "vohwinkel", "51.233600", "7.083300"),
    ("Cronenberg", "cronenberg", "51.206800", "7.133300"),
    ("Barmen", "barmen", "51.271600", "7.199100"),
    ("Oberbarmen", "oberbarmen", "51.273800", "7.229400"),
    ("Heckinghausen", "heckinghausen", "51.262300", "7.224700"),
    ("Langerfeld-Beyenburg", "langerfeld-beyenburg", "51.276800", "7.270000"),
    ("Ronsdorf", "ronsdorf", "51.227900", "7.208000"),
]

# (slug, name, parent slug)
CATEGORIES = [
    ("arbeit-beruf", "Arbeit & Beruf", None),
    ("ausbildung", "Ausbildung", None),
    ("anerkennung", "Anerkennung", None),
    ("sprache", "Sprache", None),
    ("beratung", "Beratung", None),
    ("beratung-migration", "Migrationsberatung", "beratung"),
    ("beratung-recht", "Rechtsberatung", "beratung"),
    ("beratung-schulden", "Schuldnerberatung", "beratung"),
    ("beratung-gesundheit", "Gesundheitsberatung", "beratung"),
    ("wohnen", "Wohnen", None),
    ("kinder-familie", "Kinder & Familie", None),
    ("schule", "Schule", None),
    ("gesundheit", "Gesundheit", None),
    ("begegnung-freizeit", "Begegnung & Freizeit", None),
    ("ehrenamt-patenschaften", "Ehrenamt & Patenschaften", None),
    ("frauen", "Frauen", None),
    ("jugend", "Jugend", None),
]

CATEGORY_NAMES_EN = {
    "arbeit-beruf": "Work & career", "ausbildung": "Vocational training", "anerkennung": "Recognition of qualifications",
    "sprache": "Language", "beratung": "Counselling", "beratung-migration": "Migration counselling",
    "beratung-recht": "Legal advice", "beratung-schulden": "Debt counselling", "beratung-gesundheit": "Health counselling",
    "wohnen": "Housing", "kinder-familie": "Children & family", "schule": "School", "gesundheit": "Health",
    "begegnung-freizeit": "Meeting & leisure", "ehrenamt-patenschaften": "Volunteering & mentoring",
    "frauen": "Women", "jugend": "Youth",
}

LANGUAGES = [
    ("de", "Deutsch", "Deutsch"),
    ("en", "Englisch", "English"),
    ("ar", "Arabisch", "العربية"),
    ("fa", "Persisch (Farsi/Dari)", "فارسی"),
    ("uk", "Ukrainisch", "Українська"),
    ("tr", "Türkisch", "Türkçe"),
    ("ru", "Russisch", "Русский"),
    ("fr", "Französisch", "Français"),
    ("ku", "Kurdisch", "Kurdî"),
    ("ti", "Tigrinya", "ትግርኛ"),
    ("so", "Somali", "Soomaali"),
    ("ps", "Paschtu", "پښتو"),
    ("sq", "Albanisch", "Shqip"),
    ("ro", "Rumänisch", "Română"),
    ("pl", "Polnisch", "Polski"),
    ("es", "Spanisch", "Español"),
    ("sgn", "Deutsche Gebärdensprache", "DGS"),
]


def seed(apps, schema_editor):
    District = apps.get_model("directory", "District")
    Category = apps.get_model("directory", "Category")
    Language = apps.get_model("directory", "Language")
    for position, (name, slug, lat, lon) in enumerate(DISTRICTS):
        District.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position, "latitude": lat, "longitude": lon}
        )
    by_slug = {}
    for position, (slug, name, parent) in enumerate(CATEGORIES):
        by_slug[slug], _ = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_de": name,
                "name_en": CATEGORY_NAMES_EN.get(slug, ""),
                "position": position,
                "parent": by_slug.get(parent),
            },
        )
    for position, (code, name, native) in enumerate(LANGUAGES):
        Language.objects.get_or_create(
            code=code, defaults={"name": name, "native_name": native, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_offers")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
