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
