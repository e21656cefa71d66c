"""Without a broker, a screenshot is processed after the response, not inside the citizen's
request: the report is answered while its processing has not even started."""

import threading

import pytest

from complaints import background
from complaints.evidence import processing
from complaints.models import Case, Evidence
from tests.helpers import image_bytes, upload

pytestmark = pytest.mark.django_db(transaction=True)  # the background thread sees committed rows only


def test_report_is_answered_before_its_screenshot_is_processed(client, report_fields, settings, monkeypatch):
    settings.EVIDENCE_IN_BACKGROUND = True
    release, started = threading.Event(), threading.Event()
    real_process = processing.evidence_process

    def held_process(**arguments):
        started.set()
        assert release.wait(timeout=30), "the test never released the processing"
        return real_process(**arguments)

    monkeypatch.setattr(processing, "evidence_process", held_process)
    response = client.post("/api/v1/reports/", {**report_fields, "evidence": [upload(image_bytes())]})

    assert response.status_code == 201, response.content
    evidence = Evidence.objects.get(case__ticket=response.json()["ticket"])
    assert evidence.ocr_state == Evidence.State.PENDING  # answered while the processing waits
    assert started.wait(timeout=30)  # queued to the background thread after the commit
    release.set()
    assert background.drain(timeout=60)
    evidence.refresh_from_db()
    assert evidence.phash_state == Evidence.State.DONE
    assert evidence.thumbnail
    assert Case.objects.get(pk=evidence.case_id).evidence.count() == 1


def test_inline_when_the_setting_is_off(client, report_fields, settings):
    settings.EVIDENCE_IN_BACKGROUND = False
    response = client.post("/api/v1/reports/", {**report_fields, "evidence": [upload(image_bytes())]})
    assert response.status_code == 201
    evidence = Evidence.objects.get(case__ticket=response.json()["ticket"])
    assert evidence.phash_state == Evidence.State.DONE


def test_the_demo_seed_returns_with_its_screenshots_processed(settings, monkeypatch):
    """`make run` seeds the demo and exits; its screenshots were left pending when the exit
    stopped the background thread half-way."""
    from django.core.management import call_command

    settings.EVIDENCE_IN_BACKGROUND = True
    waiting = threading.Event()  # the command waits for the background thread: only then may it work
    real_drain, processed = background.drain, []

    def drain(timeout: float = 60) -> bool:
        waiting.set()
        return real_drain(timeout)

    def slow_process(*, evidence_id, **arguments):  # as slow as OCR: done only once the command waits
        assert waiting.wait(timeout=30)
        processed.append(evidence_id)
        Evidence.objects.filter(pk=evidence_id).update(ocr_state=Evidence.State.DONE)

    monkeypatch.setattr(background, "drain", drain)
    monkeypatch.setattr(processing, "evidence_process", slow_process)
    try:
        call_command("seed_demo", "--password", "rahasia-demo-1", verbosity=0)
        assert processed and sorted(processed) == sorted(Evidence.objects.values_list("pk", flat=True))
        assert not Evidence.objects.exclude(ocr_state=Evidence.State.DONE).exists()
    finally:
        waiting.set()
        real_drain(timeout=60)
