"""A report with one 1 MB phone screenshot, served (issue 14): its latency and server CPU ÷ a plain
upload of the same file, the evidence pipeline ÷ raw Tesseract, and intake with the worker running.

gunicorn with two sync workers and a real Celery worker (`-c 1`) on the stack's Redis and S3
server, on the database the sizes were copied from (it holds the largest size's cases), so no size's
database changes under the other scenarios. The report and the plain upload take turns, the one
that goes first swapping each pair; after each report the worker's processing of its screenshot is
awaited, so both are measured beside a running but idle worker. The pipeline is timed in this
process against the Tesseract program, alternating too.
"""

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from django.conf import settings

from bench import intake, pipeline, serve
from bench.screenshot import screenshot
from bench.serve import Figure, Run

PAIRS_PER_ROUND = 10  # of each kind (plain upload, report, resumable report): 30 each at 3 rounds
PIPELINE_RUNS_MIN = 3
PROCESSED_SECONDS = 120  # a bound on one screenshot's processing, not a goal
DRAIN_SECONDS = 1800  # a bound on the worker's backlog after intake, not a goal
INTAKE_CLIENTS = 8


def served(run: Run) -> list[Figure]:
    run.databases.use_base()
    image = screenshot()
    with serve.served(run.databases.base, label="submission", worker=True) as server:
        print("  submission ÷ plain upload", flush=True)
        reports, uploads, resumables, processing, last_ticket = _latency(
            server, image, rounds=PAIRS_PER_ROUND * run.rounds
        )
        print(f"  intake: {run.intake_reports} reports from {INTAKE_CLIENTS} clients", flush=True)
        throughput = _throughput(server, image, run.intake_reports)
        web_memory = serve.peak_memory_mb(server.workers())
        worker_memory = serve.peak_memory_mb(server.celery_workers())
    print("  evidence pipeline ÷ tesseract", flush=True)
    evidence = pipeline.figures(last_ticket, runs=max(PIPELINE_RUNS_MIN, run.rounds))
    size = f"{len(image) / 1e6:.2f} MB 1080x2400 PNG"
    return [
        _ratio(f"report with one {size}: `POST /api/v1/reports/` p50 ÷ plain upload", reports, uploads, "≤ 1.5"),
        _ratio(
            f"report as the form sends it: the {size} by tus in {_parts(image)}, then `POST /lapor/` naming it"
            " and its receipt, p50 ÷ plain upload",
            resumables,
            uploads,
            "—",
        ),
        Figure(
            figure="server CPU per report ÷ per plain upload, mean (gunicorn worker; PostgreSQL)",
            value=_cpu(reports),
            reference=_cpu(uploads),
            ratio=_mean_ms(reports, "cpu_seconds") / max(_mean_ms(uploads, "cpu_seconds"), 1e-9),
        ),
        Figure(
            figure="worker: the report's screenshot processed after the answer, p50",
            value=f"{statistics.median(processing) * 1000:,.0f} ms",
            detail={"seconds": processing},
        ),
        *evidence,
        throughput,
        Figure("gunicorn worker peak memory (VmHWM) after reports", f"{web_memory:.0f} MB", goal="toward 73 MB"),
        Figure("Celery worker peak memory (VmHWM) after processing", f"{worker_memory:.0f} MB"),
    ]


KINDS = ("upload", "report", "resumable")


