"""Evidence processing on real screenshots: sanitizer, thumbnails, hash neighbours, OCR, suggestions."""

import hashlib
import io

import pytesseract
import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from PIL import Image

from complaints.evidence import imaging as images
from complaints.evidence import processing, similar, suggestions
from complaints.models import Case, CaseEvent, Evidence
from complaints.permissions import Role
from tests import screenshots
from tests.factories import evidence_with_random_hashes, official
from tests.helpers import upload


def submit(client, report_fields, django_capture_on_commit_callbacks, files) -> Case:
    """Send a report through the form and run what follows its commit (processing included)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/lapor/", {**report_fields, "evidence": files})
    assert response.status_code == 302, response.content.decode()[:500]
    return Case.objects.order_by("-pk").first()


def read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


@pytest.fixture
def gps_case(client, report_fields, django_capture_on_commit_callbacks):
    content = screenshots.jpeg_with_gps(screenshots.post(nip="198503152010011002"), orientation=6)
    case = submit(
        client, report_fields, django_capture_on_commit_callbacks, [upload(content, "IMG_0001.jpg", "image/jpeg")]
    )
    return case, content


def test_every_step_runs_after_commit_and_the_original_is_untouched(gps_case):
    case, content = gps_case
    evidence = case.evidence.get()
    assert evidence.processing() == {"sanitize": "done", "thumbnail": "done", "phash": "done", "ocr": "done"}
    assert read(evidence.original) == content
    assert evidence.sha256 == hashlib.sha256(content).hexdigest()
    assert evidence.sanitized.name.rsplit("/", 1)[0] == evidence.original.name.rsplit("/", 1)[0]


def test_the_sanitized_copy_has_no_metadata_and_is_upright(gps_case):
    case, _content = gps_case
    evidence = case.evidence.get()
    data = read(evidence.sanitized)
    with Image.open(io.BytesIO(data)) as clean:
        assert clean.format == "PNG"
        assert clean.size == (1280, 720)  # EXIF orientation 6 applied: the portrait shot stands upright
        assert dict(clean.getexif()) == {}
        assert clean.info == {}  # no text chunks, XMP, ICC profile, comment or EXIF
        assert clean.text == {}
    for marker in (
        b"Exif",
        b"GPS",
        b"xmpmeta",
        b"Fotografer",
        b"Pabrikan",
        b"ponsel pelapor",
        b"iCCP",
        b"tEXt",
        b"iTXt",
    ):
        assert marker not in data


def test_the_size_is_the_size_shown_and_processing_again_corrects_an_old_row(gps_case):
    case, _content = gps_case
    evidence = case.evidence.get()
    assert (evidence.width, evidence.height) == (1280, 720)  # EXIF orientation 6: shown turned
    Evidence.objects.filter(pk=evidence.pk).update(width=720, height=1280)  # as rows sealed before the fix
    processing.evidence_process(evidence_id=evidence.pk, force=True)
    evidence.refresh_from_db()
    assert (evidence.width, evidence.height) == (1280, 720)


def test_png_text_chunks_are_removed(client, report_fields, django_capture_on_commit_callbacks):
    content = screenshots.png_with_text(screenshots.post())
    assert b"Nama Pelapor" in content
    case = submit(client, report_fields, django_capture_on_commit_callbacks, [upload(content)])
    data = read(case.evidence.get().sanitized)
    assert b"Nama Pelapor" not in data and b"xmpmeta" not in data


def test_the_thumbnail_is_small(gps_case):
    case, _content = gps_case
    with Image.open(io.BytesIO(read(case.evidence.get().thumbnail))) as thumb:
        assert thumb.format == "JPEG"
        assert thumb.width <= images.THUMBNAIL_WIDTH


def test_ocr_reads_the_indonesian_text(gps_case):
    text = gps_case[0].evidence.get().ocr_text
    for words in ("Paslon 02", "nomor urut", "Bagikan", "198503152010011002"):
        assert words in text


def test_suggestions_show_the_text_they_came_from(gps_case):
    case, _content = gps_case
    found = {(s.kind, s.value): s for s in suggestions.case_suggestions(case=case)}
    assert "MEDSOS_KAMPANYE" in {value for kind, value in found if kind == "behaviour"}
    assert "Paslon 02" in found[("behaviour", "MEDSOS_KAMPANYE")].source
    assert "pemprov.banten" in found[("behaviour", "AKUN_INSTANSI")].source  # an official account campaigning
    assert ("behaviour", "MEDSOS_INTERAKSI") not in found  # "Disukai oleh 1.204 orang" is a count, no one named
    nip = found[("nip", "198503152010011002")]
    assert nip.matches_report  # the report named the same NIP
    assert ("platform", "facebook") in found or ("platform", "instagram") in found


def test_a_resent_copy_of_the_same_screenshot_is_similar_and_another_is_not(
    client, report_fields, django_capture_on_commit_callbacks
):
    first = submit(
        client,
        report_fields,
        django_capture_on_commit_callbacks,
        [upload(screenshots.png_with_text(screenshots.post()))],
    )
    # The same post, screenshotted on another phone: smaller, JPEG, a bit lower quality.
    resent = screenshots.post().resize((540, 960))
    buffer = io.BytesIO()
    resent.save(buffer, "JPEG", quality=70)
    second = submit(
        client, report_fields, django_capture_on_commit_callbacks, [upload(buffer.getvalue(), "b.jpg", "image/jpeg")]
    )
    # Another post in the same app: same layout, a different (much lighter) picture.
    other_post = screenshots.post(account="dinas.pendidikan", headline="Rapat koordinasi guru", colour=(250, 235, 120))
    third = submit(
        client, report_fields, django_capture_on_commit_callbacks, [upload(screenshots.png_with_text(other_post))]
    )

    found = similar.evidence_similar(evidence=second.evidence.get())
    assert [s.evidence.case for s in found] == [first]
    assert found[0].distance <= 6
    assert third not in [s.evidence.case for s in similar.evidence_similar(evidence=first.evidence.get())]


def test_a_failing_ocr_keeps_the_other_steps_and_says_why(gps_case, monkeypatch, settings):
    case, _content = gps_case
    evidence = case.evidence.get()
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    redone = processing.evidence_process(evidence_id=evidence.pk, force=True)
    assert redone.processing() == {"sanitize": "done", "thumbnail": "done", "phash": "done", "ocr": "failed"}
    assert "Tesseract tidak terpasang" in redone.processing_errors["ocr"]
    monkeypatch.undo()
    call_command("reprocess_evidence", "--failed")
    evidence.refresh_from_db()
    assert evidence.ocr_state == "done" and "ocr" not in evidence.processing_errors


def test_a_failed_step_is_said_plainly_and_only_the_admin_sees_its_error_and_retries(
    client, gps_case, monkeypatch, django_capture_on_commit_callbacks
):
    case, _content = gps_case
    evidence = case.evidence.get()
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    processing.evidence_process(evidence_id=evidence.pk, force=True)
    monkeypatch.undo()
    page_url = reverse("official-case", args=[case.ticket])
    retry_url = reverse("official-case-evidence-reprocess", args=[case.ticket, evidence.pk])

    client.force_login(official("vera", Role.VERIFIKATOR))
    page = client.get(page_url).content.decode()
    assert "Pembaca teks (OCR) sedang tidak tersedia di server" in page
    assert "OcrUnavailable" not in page and "Tesseract tidak terpasang" not in page
    assert retry_url not in page
    assert client.post(retry_url).status_code == 403

    client.force_login(official("adi", Role.ADMIN))
    page = client.get(page_url).content.decode()
    assert "OcrUnavailable" in page  # the technical text, for the admin who can act on it
    assert f'action="{retry_url}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        retried = client.post(retry_url, follow=True)
    assert "diproses ulang" in retried.content.decode()
    evidence.refresh_from_db()
    assert evidence.ocr_state == "done" and evidence.processing_errors == {}


def test_processing_is_idempotent(gps_case, monkeypatch):
    case, _content = gps_case
    evidence = case.evidence.get()
    names = (evidence.sanitized.name, evidence.thumbnail.name)
    calls = []
    monkeypatch.setattr(images, "ocr", lambda image: calls.append(1) or "")
    processing.evidence_process(evidence_id=evidence.pk)
    assert calls == []  # everything was done: nothing runs again
    processing.evidence_process(evidence_id=evidence.pk, force=True)
    evidence.refresh_from_db()
    assert (evidence.sanitized.name, evidence.thumbnail.name) == names  # replaced, not duplicated


def test_similar_look_up_reads_only_index_candidates(ref):
    """At scale the look-up must not scan: it searches the band indexes and reads few rows."""
    hashes = evidence_with_random_hashes(count=20_000, seed=7)
    near = f"{int(hashes[123], 16) ^ 0b100101:016x}"  # three bits away from one of them
    candidates = similar.evidence_similar_candidates(phash=near)
    # 4 bands x 17 values of 65,536: about 20,000 x 68 / 65,536 = 21 random rows, not 20,000.
    assert candidates.count() < 100
    assert candidates.filter(phash=hashes[123]).exists()
    if connection.vendor == "sqlite":
        plan = candidates.explain()
        assert "USING INDEX evidence_band0_cover" in plan
        assert "SCAN complaints_evidence" not in plan


def test_ocr_text_is_searchable_in_the_queue(client, gps_case):
    case, _content = gps_case
    client.force_login(official("v", Role.VERIFIKATOR))
    assert case.ticket in client.get("/petugas/", {"q": "pilkadadamai"}).content.decode()
    assert case.ticket not in client.get("/petugas/", {"q": "tidakadadimanapun"}).content.decode()


@pytest.mark.parametrize("variant", ["original", "sanitized", "thumbnail"])
def test_no_variant_reaches_anyone_without_access(client, gps_case, variant):
    case, _content = gps_case
    evidence = case.evidence.get()
    page = reverse("official-case-evidence", args=[case.ticket, evidence.pk, variant])
    api = f"/api/v1/cases/{case.ticket}/evidence/{evidence.pk}/{variant}/"
    client.logout()
    assert client.get(page).status_code == 302  # to the login page
    assert client.get(api).status_code in (401, 403)
    client.force_login(official("warga", "none"))
    assert client.get(page).status_code == 403
    assert client.get(api).status_code == 403


def test_an_analis_sees_copies_but_not_the_original(client, gps_case):
    case, _content = gps_case
    evidence = case.evidence.get()
    client.force_login(official("anwar", Role.ANALIS))
    for variant in ("sanitized", "thumbnail"):
        assert (
            client.get(reverse("official-case-evidence", args=[case.ticket, evidence.pk, variant])).status_code == 200
        )
    assert client.get(reverse("official-case-evidence", args=[case.ticket, evidence.pk, "original"])).status_code == 403
    assert client.get(f"/api/v1/cases/{case.ticket}/evidence/{evidence.pk}/original/").status_code == 403
    assert not CaseEvent.objects.filter(action="original_downloaded").exists()


def test_each_download_of_the_original_is_recorded(client, gps_case):
    case, content = gps_case
    evidence = case.evidence.get()
    vera = official("vera", Role.VERIFIKATOR)
    client.force_login(vera)
    response = client.get(f"/api/v1/cases/{case.ticket}/evidence/{evidence.pk}/original/")
    assert b"".join(response.streaming_content) == content
    event = CaseEvent.objects.get(action="original_downloaded")
    assert (event.actor, event.is_public, evidence.sha256 in event.internal_note) == (vera, False, True)


def test_the_case_page_and_api_show_processing_similar_and_suggestions(client, gps_case):
    case, _content = gps_case
    client.force_login(official("k", Role.KOORDINATOR))
    page = client.get(reverse("official-case", args=[case.ticket])).content.decode()
    assert 'data-step="ocr">Selesai' in page
    assert 'data-suggestion="behaviour:MEDSOS_KAMPANYE"' in page
    detail = client.get(f"/api/v1/cases/{case.ticket}/").json()
    [item] = detail["evidence"]
    assert item["processing"] == {"sanitize": "done", "thumbnail": "done", "phash": "done", "ocr": "done"}
    assert "nomor urut" in item["ocr_text"]
    assert item["similar"] == []
    assert any(s["value"] == "MEDSOS_KAMPANYE" and "Paslon" in s["source"] for s in detail["suggestions"])
