"""Election day on the real stack: a thousand reports of one viral post, through gunicorn with two
workers, PostgreSQL, Redis and two Celery workers, become one incident once the workers drain.

The reports come from 16 client threads, with a dozen variants of the post's link and re-encoded
copies of its screenshot. Nothing may answer 5xx, every 201 must be stored whole (case, evidence,
the object in the bucket), tickets unique. The drain time is printed (`-s` shows it).
"""

import io
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import boto3
import pytest
import requests
from django.conf import settings
from django.db import connection
from PIL import Image, ImageDraw

from complaints.models import Case, Evidence, Incident
from tools.stack import free_port, port_open

pytestmark = pytest.mark.django_db(transaction=True)

REPORTS = 1000
CLIENT_THREADS = 16
GUNICORN_WORKERS = 2
CELERY_WORKERS = 2
START_SECONDS = 60
DRAIN_SECONDS = 900  # a bound, not a goal: the drain time is printed

LINKS = [  # one Instagram post as citizens paste it
    "https://www.instagram.com/p/C8SurgeTest1/",
    "https://instagram.com/p/C8SurgeTest1",
    "http://instagram.com/p/C8SurgeTest1/?igsh=MWQ1ZGUxMzBkMA==",
    "https://www.instagram.com/reel/C8SurgeTest1/?utm_source=ig_web_copy_link",
    "https://m.instagram.com/p/C8SurgeTest1/",
    "https://www.instagram.com/humas.pemkab/p/C8SurgeTest1/",
    "instagram.com/p/C8SurgeTest1/",
    "https://www.instagram.com/p/C8SurgeTest1/?img_index=1",
    "https://l.instagram.com/?u=https%3A%2F%2Fwww.instagram.com%2Fp%2FC8SurgeTest1%2F&e=AT0",
    "https://www.instagram.com/p/C8SurgeTest1/#",
    "https://WWW.INSTAGRAM.COM/p/C8SurgeTest1/",
    "https://www.instagram.com/reels/C8SurgeTest1/",
]


def screenshot_variants() -> list[tuple[str, bytes, str]]:
    """The post's screenshot as phones send it around: PNG, JPEG at several qualities, resized."""
    base = Image.new("RGB", (360, 640), "white")
    draw = ImageDraw.Draw(base)
    draw.rectangle((0, 0, 360, 60), fill=(30, 30, 30))
    draw.rectangle((20, 90, 340, 420), fill=(200, 40, 40))
    draw.ellipse((120, 180, 240, 300), fill=(250, 220, 0))
    draw.rectangle((20, 450, 300, 470), fill=(60, 60, 60))
    variants = []
    for quality in (95, 85, 70, 55):
        buffer = io.BytesIO()
        base.save(buffer, "JPEG", quality=quality)
        variants.append(("tangkapan.jpg", buffer.getvalue(), "image/jpeg"))
    for size in ((360, 640), (330, 587), (400, 711)):
        buffer = io.BytesIO()
        base.resize(size).save(buffer, "PNG")
        variants.append(("tangkapan.png", buffer.getvalue(), "image/png"))
    return variants


@pytest.fixture
def emptied_bucket():
    """Return a function listing the bucket's keys (however many), from an empty bucket and
    leaving it empty: the suite's `bucket` fixture reads whole objects, too many here."""
    client = boto3.client("s3", endpoint_url=settings.AWS_S3_ENDPOINT_URL, region_name="us-east-1")
    name = settings.AWS_STORAGE_BUCKET_NAME

    def keys() -> set[str]:
        pages = client.get_paginator("list_objects_v2").paginate(Bucket=name)
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    def empty() -> None:
        listed = sorted(keys())
        for start in range(0, len(listed), 1000):
            chunk = [{"Key": key} for key in listed[start : start + 1000]]
            client.delete_objects(Bucket=name, Delete={"Objects": chunk, "Quiet": True})

    empty()
    yield keys
    empty()


@pytest.fixture
def gunicorn():
    """Serve the portal with gunicorn on the test database, as production does; stop it after."""
    db = settings.DATABASES["default"]
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "POW": "off",
        "SUBMIT_RATE": "100000/min",
    }
    command = [
        os.path.join(os.path.dirname(sys.executable), "gunicorn"),
        "portal.wsgi",
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        str(GUNICORN_WORKERS),
        "--timeout",
        "120",
    ]
    process = subprocess.Popen(command, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not listening(port):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start (exit code {process.poll()})")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def listening(port: int) -> bool:
    try:
        return port_open(port)
    except OSError:
        return False


def test_a_thousand_reports_of_one_post_are_stored_whole_and_become_one_incident(
    gunicorn, report_fields, emptied_bucket, start_worker
):
    for _ in range(CELERY_WORKERS):
        start_worker()
    images = screenshot_variants()
    sessions: dict[int, requests.Session] = {}

    def submit(number: int) -> tuple[int, dict]:
        import threading

        session = sessions.setdefault(threading.get_ident(), requests.Session())
        name, content, mime = images[number % len(images)]
        fields = {**report_fields, "post_url": LINKS[number % len(LINKS)], "reporter_email": f"p{number}@example.org"}
        data = [
            (key, value)
            for key, values in fields.items()
            for value in (values if isinstance(values, list) else [values])
        ]
        answer = session.post(
            f"{gunicorn}/api/v1/reports/",
            data=data,
            files={"evidence": (name, content, mime)},
            headers={"Accept-Language": "id", "X-Forwarded-For": f"198.51.100.{number % 250}"},
            timeout=120,
        )
        return answer.status_code, answer.json() if answer.headers.get("Content-Type", "").startswith(
            "application/json"
        ) else {}

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=CLIENT_THREADS) as pool:
        answers = list(pool.map(submit, range(REPORTS)))
    accepted_in = time.monotonic() - started
    statuses = [status for status, _body in answers]
    assert not [status for status in statuses if status >= 500], statuses
    assert statuses.count(201) == REPORTS, {status: statuses.count(status) for status in set(statuses)}
    tickets = [body["ticket"] for status, body in answers if status == 201]
    assert len(set(tickets)) == REPORTS

    stored = Case.objects.filter(ticket__in=tickets)
    assert stored.count() == REPORTS
    assert Evidence.objects.filter(case__in=stored).count() == REPORTS
    originals = set(Evidence.objects.filter(case__in=stored).values_list("original", flat=True))
    assert len(originals) == REPORTS and {f"evidence/{name}" for name in originals} <= emptied_bucket()

    drained_at = time.monotonic()
    deadline = drained_at + DRAIN_SECONDS
    while True:
        connection.close()  # each look a fresh read of what the workers committed
        grouped = Case.objects.filter(ticket__in=tickets).exclude(incident=None).count()
        pending = Evidence.objects.filter(phash_state=Evidence.State.PENDING).count()
        if grouped == REPORTS and not pending:
            break
        assert time.monotonic() < deadline, f"{grouped} of {REPORTS} grouped, {pending} screenshots pending"
        time.sleep(0.2)
    drain = time.monotonic() - drained_at
    print(
        f"\n{REPORTS} reports accepted in {accepted_in:.0f} s ({REPORTS / accepted_in:.1f}/s) from "
        f"{CLIENT_THREADS} threads; the workers drained {drain:.0f} s later"
    )
    incident = Incident.objects.get()
    assert incident.cases.count() == REPORTS
    assert incident.post_key == "instagram:C8SurgeTest1"
    assert incident.primary.submitted_at == min(case.submitted_at for case in stored)
