"""PostgreSQL: the full-text match reads a narrow table (`search_match`), not the documents.

A search touches every matching row: 35,000 of 100,000 offers for `Sprache`. In
`search_searchdocument` each row also carries the title, summary and body (1.3 kB a row,
132 MB), so the bitmap heap scan behind every broad query visits wide rows for the few
columns it needs (window, keys, the tsvector). `search_match` holds only those (87 MB), kept
in step by triggers as the FTS5 table is on SQLite (migration 0001); the SQL reading the
match at 100,000 offers took 10–20 % less time (docs/architecture.md, "Search").

Statement-level triggers with transition tables: the index writes documents in batches of
1,000 (bulk insert, bulk delete), so one trigger call per statement, not per row. Deletes and
updates find their rows through the primary key (`= ANY(ARRAY(...))`; a join with the
transition table, which has no statistics, may be planned as a scan of the whole table).
TRUNCATE (Django's test database flush) empties the match table too.
SQLite: nothing changes.
"""

from django.db import migrations

TSV = (
    "setweight(to_tsvector('simple'::regconfig, n.title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, n.summary), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, n.body), 'C')"
)
COLUMNS = "id, content_type_id, object_id, visible_from, visible_until, keys, tsv"
INSERT_NEW = (
    f"INSERT INTO search_match ({COLUMNS}) "
    f"SELECT n.id, n.content_type_id, n.object_id, n.visible_from, n.visible_until, n.keys, {TSV} "
    "FROM new_rows n;"
)
DELETE_OLD = "DELETE FROM search_match WHERE id = ANY(ARRAY(SELECT o.id FROM old_rows o));"

POSTGRES_FORWARD = [
    """CREATE TABLE search_match (
        id bigint PRIMARY KEY,
        content_type_id integer NOT NULL,
        object_id bigint NOT NULL,
        visible_from timestamptz,
        visible_until timestamptz,
        keys text NOT NULL,
        tsv tsvector NOT NULL
    )""",
    # Tokens are already stemmed and folded in Python, so the 'simple' configuration only
    # splits on the spaces; weights A/B/C rank title > summary > body (as in 0001).
    f"""CREATE FUNCTION search_match_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN {INSERT_NEW} RETURN NULL; END $$""",
    f"""CREATE FUNCTION search_match_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN {DELETE_OLD} {INSERT_NEW} RETURN NULL; END $$""",
    f"""CREATE FUNCTION search_match_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN {DELETE_OLD} RETURN NULL; END $$""",
    """CREATE FUNCTION search_match_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN TRUNCATE search_match; RETURN NULL; END $$""",
    """CREATE TRIGGER search_match_ai AFTER INSERT ON search_searchdocument
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_match_insert()""",
    """CREATE TRIGGER search_match_au AFTER UPDATE ON search_searchdocument
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_match_update()""",
    """CREATE TRIGGER search_match_ad AFTER DELETE ON search_searchdocument
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_match_delete()""",
    """CREATE TRIGGER search_match_at AFTER TRUNCATE ON search_searchdocument
    FOR EACH STATEMENT EXECUTE FUNCTION search_match_truncate()""",
    # The existing documents, with the tsvector already computed (a reindex is not needed).
    f"INSERT INTO search_match ({COLUMNS}) SELECT {COLUMNS} FROM search_searchdocument ORDER BY id",
    "CREATE INDEX search_match_tsv ON search_match USING gin (tsv)",
    "DROP INDEX IF EXISTS search_doc_tsv",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS tsv",
    "ANALYZE search_match",
]
POSTGRES_BACKWARD = [
    """ALTER TABLE search_searchdocument ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A') ||
        setweight(to_tsvector('simple'::regconfig, summary), 'B') ||
        setweight(to_tsvector('simple'::regconfig, body), 'C')
    ) STORED""",
    "CREATE INDEX search_doc_tsv ON search_searchdocument USING gin (tsv)",
    "DROP TRIGGER IF EXISTS search_match_at ON search_searchdocument",
    "DROP TRIGGER IF EXISTS search_match_ad ON search_searchdocument",
    "DROP TRIGGER IF EXISTS search_match_au ON search_searchdocument",
    "DROP TRIGGER IF EXISTS search_match_ai ON search_searchdocument",
    "DROP FUNCTION IF EXISTS search_match_truncate()",
    "DROP FUNCTION IF EXISTS search_match_delete()",
    "DROP FUNCTION IF EXISTS search_match_update()",
    "DROP FUNCTION IF EXISTS search_match_insert()",
    "DROP TABLE IF EXISTS search_match",
]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_document_keys"),
    ]

    operations = [
        migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD)),
    ]
