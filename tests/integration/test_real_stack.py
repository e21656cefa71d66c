"""A report on the real stack: PostgreSQL, S3, a Celery worker on Redis, SMTP."""

import base64
import datetime
import hashlib
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import boto3
import pytest
from django.conf import settings
from django.db import connection
from django.test import RequestFactory

from complaints.evidence import similar
from complaints.intake.throttles import SubmitThrottle
from complaints.models import Agency, Behaviour, Case, CaseEvent, Evidence, Forwarding, Notification, Reporter
from complaints.permissions import Role
from complaints.reference import loaders
from complaints.triage import selectors, workflow
from complaints.triage.filters import CaseFilters
from tests import screenshots
from tests.factories import CaseFactory, evidence_with_random_hashes, official
from tests.helpers import image_bytes, race, upload
from tests.integration.conftest import redeliver_unacknowledged, wait_until_idle

pytestmark = pytest.mark.django_db(transaction=True)


def submit(client, fields, files):
    return client.post("/api/v1/reports/", {**fields, "evidence": files})


def test_a_report_lands_in_postgres_and_s3_and_the_worker_emails_it(client, report_fields, bucket, smtp, start_worker):
    start_worker()
    jpeg, png = image_bytes("JPEG"), image_bytes("PNG")
    response = submit(client, report_fields, [upload(jpeg, "a.jpg", "image/jpeg"), upload(png)])
    assert response.status_code == 201, response.content
    ticket = response.json()["ticket"]

    assert connection.vendor == "postgresql"
    case = Case.objects.get(ticket=ticket)
    stored = bucket()
    first, second = case.evidence.all()
    assert stored == {f"evidence/{first.original.name}": jpeg, f"evidence/{second.original.name}": png}

    [message] = smtp.wait_for(1, seconds=30)
    assert message["To"] == "adit@example.org"
    assert ticket in message["Subject"]
    assert response.json()["access_code"] not in message.as_string()
    wait_until_idle()
    assert len(smtp.messages) == 1
    assert Notification.objects.get(case=case).sent_at is not None


def test_each_original_is_stored_with_its_sha256_for_s3_to_check(client, report_fields, bucket):
    png = image_bytes("PNG")
    response = submit(client, report_fields, [upload(png)])
    assert response.status_code == 201, response.content

    evidence = Evidence.objects.get(case__ticket=response.json()["ticket"])
    s3 = boto3.client("s3", endpoint_url=settings.AWS_S3_ENDPOINT_URL, region_name="us-east-1")
    head = s3.head_object(
        Bucket=settings.AWS_STORAGE_BUCKET_NAME, Key=f"evidence/{evidence.original.name}", ChecksumMode="ENABLED"
    )
    assert base64.b64decode(head["ChecksumSHA256"]).hex() == evidence.sha256 == hashlib.sha256(png).hexdigest()
    assert head["ContentLength"] == len(png)


def test_a_rejected_report_leaves_nothing_in_postgres_or_the_bucket(client, report_fields, bucket, monkeypatch):
    refused = submit(client, {**report_fields, "consent": ""}, [upload(image_bytes())])
    assert refused.status_code == 400

    def fail_after_upload(*args, **kwargs):
        raise RuntimeError("the database went away after the files were stored")

    monkeypatch.setattr(CaseEvent, "save", fail_after_upload)
    client.raise_request_exception = False
    failed = submit(client, report_fields, [upload(image_bytes()), upload(image_bytes("WEBP"), "b.webp")])
    assert failed.status_code == 500
    assert not Case.objects.exists()
    assert not Reporter.objects.exists()
    assert not Evidence.objects.exists()
    assert bucket() == {}


def test_a_task_whose_worker_is_killed_runs_again_and_sends_once(client, report_fields, smtp, start_worker):
    first_worker = start_worker()
    smtp.hold_next_delivery()
    ticket = submit(client, report_fields, [upload(image_bytes())]).json()["ticket"]
    assert smtp.mail_started.wait(30), "the worker never started sending"
    os.killpg(first_worker.pid, signal.SIGKILL)  # mid-delivery: the task is not acknowledged
    first_worker.wait(timeout=10)
    smtp.released.set()

    # Redis hands an unacknowledged task out again once its visibility timeout has passed.
    redeliver_unacknowledged()
    start_worker()
    [message] = smtp.wait_for(1, seconds=60)
    assert ticket in message["Subject"]
    wait_until_idle()
    assert len(smtp.messages) == 1
    assert Notification.objects.get(case__ticket=ticket).sent_at is not None


def test_the_rate_limit_holds_for_parallel_requests_on_redis(settings):
    assert "redis" in settings.CACHES["default"]["BACKEND"].lower()
    settings.SUBMIT_RATE = "5/hour"

    def attempt(_):
        return SubmitThrottle().check(RequestFactory().post("/lapor/", REMOTE_ADDR="10.1.2.3")) is None

    with ThreadPoolExecutor(max_workers=16) as pool:
        allowed = list(pool.map(attempt, range(60)))
    assert allowed.count(True) == 5


