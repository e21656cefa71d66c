"""The database marks a case's kept public status stale at every change the status shows, whoever
writes it (a view, a task, the admin, a bulk update, psql), so the look-up reads one row of one
table and finds only what is current (intake/status_pages.py). A change is:

- an update of the case's shown fields (status, reason, primary, deadline, last update);
- an event of its timeline or a forwarding of it, written, changed or deleted;

and it makes stale the case's statuses and those of the duplicates that follow it (`followed`).

On PostgreSQL, each change first locks the case's row, as a builder holds it shared (FOR SHARE)
from reading the case to keeping what it built: a change waits for a build in progress and then
marks it stale, and a build waits for a change in progress and then reads it. On SQLite every
write transaction runs alone (IMMEDIATE).

Not a migration (the loader skips names starting with "_"): migration 0018 on calls `create`. On
SQLite, a migration that rebuilds one of these tables (most AlterFields do) drops its triggers:
call `create` again after it (tests/intake/test_kept_status.py fails while they are missing).
"""

SHOWN = ("status", "updated_at", "deadline", "rejection_reason", "duplicate_of_id", "ticket")
CHILDREN = ("complaints_caseevent", "complaints_forwarding")
_STALE = "UPDATE complaints_keptstatus SET stale = true WHERE (case_id = {id} OR followed_id = {id}) AND NOT stale"

_POSTGRESQL = [
    f"""
CREATE OR REPLACE FUNCTION complaints_case_status_shown() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  {_STALE.format(id="NEW.id")};
  RETURN NEW;
END $$""",
    f"""
CREATE TRIGGER complaints_case_status_shown BEFORE UPDATE ON complaints_case FOR EACH ROW
WHEN ({" OR ".join(f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in SHOWN)})
EXECUTE FUNCTION complaints_case_status_shown()""",
    f"""
CREATE OR REPLACE FUNCTION complaints_case_child_shown() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed bigint;
BEGIN
  FOREACH changed IN ARRAY (CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW.case_id] WHEN 'DELETE' THEN ARRAY[OLD.case_id]
                            ELSE ARRAY(SELECT DISTINCT unnest(ARRAY[OLD.case_id, NEW.case_id]) ORDER BY 1) END) LOOP
    PERFORM 1 FROM complaints_case WHERE id = changed FOR NO KEY UPDATE;  -- waits for a build in progress
    {_STALE.format(id="changed")};
  END LOOP;
  RETURN NULL;
END $$""",
    *(
        f"""
CREATE TRIGGER {table}_status_shown AFTER INSERT OR UPDATE OR DELETE ON {table} FOR EACH ROW
EXECUTE FUNCTION complaints_case_child_shown()"""
        for table in CHILDREN
    ),
]

_SQLITE = [
    f"""
CREATE TRIGGER complaints_case_status_shown AFTER UPDATE ON complaints_case FOR EACH ROW
WHEN {" OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in SHOWN)}
BEGIN
  {_STALE.format(id="NEW.id")};
END""",
    *(
        f"""
CREATE TRIGGER {table}_status_shown_{operation.lower()} AFTER {operation} ON {table} FOR EACH ROW
BEGIN
  {body};
END"""
        for table in CHILDREN
        for operation, body in (
            ("INSERT", _STALE.format(id="NEW.case_id")),
            ("DELETE", _STALE.format(id="OLD.case_id")),
            ("UPDATE", f"{_STALE.format(id='OLD.case_id')}; {_STALE.format(id='NEW.case_id')}"),
        )
    ),
]

TRIGGERS = {  # vendor: {trigger: its table}
    "postgresql": {
        "complaints_case_status_shown": "complaints_case",
        **{f"{table}_status_shown": table for table in CHILDREN},
    },
    "sqlite": {
        "complaints_case_status_shown": "complaints_case",
        **{f"{table}_status_shown_{op}": table for table in CHILDREN for op in ("insert", "delete", "update")},
    },
}


def create(apps, schema_editor) -> None:
    """Make (or make again) the triggers on this database."""
    drop(apps, schema_editor)
    for statement in {"postgresql": _POSTGRESQL, "sqlite": _SQLITE}[schema_editor.connection.vendor]:
        schema_editor.execute(statement)


def drop(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for name, table in TRIGGERS[vendor].items():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if vendor == "postgresql" else ""))
