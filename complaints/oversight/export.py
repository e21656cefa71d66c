"""The queue as a file (DESIGN §6, `GET /api/v1/cases/export/`): CSV streamed row by row, or XLSX.

Never the reporter's identity, nor the description or the screenshots' text, which a reporter
may have signed: an export leaves the portal, in emails and on shared drives. A cell that a
spreadsheet would run as a formula is written as text.
"""

import csv
import tempfile
from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from ..models import Case, Forwarding

CHUNK = 2000  # rows read from the database at a time: memory stays flat at any size
MAX_XLSX_ROWS = 200_000  # a spreadsheet that large is slow to open; more goes as CSV
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _local(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


COLUMNS = [
    ("ticket", lambda case: case.ticket),
    ("status", lambda case: case.status),
    ("source", lambda case: case.source),
    ("submitted_at", lambda case: _local(case.submitted_at)),
    ("first_action_at", lambda case: _local(case.first_action_at)),
    ("deadline", lambda case: case.deadline.isoformat() if case.deadline else ""),
    ("asn_name", lambda case: case.asn_name),
    ("asn_nip", lambda case: case.asn_nip),
    ("asn_agency", lambda case: case.asn_agency),
    ("asn_position", lambda case: case.asn_position),
    ("region", lambda case: case.asn_region_id),
    ("region_name", lambda case: case.asn_region.name),
    ("province", lambda case: case.asn_region_id[:2]),
    ("platform", lambda case: case.platform),
    ("post_url", lambda case: case.post_url),
    ("incident_date", lambda case: case.incident_date.isoformat()),
    ("known_date", lambda case: case.known_date.isoformat()),
    ("election", lambda case: case.election.slug),
    ("category", lambda case: case.category),
    ("behaviour", lambda case: case.behaviour.code if case.behaviour else ""),
    ("severity", lambda case: case.severity),
    ("legal_basis", lambda case: case.legal_basis),
    ("rejection_reason", lambda case: case.rejection_reason),
    ("duplicate_of", lambda case: case.duplicate_of.ticket if case.duplicate_of else ""),
    ("assignee", lambda case: case.assignee.username if case.assignee else ""),
    ("agencies", lambda case: "; ".join(f.agency.name for f in case.forwardings.all())),
    ("outcomes", lambda case: "; ".join(f"{f.agency.name}: {f.outcome}" for f in case.forwardings.all() if f.outcome)),
    ("ended_at", lambda case: _local(case.ended_at)),
]
HEADER = [name for name, _value in COLUMNS]


def _safe(value: str) -> str:
    """Write a value a spreadsheet would run as a formula as text (OWASP's CSV injection advice)."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _rows(cases: QuerySet[Case]) -> Iterator[list[str]]:
    cases = cases.select_related("asn_region", "election", "behaviour", "assignee", "duplicate_of").prefetch_related(
        Prefetch("forwardings", queryset=Forwarding.objects.select_related("agency").order_by("pk"))
    )
    for case in cases.iterator(chunk_size=CHUNK):
        yield [_safe(value(case)) for _name, value in COLUMNS]


class _Line:
    """A file-like object that hands back what the csv writer wrote, one line at a time."""

    def write(self, text: str) -> str:
        return text


def csv_lines(cases: QuerySet[Case]) -> Iterator[bytes]:
    """Yield the CSV, a byte string per row, with a BOM so that a spreadsheet reads it as UTF-8."""
    writer = csv.writer(_Line())
    yield "\ufeff".encode() + writer.writerow(HEADER).encode()
    for row in _rows(cases):
        yield writer.writerow(row).encode()


def xlsx_file(cases: QuerySet[Case]):
    """Return an open temporary file holding the workbook (written row by row, never whole in memory)."""
    from openpyxl import Workbook  # only an XLSX export needs it

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="kasus")
    sheet.append(HEADER)
    for row in _rows(cases):
        sheet.append(row)
    output = tempfile.TemporaryFile()  # noqa: SIM115 (the response streams it, then closes it)
    workbook.save(output)
    output.seek(0)
    return output
