"""Reports as a client sends them to the bench's server, and the wait for the worker to process
their screenshots: shared by the submission scenarios (bench/scenarios/submission.py)."""

import datetime
import functools
import re
import time
from dataclasses import dataclass

import requests
from django.utils import timezone

from bench import serve
from bench.serve import Server

REQUEST_SECONDS = 120  # a bound on one request, not a goal
TICKET_ON_RECEIPT = re.compile(r'id="ticket"[^>]*>\s*(NTR-[0-9A-Z]{4}-[0-9A-Z]{4})')
POLL_SECONDS = 0.1


def report_fields(number: int) -> list[tuple[str, str]]:
    """Return a valid report as multipart fields, with a post and a reporter of its own."""
    election, incident_date, known_date, region, behaviours = _reference()
    fields = {
        "reporter_name": "Pelapor Uji Kinerja",
        "reporter_email": f"pelapor{number}@example.org",
        "reporter_phone": "081234567890",
        "asn_name": "Pengelola akun Diskominfo Kabupaten",
        "asn_nip": "198503152010011002",
        "asn_agency": "Dinas Komunikasi dan Informatika Kabupaten",
        "asn_position": "Kepala Bidang",
        "asn_region": region,
        "election": election,
        "platform": "instagram",
        "post_url": f"https://www.instagram.com/p/Bench{number}/",
        "incident_date": incident_date,
        "known_date": known_date,
        "description": "Akun resmi dinas mengunggah ajakan memilih pasangan calon pada masa kampanye.",
        "consent": "true",
    }
    return [*fields.items(), *(("behaviours", code) for code in behaviours)]


@functools.cache
def _reference() -> tuple[str, str, str, str, list[str]]:
    """Return, from the reference data (read once: the client threads need no database), an
    election open to reports, an incident's day and the next within its stages, a regency and
    two behaviours."""
    from complaints.models import Behaviour, Election, Region

    today = timezone.localdate()
    election, day = next(
        (election, min(election.stages_end, today))
        for election in Election.objects.filter(accepts_reports=True).order_by("-voting_date")
        if election.stages_start <= today
    )
    incident = day - datetime.timedelta(days=1) if day > election.stages_start else day
    region = Region.objects.filter(level=Region.Level.REGENCY).order_by("code").values_list("code", flat=True)[0]
    behaviours = list(Behaviour.objects.filter(is_active=True).order_by("code").values_list("code", flat=True)[:2])
    return election.slug, incident.isoformat(), day.isoformat(), region, behaviours


def prepared_report(server: Server, number: int, image: bytes) -> requests.PreparedRequest:
    """Return `POST /api/v1/reports/` with one screenshot, encoded before any clock starts."""
    files = {"evidence": ("tangkapan-layar.png", image, "image/png")}
    return requests.Request("POST", f"{server.url}/api/v1/reports/", data=report_fields(number), files=files).prepare()


def prepared_upload(server: Server, number: int, image: bytes) -> requests.PreparedRequest:
    """Return the same file to the plain upload view (bench/urls.py)."""
    files = {"evidence": (f"tangkapan-layar-{number}.png", image, "image/png")}
    return requests.Request("POST", f"{server.url}/bench/upload/", files=files).prepare()


def send_resumable(session: requests.Session, server: Server, number: int, image: bytes, *, part_bytes: int):
    """Send the screenshot as the form's script does (tus: open the upload, send it in parts of
    `part_bytes`), then the report naming it (`uploads`) to `/lapor/` and, as the browser follows
    the answer, its receipt; time it all, and the server's CPU.

    An upload belongs to the browser session that sent it, so everything goes in one session
    (`session`), with its CSRF token. The ticket is read from the receipt.
    """
    if "csrftoken" not in session.cookies:
        session.get(f"{server.url}/lapor/", timeout=REQUEST_SECONDS).raise_for_status()
    tus = {"Tus-Resumable": "1.0.0", "X-CSRFToken": session.cookies["csrftoken"]}
    workers, database = server.workers(), serve.postgres_processes()
    before, database_before = serve.cpu_seconds(workers), serve.cpu_seconds(database)
    started = time.perf_counter()
    opened = session.post(
        f"{server.url}/lapor/unggah/",
        headers={**tus, "Upload-Length": str(len(image)), "Upload-Metadata": "filename dGFuZ2thcGFuLnBuZw=="},
        timeout=REQUEST_SECONDS,
    )
    if opened.status_code != 201:
        raise RuntimeError(f"The bench's upload got {opened.status_code}: {opened.text[:200]}")
    location = f"{server.url}{opened.headers['Location']}"
    for offset in range(0, len(image), part_bytes):
        part = session.patch(
            location,
            data=image[offset : offset + part_bytes],
            headers={**tus, "Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"},
            timeout=REQUEST_SECONDS,
        )
        if part.status_code != 204:
            raise RuntimeError(f"The bench's part got {part.status_code}: {part.text[:200]}")
    upload_id = location.rstrip("/").rsplit("/", 1)[1]
    fields = [*report_fields(number), ("uploads", upload_id), ("csrfmiddlewaretoken", tus["X-CSRFToken"])]
    response = session.post(f"{server.url}/lapor/", data=fields, timeout=REQUEST_SECONDS)  # follows to the receipt
    seconds = time.perf_counter() - started
    used = serve.cpu_seconds(workers) - before
    database_used = serve.cpu_seconds(serve.postgres_processes()) - database_before
    ticket = TICKET_ON_RECEIPT.search(response.text) if response.url.endswith("/lapor/terkirim/") else None
    status = 201 if response.status_code == 200 and ticket else response.status_code
    body = {"ticket": ticket.group(1)} if ticket else {"answer": response.text[:300]}
    return Answer(status, body, seconds, used, database_used)


@dataclass
class Answer:
    status: int
    body: dict
    seconds: float  # as the client waited
    cpu_seconds: float  # of the gunicorn workers meanwhile (alone on the server: the request's)
    database_cpu_seconds: float  # of PostgreSQL meanwhile


def send(session: requests.Session, server: Server, request: requests.PreparedRequest, *, cpu: bool = True) -> Answer:
    """Send a prepared request; time it and (`cpu`: alone on the server) the server's CPU."""
    workers, database = (server.workers(), serve.postgres_processes()) if cpu else ([], [])
    before, database_before = serve.cpu_seconds(workers), serve.cpu_seconds(database)
    started = time.perf_counter()
    response = session.send(request, timeout=REQUEST_SECONDS)
    seconds = time.perf_counter() - started
    used = serve.cpu_seconds(workers) - before
    database_used = serve.cpu_seconds(serve.postgres_processes() if cpu else []) - database_before
    body = response.json() if response.headers.get("Content-Type", "").startswith("application/json") else {}
    return Answer(response.status_code, body, seconds, used, database_used)


def accepted(answer: Answer, expected: int = 201) -> Answer:
    if answer.status != expected:
        raise RuntimeError(f"The bench's request got {answer.status}, not {expected}: {answer.body}")
    return answer


def wait_processed(tickets: list[str], *, seconds: float) -> float | None:
    """Wait until every screenshot of the tickets' reports is processed by the worker (hash,
    copies, OCR); return how long that took, or None past `seconds`."""
    from complaints.models import Evidence

    started = time.monotonic()
    deadline = started + seconds
    while time.monotonic() < deadline:
        pending = Evidence.objects.filter(case__ticket__in=tickets, processed_at__isnull=True).count()
        if not pending and Evidence.objects.filter(case__ticket__in=tickets).exists():
            return time.monotonic() - started
        time.sleep(POLL_SECONDS)
    return None
