"""The integration suite runs on the real stack: PostgreSQL, Redis with real Celery worker
processes, evidence in an S3 server, email through an SMTP server. `tools/stack.py run` starts
the services and exports their addresses; `make test` does that.
"""

import asyncio
import datetime
import email
import os
import signal
import subprocess
import sys
import threading
import time
from email.message import Message
from pathlib import Path

import boto3
import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from portal.celery import app as celery_app
from tools.stack import free_port

WORKER_START_SECONDS = 30
# A task left unacknowledged by a dead worker is handed out again after this long.
VISIBILITY_TIMEOUT_SECONDS = 3


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent  # the hook sees every item of the session, not only ours
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.stack)


@pytest.fixture(scope="session", autouse=True)
def _on_the_stack():
    """Fail, never skip, when the services are missing: a green run must have used them."""
    missing = [
        name for name in ("PORTAL_STACK", "CELERY_BROKER_URL", "AWS_STORAGE_BUCKET_NAME") if not os.environ.get(name)
    ]
    if missing or connection.vendor != "postgresql":
        pytest.fail(
            "The integration suite needs the real stack; run it with "
            "`python tools/stack.py run -- python -m pytest -m stack tests/integration` (or `make test`). "
            f"Missing: {', '.join(missing) or 'PostgreSQL'}",
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def evidence_dir():
    """Override the unit suite's local folder: evidence goes to the S3 server here."""
    return None


@pytest.fixture(autouse=True)
def _generous_rates_and_clean_cache(settings):
    """Keep the stack's Redis cache (the unit suite swaps in a local one), emptied per test."""
    settings.SUBMIT_RATE = settings.LOOKUP_RATE = settings.REPLY_RATE = "10000/min"
    cache.clear()


@pytest.fixture(autouse=True)
def _empty_broker():
    """Start with no queued task: a task left by an earlier test names rows that are gone."""
    celery_app.control.purge()


@pytest.fixture
def bucket():
    """Return a function listing the bucket's objects as {key: bytes}, from an empty bucket."""
    client = boto3.client("s3", endpoint_url=settings.AWS_S3_ENDPOINT_URL, region_name="us-east-1")
    name = settings.AWS_STORAGE_BUCKET_NAME

    def objects() -> dict[str, bytes]:
        listing = client.list_objects_v2(Bucket=name).get("Contents", [])
        return {item["Key"]: client.get_object(Bucket=name, Key=item["Key"])["Body"].read() for item in listing}

    def empty() -> None:
        for key in objects():  # an earlier test may have stored evidence without this fixture
            client.delete_object(Bucket=name, Key=key)

    empty()
    yield objects
    empty()


class SmtpSink:
    """An SMTP server that keeps what it receives and can hold a delivery half-way."""

    def __init__(self):
        self.messages: list[Message] = []
        self.mail_started = threading.Event()
        self.released = threading.Event()
        self.released.set()

    def hold_next_delivery(self):
        self.mail_started.clear()
        self.released.clear()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.mail_started.set()
        await asyncio.get_running_loop().run_in_executor(None, self.released.wait)
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, seconds: float) -> list[Message]:
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.messages


def wait_until_idle(seconds: float = 60) -> None:
    """Wait until no task is queued, held by a worker, or left unacknowledged: after that no
    further email can come, so a count of messages is final (waiting for state, not for time)."""
    import redis

    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        inspect = celery_app.control.inspect(timeout=0.5)
        held = [
            task
            for found in (inspect.active() or {}, inspect.reserved() or {})
            for tasks in found.values()
            for task in tasks
        ]
        if not held and broker.llen("celery") == 0 and broker.hlen("unacked") == 0:
            return
        time.sleep(0.05)
    pytest.fail(f"Tasks were still queued or running after {seconds}s")


# A fixed instant later than any delivery's stamp plus its visibility timeout: the broker stamps
# each delivery with the machine's clock, and the test must not read that clock itself.
PAST_EVERY_TIMEOUT = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)


def redeliver_unacknowledged() -> None:
    """Hand out again the tasks a dead worker left unacknowledged, as Redis does once their
    visibility timeout has passed: the broker's own restore, run with the clock moved past it."""
    import time_machine

    with (
        celery_app.connection_for_write() as connection,
        time_machine.travel(PAST_EVERY_TIMEOUT, tick=False),
    ):
        connection.default_channel.qos.restore_visible(interval=1)


@pytest.fixture
def smtp():
    sink = SmtpSink()
    sink.port = free_port()
    from aiosmtpd.controller import Controller  # here: `pytest` collects without aiosmtpd

    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    yield sink
    sink.released.set()
    controller.stop()


@pytest.fixture
def start_worker(transactional_db, smtp):
    """Return a function that starts a real Celery worker process on the test database."""
    workers: list[subprocess.Popen] = []
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT_SECONDS),
    }

    def start() -> subprocess.Popen:
        name = f"test-{len(workers)}-{os.getpid()}@localhost"
        command = [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool", "solo", "-n", name]
        command += ["-l", "info", "--without-gossip", "--without-mingle"]
        process = subprocess.Popen(command, env=env, start_new_session=True)
        workers.append(process)
        deadline = time.monotonic() + WORKER_START_SECONDS
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"The Celery worker exited with {process.returncode}")
            if celery_app.control.ping(destination=[name], timeout=0.5):
                return process
        pytest.fail(f"The Celery worker did not answer within {WORKER_START_SECONDS}s")

    yield start
    for process in workers:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
