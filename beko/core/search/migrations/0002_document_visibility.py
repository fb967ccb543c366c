from django.db import migrations, models

# The FTS5 update trigger re-tokenises a document; only text changes need that (setting a
# visibility window must not re-index 100,000 documents).
SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS search_doc_au",
    """CREATE TRIGGER search_doc_au AFTER UPDATE OF title, summary, body ON search_searchdocument
    BEGIN
        INSERT INTO search_searchdocument_fts(search_searchdocument_fts, rowid, title, summary, body)
        VALUES ('delete', old.id, old.title, old.summary, old.body);
        INSERT INTO search_searchdocument_fts(rowid, title, summary, body)
        VALUES (new.id, new.title, new.summary, new.body);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_doc_au",
    """CREATE TRIGGER search_doc_au AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_searchdocument_fts(search_searchdocument_fts, rowid, title, summary, body)
        VALUES ('delete', old.id, old.title, old.summary, old.body);
        INSERT INTO search_searchdocument_fts(rowid, title, summary, body)
        VALUES (new.id, new.title, new.summary, new.body);
    END""",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="visible_from",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="visible_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(_run(SQLITE_FORWARD), _run(SQLITE_BACKWARD)),
    ]
