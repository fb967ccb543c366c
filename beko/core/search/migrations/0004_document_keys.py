from django.db import migrations, models

# A plain ADD COLUMN: Django's SQLite schema editor would rebuild the table for a NOT NULL
# column, which drops the FTS5 triggers of migration 0001 (and reads 100,000 rows).
FORWARD = "ALTER TABLE search_searchdocument ADD COLUMN keys text NOT NULL DEFAULT ''"
BACKWARD = "ALTER TABLE search_searchdocument DROP COLUMN keys"


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_term_word"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(FORWARD, BACKWARD)],
            state_operations=[
                migrations.AddField(
                    model_name="searchdocument",
                    name="keys",
                    field=models.TextField(blank=True, default=""),
                ),
            ],
        ),
    ]