def test_the_rate_limit_holds_when_redis_has_forgotten_its_script(settings):
    """The limiter names its script by digest; a Redis restarted or flushed is sent the text again."""
    from django.core.cache import caches

    settings.SUBMIT_RATE = "2/hour"
    caches["default"]._cache.get_client(write=True).script_flush()

    def attempt():
        return SubmitThrottle().check(RequestFactory().post("/lapor/", REMOTE_ADDR="10.1.2.4")) is None

    assert [attempt() for _ in range(3)] == [True, True, False]


def test_healthz_sees_postgres_redis_and_the_bucket(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "broker": "ok", "storage": "ok"}


def test_two_officials_at_once_on_postgres_one_wins_one_conflicts(ref):
    """Two real connections: the row lock makes the second wait, then see the new status."""
    case = CaseFactory(status="in_review")
    first, second = official("v1", Role.VERIFIKATOR), official("v2", Role.VERIFIKATOR)
    results = race(case.pk, ("verify", first, {}), ("reject", second, {"reason": "spam"}))
    assert sorted(results.values()) == ["conflict", "ok"]
    assert CaseEvent.objects.filter(case=case).exclude(action="submit").count() == 1


def test_the_worker_makes_every_derivative_in_the_bucket_and_ocr_is_searchable(
    client, report_fields, bucket, start_worker
):
    start_worker()
    content = screenshots.jpeg_with_gps(screenshots.post(nip="198503152010011002"))
    ticket = submit(client, report_fields, [upload(content, "a.jpg", "image/jpeg")]).json()["ticket"]
    evidence = Evidence.objects.get(case__ticket=ticket)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and evidence.ocr_state == "pending":
        time.sleep(0.5)
        evidence.refresh_from_db()
    assert evidence.processing() == {"sanitize": "done", "thumbnail": "done", "phash": "done", "ocr": "done"}
    stored = bucket()
    folder = "evidence/" + evidence.original.name.rsplit("/", 1)[0]
    assert stored[f"evidence/{evidence.original.name}"] == content  # the sealed original, untouched
    assert b"GPS" not in stored[f"{folder}/sanitized.png"]
    assert f"{folder}/thumbnail.jpg" in stored
    assert "nomor urut" in evidence.ocr_text
    # PostgreSQL's full-text search over the OCR text, through the queue's selector.
    national = official("kartika", Role.KOORDINATOR)
    found = selectors.case_list_for_user(user=national, filters=CaseFilters(q="pilkadadamai"))
    assert [case.ticket for case in found] == [ticket]


def test_the_similar_look_up_uses_the_band_indexes_on_postgres(ref):
    hashes = evidence_with_random_hashes(count=20_000, seed=11)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE complaints_evidence")
    candidates = similar.evidence_similar_candidates(phash=hashes[42])
    plan = candidates.explain()
    assert "Bitmap Index Scan" in plan and "phash_band" in plan
    assert "Seq Scan on complaints_evidence" not in plan
    assert candidates.count() < 100


def test_the_worker_sends_the_dossier_once_with_the_pdf_in_the_bucket(ref, bucket, smtp, start_worker):
    loaders.agencies_load()
    loaders.routing_rules_load()
    start_worker()
    case = CaseFactory(
        status="classified",
        category="kode_etik",
        behaviour=Behaviour.objects.get(code="MEDSOS_KAMPANYE"),
        incident_date=datetime.date(2024, 10, 1),
        known_date=datetime.date(2024, 10, 1),
    )
    bkn = Agency.objects.get(kind="bkn")
    workflow.perform("forward", case=case, by=official("k", Role.KOORDINATOR), agency_ids=[bkn.pk])
    [message] = smtp.wait_for(1, seconds=60)
    assert message["To"] == bkn.email
    attachments = [part for part in message.walk() if part.get_content_type() == "application/pdf"]
    assert len(attachments) == 1
    forwarding = Forwarding.objects.get(case=case)
    deadline = time.monotonic() + 10  # the worker marks it sent when its transaction commits, just after SMTP
    while forwarding.delivery != "sent" and time.monotonic() < deadline:
        time.sleep(0.2)
        forwarding.refresh_from_db()
    assert forwarding.delivery == "sent"
    assert f"evidence/{forwarding.dossier.name}" in bucket()
    wait_until_idle()
    assert len(smtp.messages) == 1


def test_odd_characters_in_urls_and_filters_are_clear_errors_on_postgres(client, ref):
    client.force_login(official("k", Role.KOORDINATOR))
    for path in ("/api/v1/cases/%00/", "/petugas/kasus/NTR%00X/", "/api/v1/cases/%00/evidence/1/original/"):
        assert client.get(path).status_code == 404, path
    for query in ({"kind": "\x00"}, {"region": "\x00"}, {"region": "banten"}):
        response = client.get("/api/v1/agencies/", query)
        assert response.status_code == 400, query
        assert response.json()["error"]["code"] == "invalid"
