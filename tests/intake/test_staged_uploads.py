"""Screenshots sent ahead of the report, in parts (tus 1.0.0), resumed after a dropped connection."""

import base64
import datetime
import hashlib

import pytest
from django.conf import settings
from django.urls import reverse

from complaints.errors import Conflict
from complaints.intake import services, staging
from complaints.intake.forms import ReportForm
from complaints.models import Case, StagedPart, StagedUpload
from complaints.tasks import purge_staged_uploads
from tests.helpers import image_bytes, upload

TUS = {"HTTP_TUS_RESUMABLE": "1.0.0"}
PART = "application/offset+octet-stream"

pytestmark = pytest.mark.django_db


def create(client, length: int, name: str = "Screenshot_Instagram.png", **headers):
    metadata = f"filename {base64.b64encode(name.encode()).decode()},filetype {base64.b64encode(b'image/png').decode()}"
    return client.post(
        reverse("upload-create"), HTTP_UPLOAD_LENGTH=str(length), HTTP_UPLOAD_METADATA=metadata, **{**TUS, **headers}
    )


def patch(client, location: str, offset: int, data: bytes, **headers):
    return client.generic(
        "PATCH", location, data, content_type=PART, HTTP_UPLOAD_OFFSET=str(offset), **{**TUS, **headers}
    )


def offset_of(client, location: str) -> int:
    response = client.head(location, **TUS)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    return int(response["Upload-Offset"])


@pytest.fixture
def png():
    return image_bytes(size=(720, 1280))


def test_the_server_says_what_it_speaks(client):
    response = client.options(reverse("upload-create"))
    assert response.status_code == 204
    assert response["Tus-Version"] == "1.0.0"
    assert response["Tus-Extension"] == "creation"
    assert int(response["Tus-Max-Size"]) == settings.MAX_EVIDENCE_BYTES


def test_a_dropped_connection_resumes_from_the_last_part_that_arrived(client, png, settings):
    settings.UPLOAD_CHUNK_BYTES = 4096
    created = create(client, len(png))
    assert created.status_code == 201
    location = created["Location"]
    assert location.startswith("/lapor/unggah/")
    assert offset_of(client, location) == 0

    assert patch(client, location, 0, png[:4096]).status_code == 204
    # The next part is lost with the connection; the browser asks how much arrived...
    assert offset_of(client, location) == 4096
    # ...and goes on from there, never sending the first part again.
    offset = 4096
    while offset < len(png):
        answer = patch(client, location, offset, png[offset : offset + 4096])
        assert answer.status_code == 204
        offset = int(answer["Upload-Offset"])
    assert offset == len(png)
    upload = StagedUpload.objects.get()
    assert upload.complete and upload.name == "Screenshot_Instagram.png"
    (opened,) = staging.uploads_open([upload])
    assert opened.read() == png


def test_a_part_sent_twice_is_kept_once(client, png):
    location = create(client, len(png))["Location"]
    assert patch(client, location, 0, png[:100]).status_code == 204
    repeated = patch(client, location, 0, png[:100])  # a retry racing its original
    assert repeated.status_code == 409
    assert offset_of(client, location) == 100
    assert StagedPart.objects.count() == 1


@pytest.mark.parametrize(
    ("request_", "status"),
    [
        (lambda c, loc: c.post(reverse("upload-create"), HTTP_UPLOAD_LENGTH="10"), 412),  # no Tus-Resumable
        (lambda c, loc: create(c, 0), 400),  # an empty file
        (lambda c, loc: create(c, settings.MAX_EVIDENCE_BYTES + 1), 413),  # said before any byte is sent
        (lambda c, loc: c.post(reverse("upload-create"), HTTP_UPLOAD_LENGTH="-5", **TUS), 400),
        (lambda c, loc: c.post(reverse("upload-create"), HTTP_UPLOAD_LENGTH="1e9", **TUS), 400),
        (lambda c, loc: c.generic("PATCH", loc, b"x", content_type="image/png", HTTP_UPLOAD_OFFSET="0", **TUS), 415),
        (lambda c, loc: patch(c, loc, "zero", b"x"), 400),
        (lambda c, loc: patch(c, loc, 5, b"x"), 409),  # not where the upload stands
        (lambda c, loc: patch(c, loc, 0, b"x" * 11), 400),  # beyond the declared length
        (lambda c, loc: patch(c, loc, 0, b"x" * (settings.UPLOAD_CHUNK_BYTES + 1)), 413),
        (lambda c, loc: patch(c, "/lapor/unggah/6d1f9a3e-4b9b-4a53-9a41-1f0c1a7e2b10/", 0, b"x"), 404),
        (lambda c, loc: c.head("/lapor/unggah/6d1f9a3e-4b9b-4a53-9a41-1f0c1a7e2b10/", **TUS), 404),
        (lambda c, loc: c.get(loc), 405),  # a staged file is never sent back
    ],
    ids=[
        "no-version", "empty", "oversize", "negative", "not-a-number", "wrong-type", "bad-offset", "wrong-offset",
        "beyond-length", "part-too-big", "unknown", "unknown-head", "no-download",
    ],
)  # fmt: skip
def test_wrong_and_hostile_requests_are_refused_and_keep_nothing(client, request_, status):
    location = create(client, 10)["Location"]
    response = request_(client, location)
    assert response.status_code == status
    assert response["Tus-Resumable"] == "1.0.0" if status != 405 else True
    assert StagedPart.objects.count() == 0


