"""What a careless deployment, a flaky mail server or a hostile client would otherwise break."""

import datetime
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse

from complaints import notifications
from complaints.intake import services
from complaints.models import Case
from portal import settings as project_settings  # the configuration as loaded, before test overrides
from portal.celery import app as celery_app
from tests.helpers import image_bytes, upload


def post_report(client, fields, **extra):
    return client.post(reverse("report-create"), {**fields, "evidence": [upload(image_bytes())]}, **extra)


@pytest.fixture
def production_task_errors():
    """Run eager tasks as production does: a failed task does not propagate into the request."""
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = True


def test_without_a_broker_a_failed_email_never_fails_the_report(
    client, report_fields, monkeypatch, production_task_errors, django_capture_on_commit_callbacks
):
    attempts = []

    def smtp_down(*args, **kwargs):
        attempts.append(1)
        raise ConnectionError("smtp down")

    monkeypatch.setattr(notifications, "send_mail", smtp_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_report(client, report_fields)
    assert response.status_code == 302
    assert Case.objects.count() == 1
    assert attempts == [1]  # no retries inside the citizen's request


def test_the_html_email_escapes_what_the_reporter_typed(report_fields, django_capture_on_commit_callbacks, client):
    with django_capture_on_commit_callbacks(execute=True):
        post_report(client, {**report_fields, "reporter_name": "<script>alert(1)</script>"})
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_access_code_is_never_in_the_session_in_clear(client, report_fields):
    post_report(client, report_fields)
    stored = " ".join(str(session.get_decoded()) for session in Session.objects.all())
    receipt = client.get(reverse("report-receipt")).content.decode()
    code = receipt.split('id="access-code">')[1].split("<")[0]
    assert code not in stored
    assert Case.objects.get().check_access_code(code)


def test_a_receipt_not_shown_within_its_time_is_gone(client, report_fields, clock):
    post_report(client, report_fields)
    clock.shift(datetime.timedelta(minutes=16))  # past the receipt's fifteen minutes
    assert client.get(reverse("report-receipt")).status_code == 410


def test_the_receipt_offers_no_language_switch(client, report_fields):
    post_report(client, report_fields)
    page = client.get(reverse("report-receipt")).content.decode()
    assert 'name="language"' not in page
    assert 'name="language"' in client.get(reverse("status-lookup")).content.decode()


def test_an_oversize_text_field_is_413_in_the_error_shape(client, report_fields, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    fields = {**report_fields, "description": "x" * 20_000, "evidence": [upload(image_bytes())]}
    response = client.post("/api/v1/reports/", fields)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"
    assert not Case.objects.exists()


def test_an_api_server_error_answers_in_the_error_shape(client, report_fields, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "report_submit", broken)
    client.raise_request_exception = False
    response = client.post("/api/v1/reports/", {**report_fields, "evidence": [upload(image_bytes())]})
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"


def test_evidence_is_stored_outside_the_media_root():
    configured = Path(project_settings.STORAGES["evidence"]["OPTIONS"]["location"])
    assert Path(project_settings.MEDIA_ROOT) not in configured.parents
    assert configured != Path(project_settings.MEDIA_ROOT)
