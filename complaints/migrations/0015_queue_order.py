"""The queue's order (deadline, nulls last; then submitted_at and id) as an index on PostgreSQL, so
a page of the queue is read through it, not sorted out of every case. SQLite cannot index NULLS
LAST; its queues are a small office's."""

from django.db import migrations

CREATE = (
    'CREATE INDEX IF NOT EXISTS "case_queue_order" ON "complaints_case" '
    '("deadline" ASC NULLS LAST, "submitted_at" ASC, "id" ASC)'
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('DROP INDEX IF EXISTS "case_queue_order"')


class Migration(migrations.Migration):
    dependencies = [("complaints", "0014_incidents")]

    operations = [migrations.RunPython(create, drop)]
