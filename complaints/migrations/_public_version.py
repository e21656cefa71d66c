"""The database raises `complaints_case.public_version` at every change a case's public status
shows, whoever writes it (a view, a task, the admin, a bulk update, psql), so a status page kept
at another version is known stale in the look-up's one query (intake/status_pages.py):

- an update of the case's shown fields (status, reason, primary, deadline, last update);
- an event of its timeline or a forwarding of it, written, changed or deleted.

A copy of the case saved from Python carries the version it was read at; it never lowers it.

Not a migration (the loader skips names starting with "_"): migrations 0018 on call `create`. On
SQLite, a migration that rebuilds one of these tables (most AlterFields do) drops its triggers:
call `create` again after it (tests/intake/test_status_pages.py fails while they are missing).
"""

SHOWN = ("status", "updated_at", "deadline", "rejection_reason", "duplicate_of_id", "ticket")
CHILDREN = ("complaints_caseevent", "complaints_forwarding")

_POSTGRESQL = [
    """
CREATE OR REPLACE FUNCTION complaints_case_public_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.public_version := GREATEST(OLD.public_version, NEW.public_version) + 1;
  RETURN NEW;
END $$""",
    f"""
CREATE TRIGGER complaints_case_public_version BEFORE UPDATE ON complaints_case FOR EACH ROW
WHEN (NEW.public_version < OLD.public_version OR {" OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in SHOWN)})
EXECUTE FUNCTION complaints_case_public_version()""",
    """
CREATE OR REPLACE FUNCTION complaints_case_child_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE complaints_case SET public_version = public_version + 1 WHERE id = OLD.case_id;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.case_id <> OLD.case_id) THEN
    UPDATE complaints_case SET public_version = public_version + 1 WHERE id = NEW.case_id;
  END IF;
  RETURN NULL;
END $$""",
    *(
        f"""
CREATE TRIGGER {table}_public_version AFTER INSERT OR UPDATE OR DELETE ON {table} FOR EACH ROW
EXECUTE FUNCTION complaints_case_child_changed()"""
        for table in CHILDREN
    ),
]

# SQLite: no assignment to NEW, so the case's own row is raised after the update (a trigger's own
# update does not fire triggers again: recursive_triggers is off).
_SQLITE = [
    f"""
CREATE TRIGGER complaints_case_public_version AFTER UPDATE ON complaints_case FOR EACH ROW
WHEN NEW.public_version < OLD.public_version OR {" OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in SHOWN)}
BEGIN
  UPDATE complaints_case SET public_version = max(OLD.public_version, NEW.public_version) + 1 WHERE id = NEW.id;
END""",
    *(
        f"""
CREATE TRIGGER {table}_public_version_{operation.lower()} AFTER {operation} ON {table} FOR EACH ROW
BEGIN
  {body}
END"""
        for table in CHILDREN
        for operation, body in (
            ("INSERT", "UPDATE complaints_case SET public_version = public_version + 1 WHERE id = NEW.case_id;"),
            ("DELETE", "UPDATE complaints_case SET public_version = public_version + 1 WHERE id = OLD.case_id;"),
            (
                "UPDATE",
                "UPDATE complaints_case SET public_version = public_version + 1 WHERE id IN (OLD.case_id, NEW.case_id);",
            ),
        )
    ),
]

TRIGGERS = {  # vendor: the names create() makes
    "postgresql": ["complaints_case_public_version", *(f"{table}_public_version" for table in CHILDREN)],
    "sqlite": [
        "complaints_case_public_version",
        *(f"{table}_public_version_{op}" for table in CHILDREN for op in ("insert", "delete", "update")),
    ],
}


def create(apps, schema_editor) -> None:
    """Make (or make again) the triggers on this database."""
    drop(apps, schema_editor)
    for statement in {"postgresql": _POSTGRESQL, "sqlite": _SQLITE}[schema_editor.connection.vendor]:
        schema_editor.execute(statement)


def drop(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for name in TRIGGERS[vendor]:
        table = "complaints_case" if name.startswith("complaints_case_") else name.rsplit("_public_version", 1)[0]
        on = f" ON {table}" if vendor == "postgresql" else ""
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}{on}")
