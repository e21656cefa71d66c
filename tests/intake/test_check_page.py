"""Check your answers without JavaScript: /lapor/periksa/ lists what will be sent, /lapor/ubah/
goes back to a field, and the report is sent from the check page with the screenshots held."""

import hashlib
import html as html_lib
import re

import pytest
from django.urls import reverse

from complaints.models import Case, StagedUpload
from tests.helpers import image_bytes, upload

pytestmark = pytest.mark.django_db


def hidden_fields(page: str) -> list[tuple[str, str]]:
    """The (name, value) pairs of the check form's hidden inputs, as the browser would send them."""
    form = re.search(r'<form method="post" action="/lapor/" class="check-answers".*?</form>', page, re.S).group(0)
    pairs = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    return [(name, html_lib.unescape(value)) for name, value in pairs if name != "csrfmiddlewaretoken"]


def as_post(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


def answers(page: str) -> dict[str, str]:
    rows = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", page, re.S)
    return {html_lib.unescape(term.strip()): html_lib.unescape(value.strip()) for term, value in rows}


@pytest.fixture
def png():
    return image_bytes(size=(720, 1280))


@pytest.fixture
def checked(client, report_fields, png):
    response = client.post(reverse("report-check"), {**report_fields, "evidence": [upload(png, "bukti-1.png")]})
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


def test_the_form_goes_to_the_check_first(client):
    page = client.get(reverse("report-create")).content.decode()
    button = r'<button class="button" type="submit" id="submit-button" formaction="/lapor/periksa/">Periksa laporan'
    assert re.search(button, page)


def test_the_check_lists_each_answer_as_the_citizen_chose_it(checked):
    shown = answers(checked)
    assert shown["Nama Anda"] == "Adityawarman"
    assert shown["Wilayah tempat ASN bekerja"] == "Kota Serang"  # the name, not the code 36.73
    assert shown["Tempat pelanggaran terlihat"] == "Instagram"
    assert shown["Tanggal kejadian"] == "27 Januari 2024"
    assert shown["Tautan unggahan"] == "https://www.instagram.com/p/example/"
    assert shown["Tangkapan layar"].startswith("bukti-1.png (")
    assert "Pemilu 2024" in shown["Pemilihan"]
    # every answer has its way back to its own input, without JavaScript
    for name in ("reporter_name", "asn_region", "evidence", "behaviours"):
        assert f'formaction="/lapor/ubah/#id_{name}' in checked
    assert not Case.objects.exists()  # nothing sent yet
    assert StagedUpload.objects.get().complete  # the screenshot waits, to be sent once


def test_the_check_page_is_never_cached(client, report_fields, png):
    response = client.post(reverse("report-check"), {**report_fields, "evidence": [upload(png)]})
    assert "no-store" in response["Cache-Control"]


def test_an_anonymous_check_shows_no_identity(client, report_fields, png):
    fields = {**report_fields, "anonymous": "on"}
    page = client.post(reverse("report-check"), {**fields, "evidence": [upload(png)]}).content.decode()
    assert "Nama Anda" not in answers(page)
    assert "Adityawarman" not in answers(page).values()


def test_sending_from_the_check_stores_the_report_with_the_held_screenshot(client, checked, png, report_fields):
    response = client.post(reverse("report-create"), as_post(hidden_fields(checked)))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.asn_name == report_fields["asn_name"]
    assert sorted(case.behaviours.values_list("code", flat=True)) == sorted(report_fields["behaviours"])
    assert case.evidence.get().sha256 == hashlib.sha256(png).hexdigest()
    assert not StagedUpload.objects.exists()
    assert case.reporter.name == "Adityawarman"


def test_change_goes_back_to_the_form_filled_in_without_errors(client, checked):
    response = client.post(reverse("report-change"), {**as_post(hidden_fields(checked)), "ubah": "asn_agency"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" not in page
    assert 'value="Diskominfo SP Provinsi Banten"' in page
    assert re.search(r'<option value="36.73" selected>', page)
    assert re.search(r'name="behaviours" value="AKUN_INSTANSI"[^>]*checked', page)
    assert re.search(r'name="consent"[^>]*checked', page)
    # the screenshot is still held and ticked: not chosen again
    assert re.search(r'name="uploads" value="[0-9a-f-]{36}" id="id_uploads_0" checked data-name="bukti-1.png"', page)


def test_a_wrong_answer_gets_the_form_with_its_error_and_keeps_the_good_screenshot(client, report_fields, png):
    fields = {**report_fields, "asn_agency": ""}
    response = client.post(reverse("report-check"), {**fields, "evidence": [upload(png)]})
    page = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_asn_agency">' in page
    assert "tangkapan layar yang sudah diterima tetap ada" in page
    assert StagedUpload.objects.count() == 1
    assert not Case.objects.exists()


def test_of_a_good_and_a_refused_screenshot_the_good_one_is_held(client, report_fields, png):
    evidence = [upload(png, "bagus.png"), upload(b"not an image", "rusak.png")]
    response = client.post(reverse("report-check"), {**report_fields, "evidence": evidence})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Berkas 2 (rusak.png)" in page  # the refused one is named, to choose again
    assert re.search(r'name="uploads" value="[0-9a-f-]{36}" id="id_uploads_0" checked data-name="bagus.png"', page)
    assert list(StagedUpload.objects.values_list("name", flat=True)) == ["bagus.png"]


def test_a_refused_screenshot_is_not_held(client, report_fields):
    response = client.post(reverse("report-check"), {**report_fields, "evidence": [upload(b"not an image")]})
    assert response.status_code == 400
    assert not StagedUpload.objects.exists()


def test_with_nowhere_to_hold_the_screenshots_the_check_sends_the_report_as_it_is(client, report_fields, png, settings):
    settings.STAGED_UPLOAD_MAX_BYTES = 10
    response = client.post(reverse("report-check"), {**report_fields, "evidence": [upload(png)]})
    assert response.status_code == 302 and response["Location"] == reverse("report-receipt")
    assert Case.objects.get().evidence.get().sha256 == hashlib.sha256(png).hexdigest()
    assert not StagedUpload.objects.exists()


def test_sent_as_it_is_the_check_still_counts_as_a_report(client, report_fields, png, settings):
    settings.STAGED_UPLOAD_MAX_BYTES = 10
    settings.SUBMIT_RATE = "1/hour"
    settings.POW = "off"
    assert client.post(reverse("report-check"), {**report_fields, "evidence": [upload(png)]}).status_code == 302
    refused = client.post(reverse("report-check"), {**report_fields, "evidence": [upload(png)]})
    assert refused.status_code == 429
    assert Case.objects.count() == 1


def test_each_screenshot_held_counts_against_the_upload_rate(client, report_fields, png, settings):
    settings.UPLOAD_RATE = "3/hour"
    two = [upload(png, "a.png"), upload(png, "b.png")]
    assert client.post(reverse("report-check"), {**report_fields, "evidence": two}).status_code == 200  # 1 + 2
    refused = client.post(reverse("report-check"), {**report_fields, "evidence": [upload(png)]})
    assert refused.status_code == 429
    assert StagedUpload.objects.count() == 2


def test_change_lands_on_the_field_with_its_label_and_the_held_screenshots_are_enough(client, checked):
    page = client.post(reverse("report-change"), as_post(hidden_fields(checked))).content.decode()
    assert 'formaction="/lapor/ubah/#id_incident_date-group"' in checked
    assert 'id="id_incident_date-group"' in page  # the fragment's target: the label and the input
    evidence = re.search(r'<input type="file"[^>]*>', page).group(0)
    assert "required" not in evidence  # a screenshot is held: choosing more is optional
