# The keyword search index for matching (ADR 24): an FTS5 table on SQLite, a tsvector table with
# a GIN index on PostgreSQL. Kept in step in code (alongside.directory.search), not by triggers.
# No foreign key on PostgreSQL: Django's test flush truncates directory_service without CASCADE.

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_service_fts USING fts5("
    "service_id UNINDEXED, name, description, audience, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)
POSTGRES_CREATE = [
    "CREATE TABLE IF NOT EXISTS directory_service_search ("
    "service_id uuid PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS directory_service_search_document "
    "ON directory_service_search USING GIN (document)",
]


def create(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in POSTGRES_CREATE:
                cursor.execute(statement)
            cursor.execute(
                "INSERT INTO directory_service_search (service_id, document) SELECT id, "
                "setweight(to_tsvector('english', name), 'A') || "
                "setweight(to_tsvector('english', audience), 'B') || "
                "setweight(to_tsvector('english', description), 'C') "
                "FROM directory_service WHERE status = 'active' ON CONFLICT DO NOTHING"
            )
        elif connection.vendor == "sqlite":
            cursor.execute(SQLITE_CREATE)
            Service = apps.get_model("directory", "Service")
            rows = Service.objects.filter(status="active").values_list(
                "id", "name", "description", "audience"
            )
            cursor.executemany(
                "INSERT INTO directory_service_fts (rowid, service_id, name, description, audience) "
                "VALUES (%s, %s, %s, %s, %s)",
                [(int(i.hex[-15:], 16), i.hex, n, d, a) for i, n, d, a in rows],
            )


def drop(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TABLE IF EXISTS directory_service_search")
        elif connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS directory_service_fts")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_directory"),
    ]

    operations = [migrations.RunPython(create, drop)]
