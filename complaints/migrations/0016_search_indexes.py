"""Search at a million cases on PostgreSQL (issue 14): trigram indexes for the words of a name,
an agency and a description, a prefix index for a NIP (`ILIKE '%…%'` read through them, not a scan of every case),
and the screenshots' text as a stored, GIN-indexed `tsvector` (computed once when the OCR text is
written, not for every row at every search). SQLite searches with plain scans: a small office's."""

from django.db import migrations

TRIGRAM_COLUMNS = ("asn_name", "asn_agency", "description")
CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        f'CREATE INDEX IF NOT EXISTS "case_{column}_trgm" ON "complaints_case" USING gin ("{column}" gin_trgm_ops)'
        for column in TRIGRAM_COLUMNS
    ),
    # A NIP is digits that every NIP shares runs of ("000", "198"): trigrams sort it badly. It
    # is searched from its start (a birth date, then the appointment), through a prefix index.
    'CREATE INDEX IF NOT EXISTS "case_asn_nip_prefix" ON "complaints_case" ("asn_nip" text_pattern_ops)',
    'ALTER TABLE "complaints_evidence" ADD COLUMN IF NOT EXISTS "ocr_vector" tsvector '
    "GENERATED ALWAYS AS (to_tsvector('simple', \"ocr_text\")) STORED",
    'CREATE INDEX IF NOT EXISTS "evidence_ocr_vector" ON "complaints_evidence" USING gin ("ocr_vector")',
]
DROP = [
    'DROP INDEX IF EXISTS "evidence_ocr_vector"',
    'ALTER TABLE "complaints_evidence" DROP COLUMN IF EXISTS "ocr_vector"',
    'DROP INDEX IF EXISTS "case_asn_nip_prefix"',
    *(f'DROP INDEX IF EXISTS "case_{column}_trgm"' for column in TRIGRAM_COLUMNS),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0015_queue_order")]

    operations = [migrations.RunPython(create, drop)]