def test_a_report_names_its_uploads_and_they_become_its_evidence(client, report_fields, png, evidence_dir):
    location = create(client, len(png))["Location"]
    patch(client, location, 0, png)
    upload_id = location.rstrip("/").rsplit("/", 1)[1]
    response = client.post(reverse("report-create"), {**report_fields, "uploads": [upload_id]})
    assert response.status_code == 302
    evidence = Case.objects.get().evidence.get()
    assert evidence.sha256 == hashlib.sha256(png).hexdigest()
    assert evidence.original_name == "Screenshot_Instagram.png"
    assert not StagedUpload.objects.exists()  # used once: gone with the report

    again = client.post(reverse("report-create"), {**report_fields, "uploads": [upload_id]})
    assert again.status_code == 400
    assert "tidak ditemukan: sudah terkirim dengan laporan" in again.content.decode()
    assert Case.objects.count() == 1


def test_an_unfinished_upload_is_named_and_stores_no_report(client, report_fields, png):
    location = create(client, len(png))["Location"]
    patch(client, location, 0, png[:1000])
    upload_id = location.rstrip("/").rsplit("/", 1)[1]
    response = client.post(reverse("report-create"), {**report_fields, "uploads": [upload_id]})
    assert response.status_code == 400
    assert "Screenshot_Instagram.png belum selesai diunggah" in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize("ids", [["not-a-uuid"], ["6d1f9a3e-4b9b-4a53-9a41-1f0c1a7e2b10"], ["x"] * 50])
def test_odd_upload_ids_are_a_message_on_the_evidence_field(client, report_fields, ids):
    response = client.post(reverse("report-create"), {**report_fields, "uploads": ids})
    assert response.status_code == 400
    assert 'id="id_evidence_error"' in response.content.decode()
    assert not Case.objects.exists()


def test_uploads_used_by_another_report_at_the_same_moment_are_refused(report_fields, png):
    (staged,) = staging.uploads_stage([upload(png)], owner="browser")
    forms = [ReportForm({**report_fields, "uploads": [str(staged.pk)]}, uploads_owner="browser") for _ in range(2)]
    assert all(form.is_valid() for form in forms), [form.errors for form in forms]  # both read it first
    services.report_submit(report=forms[0].to_input())
    with pytest.raises(Conflict):
        services.report_submit(report=forms[1].to_input())
    assert Case.objects.count() == 1


def test_uploads_not_used_are_purged_after_their_hours(client, clock, png, settings):
    old = create(client, 10)["Location"]
    clock.shift(datetime.timedelta(hours=settings.STAGED_UPLOAD_HOURS - 1))
    fresh = create(client, 10)["Location"]
    clock.shift(datetime.timedelta(hours=2))
    assert client.head(old, **TUS).status_code == 404  # past its hours: gone for the browser at once
    assert purge_staged_uploads() == 1
    assert client.head(fresh, **TUS).status_code == 200
    assert settings.CELERY_BEAT_SCHEDULE["purge-staged-uploads"]["task"] == "complaints.tasks.purge_staged_uploads"


def test_opening_uploads_is_rate_limited_per_address(client, settings):
    settings.UPLOAD_RATE = "2/hour"
    assert create(client, 10).status_code == 201
    assert create(client, 10).status_code == 201
    refused = create(client, 10)
    assert refused.status_code == 429
    assert StagedUpload.objects.count() == 2


def test_past_the_held_limit_an_upload_is_refused_for_the_form_to_send_its_files(client, settings):
    settings.STAGED_UPLOAD_MAX_BYTES = 25
    assert create(client, 20).status_code == 201
    full = create(client, 10)  # 30 bytes held would pass the limit
    assert full.status_code == 503
    assert full["Retry-After"] == "600"
    assert StagedUpload.objects.count() == 1
    assert create(client, 5).status_code == 201  # what still fits is held


def test_an_upload_belongs_to_the_browser_session_that_sent_it(client, report_fields, png):
    """Its id is seen in an access log or over a shoulder: that does not open it to another."""
    from django.test import Client

    location = create(client, len(png))["Location"]
    patch(client, location, 0, png[:1000])
    upload_id = location.rstrip("/").rsplit("/", 1)[1]
    other = Client()
    assert other.head(location, **TUS).status_code == 404
    assert patch(other, location, 1000, png[1000:]).status_code == 404  # nor continue it
    patch(client, location, 1000, png[1000:])
    taken = other.post(reverse("report-create"), {**report_fields, "uploads": [upload_id]})
    assert taken.status_code == 400  # nor send it as theirs
    assert not Case.objects.exists()
    assert client.post(reverse("report-create"), {**report_fields, "uploads": [upload_id]}).status_code == 302
    assert not StagedUpload.objects.filter(owner="").exists()