def _parts(image: bytes) -> str:
    count = -(-len(image) // settings.UPLOAD_CHUNK_BYTES)
    return f"{count} part{'s' if count > 1 else ''} of {settings.UPLOAD_CHUNK_BYTES // 1024} KiB"


def _latency(server, image: bytes, *, rounds: int):
    """Send a plain upload, a report and a report by resumable upload in turn, the one that goes
    first rotating each round; return each kind's answers, the processing times of the reports'
    screenshots and the last report's ticket."""
    session = requests.Session()
    _warm_up(server, image)
    answers: dict[str, list] = {kind: [] for kind in KINDS}
    processing = []
    for number in range(rounds):
        for kind in KINDS[number % 3 :] + KINDS[: number % 3]:
            if kind == "upload":
                answers[kind].append(
                    intake.accepted(intake.send(session, server, intake.prepared_upload(server, number, image)))
                )
                continue
            if kind == "report":
                answer = intake.send(session, server, intake.prepared_report(server, number, image))
            else:
                answer = intake.send_resumable(session, server, number, image, part_bytes=settings.UPLOAD_CHUNK_BYTES)
            answers[kind].append(intake.accepted(answer))
            processing.append(_processed([answer.body["ticket"]]))
    return answers["report"], answers["upload"], answers["resumable"], processing, answers["report"][-1].body["ticket"]


def _warm_up(server, image: bytes) -> None:
    """Send two reports at once, then two uploads, untimed, and let the worker process them: each
    gunicorn worker serves its first of each (imports, connections) before the clock runs."""

    def send(request) -> intake.Answer:
        return intake.accepted(intake.send(requests.Session(), server, request, cpu=False))

    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(pool.map(send, [intake.prepared_report(server, -1 - number, image) for number in range(2)]))
        list(pool.map(send, [intake.prepared_upload(server, -1 - number, image) for number in range(2)]))
        resumables = list(
            pool.map(
                lambda number: intake.accepted(
                    intake.send_resumable(
                        requests.Session(), server, -10 - number, image, part_bytes=settings.UPLOAD_CHUNK_BYTES
                    )
                ),
                range(2),
            )
        )
    _processed([answer.body["ticket"] for answer in [*reports, *resumables]])


def _processed(tickets: list[str]) -> float:
    """Wait for the worker to process the reports' screenshots; return how long that took."""
    waited = intake.wait_processed(tickets, seconds=PROCESSED_SECONDS)
    if waited is None:
        raise RuntimeError(f"The worker did not process {tickets} within {PROCESSED_SECONDS} s")
    return waited


def _median_ms(answers, attribute: str) -> float:
    return statistics.median(getattr(answer, attribute) for answer in answers) * 1000


def _mean_ms(answers, attribute: str) -> float:
    """Return the mean in milliseconds: CPU times come in ticks of 10 ms, too coarse for a median."""
    return statistics.mean(getattr(answer, attribute) for answer in answers) * 1000


def _cpu(answers) -> str:
    return f"{_mean_ms(answers, 'cpu_seconds'):,.0f} ms; {_mean_ms(answers, 'database_cpu_seconds'):,.0f} ms"


def _ratio(title: str, reports, uploads, goal: str) -> Figure:
    report, upload = _median_ms(reports, "seconds"), _median_ms(uploads, "seconds")
    return Figure(
        figure=title,
        value=f"{report:,.0f} ms",
        reference=f"{upload:,.0f} ms",
        ratio=report / upload,
        goal=goal,
        detail={
            "report_seconds": [answer.seconds for answer in reports],
            "upload_seconds": [answer.seconds for answer in uploads],
            "report_cpu_seconds": [answer.cpu_seconds for answer in reports],
            "upload_cpu_seconds": [answer.cpu_seconds for answer in uploads],
            "report_database_cpu_seconds": [answer.database_cpu_seconds for answer in reports],
            "upload_database_cpu_seconds": [answer.database_cpu_seconds for answer in uploads],
        },
    )


def _throughput(server, image: bytes, count: int) -> Figure:
    """Send `count` reports from a few clients at once; return reports accepted per second and the
    time until the worker had processed every screenshot."""
    sessions: dict[int, requests.Session] = {}

    def submit(number: int) -> intake.Answer:
        session = sessions.setdefault(threading.get_ident(), requests.Session())
        return intake.send(session, server, intake.prepared_report(server, 1_000_000 + number, image), cpu=False)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=INTAKE_CLIENTS) as pool:
        answers = list(pool.map(submit, range(count)))
    answered = time.monotonic() - started
    tickets = [answer.body["ticket"] for answer in answers if answer.status == 201]
    refused = {answer.status for answer in answers if answer.status != 201}
    drained = intake.wait_processed(tickets, seconds=DRAIN_SECONDS) if tickets else None
    drain = f"drained {drained:.0f} s later" if drained is not None else f"not drained within {DRAIN_SECONDS} s"
    return Figure(
        figure=f"intake: {count} reports from {INTAKE_CLIENTS} clients, one Celery worker",
        value=f"{len(tickets) / answered:.1f} reports/s accepted; {drain}"
        + (f" ({count - len(tickets)} refused: {sorted(refused)})" if refused else ""),
        failed=bool(refused),
        detail={"answered_seconds": answered, "accepted": len(tickets), "drain_seconds": drained},
    )
