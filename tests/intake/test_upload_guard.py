"""Oversize and throttled uploads are refused before Django reads the body."""

import pytest
from django.http.multipartparser import MultiPartParser
from django.test import Client

from tests.helpers import image_bytes, upload


@pytest.fixture
def parses(monkeypatch):
    """Count how often a multipart body is parsed."""
    calls = []
    real_parse = MultiPartParser.parse

    def counting_parse(self):
        calls.append(1)
        return real_parse(self)

    monkeypatch.setattr(MultiPartParser, "parse", counting_parse)
    return calls


def test_an_oversize_report_is_refused_unread(report_fields, settings, parses):
    settings.MAX_REPORT_REQUEST_BYTES = 2_000
    client = Client(enforce_csrf_checks=True)
    response = client.post("/lapor/", {**report_fields, "evidence": [upload(image_bytes(size=(900, 900)))]})
    assert response.status_code == 413
    assert "Kiriman Anda terlalu besar" in response.content.decode()
    assert parses == []


def test_an_oversize_api_request_is_refused_in_the_error_shape(report_fields, settings, parses):
    settings.MAX_REPORT_REQUEST_BYTES = 2_000
    response = Client().post("/api/v1/reports/", {**report_fields, "evidence": [upload(image_bytes(size=(900, 900)))]})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"
    assert parses == []


def test_a_throttled_report_is_refused_unread(report_fields, settings, parses):
    settings.SUBMIT_RATE = "1/hour"
    client = Client(enforce_csrf_checks=True)
    client.post("/lapor/", {})
    parses.clear()
    response = client.post("/lapor/", {**report_fields, "evidence": [upload(image_bytes())]})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert parses == []
