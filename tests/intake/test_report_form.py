"""The citizen's report form at /lapor/, driven through Django's test client."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from complaints.models import Case, CaseEvent, Evidence, Reporter
from tests.helpers import assert_nothing_stored, image_bytes, stored_files, upload

TICKET_RE = re.compile(r"NTR-[0-9A-Z]{4}-[0-9A-Z]{4}")
ACCESS_CODE_RE = re.compile(r'id="access-code">\s*([0-9A-Z]{5}-[0-9A-Z]{5})\s*<')
XSS = "<script>alert(1)</script>"
ESCAPED_XSS = "&lt;script&gt;alert(1)&lt;/script&gt;"


def post_report(client, fields, files, **extra):
    """POST the report form as multipart, with `files` as the `evidence` uploads."""
    return client.post(reverse("report-create"), {**fields, "evidence": files}, **extra)


def field_errors(html: str, field: str) -> list[str]:
    """Return the error messages rendered inside the field's own group, next to the input."""
    start = html.index(f'id="id_{field}-group"')
    end = html.find("-group", start + len(f'id="id_{field}-group"'))
    segment = html[start : end if end != -1 else len(html)]
    shown = re.search(rf'<div class="error-message" id="id_{field}_error">(.*?)</div>', segment, re.S)
    return re.findall(r"<p>(.*?)</p>", shown.group(1), re.S) if shown else []


def receipt(client):
    """Open the receipt and return (response, ticket, access code)."""
    response = client.get(reverse("report-receipt"))
    html = response.content.decode()
    ticket = TICKET_RE.search(html)
    code = ACCESS_CODE_RE.search(html)
    return response, ticket and ticket.group(0), code and code.group(1)


# The empty form ---------------------------------------------------------------


@pytest.fixture
def form_page(client, ref):
    response = client.get(reverse("report-create"))
    return response, response.content.decode()


def test_form_page_is_in_indonesian(form_page):
    response, html = form_page
    assert response.status_code == 200
    assert '<html lang="id">' in html
    assert "Laporkan pelanggaran netralitas ASN" in html


def test_form_page_shows_privacy_statement(form_page):
    _response, html = form_page
    assert "Bagaimana data Anda digunakan" in html


def test_form_offers_regencies_grouped_by_province(form_page):
    _response, html = form_page
    banten = re.search(r'<optgroup label="Banten">(.*?)</optgroup>', html, re.S)
    assert banten is not None
    assert 'value="36.73"' in banten.group(1)


def test_form_offers_behaviour_checkboxes(form_page):
    _response, html = form_page
    assert re.search(r'<input type="checkbox" name="behaviours" value="AKUN_INSTANSI"', html)
    assert re.search(r'<input type="checkbox" name="behaviours" value="MEDSOS_KAMPANYE"', html)


def test_form_file_input_accepts_several_screenshots(form_page):
    _response, html = form_page
    file_input = re.search(r'<input type="file" name="evidence"[^>]*>', html)
    assert file_input is not None
    assert re.search(r"\smultiple[\s>]", file_input.group(0))


# A valid report ---------------------------------------------------------------


def test_valid_report_redirects_to_receipt(client, report_fields, png):
    response = post_report(client, report_fields, [upload(png)])
    assert response.status_code == 302
    assert response["Location"] == reverse("report-receipt") == "/lapor/terkirim/"


def test_receipt_shows_ticket_and_access_code(client, report_fields, png):
    post_report(client, report_fields, [upload(png)])
    response, ticket, code = receipt(client)
    assert response.status_code == 200
    assert ticket == Case.objects.get().ticket
    assert code is not None
    assert Case.objects.get().check_access_code(code)


def test_receipt_is_not_cached(client, report_fields, png):
    post_report(client, report_fields, [upload(png)])
    response, _ticket, _code = receipt(client)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_receipt_shows_access_code_only_once(client, report_fields, png):
    post_report(client, report_fields, [upload(png)])
    _first, _ticket, code = receipt(client)
    second = client.get(reverse("report-receipt"))
    assert second.status_code == 410
    assert code not in second.content.decode()


def test_valid_report_stores_case_reporter_evidence_and_one_event(client, report_fields, png):
    post_report(client, report_fields, [upload(png)])
    case = Case.objects.get()
    assert case.asn_name == report_fields["asn_name"]
    assert case.status == Case.Status.RECEIVED
    assert Reporter.objects.get(case=case).email == report_fields["reporter_email"]
    assert Evidence.objects.filter(case=case).count() == 1
    assert CaseEvent.objects.filter(case=case).count() == 1
    assert CaseEvent.objects.count() == 1


def test_evidence_is_stored_byte_for_byte_in_private_folder(client, report_fields, evidence_dir):
    content = image_bytes("PNG", size=(120, 80))
    post_report(client, report_fields, [upload(content, name="bukti-saya.png")])
    files = stored_files(evidence_dir)
    assert len(files) == 1
    assert files[0].read_bytes() == content
    evidence = Evidence.objects.get()
    assert (evidence_dir / evidence.original.name) == files[0]
    assert "bukti-saya" not in evidence.original.name


def test_several_screenshots_are_all_stored(client, report_fields, evidence_dir):
    contents = [image_bytes("PNG", size=(100 + n, 100)) for n in range(3)]
    response = post_report(client, report_fields, [upload(content) for content in contents])
    assert response.status_code == 302
    assert sorted(path.read_bytes() for path in stored_files(evidence_dir)) == sorted(contents)
    assert list(Evidence.objects.values_list("position", flat=True)) == [1, 2, 3]


# The confirmation email -------------------------------------------------------


def test_confirmation_email_has_ticket_and_status_link(client, report_fields, png, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_report(client, report_fields, [upload(png)])
    ticket = Case.objects.get().ticket
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [report_fields["reporter_email"]]
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    for body in (message.body, html):
        assert ticket in body
        assert f"/status/{ticket}/" in body


def test_confirmation_email_never_contains_access_code(client, report_fields, png, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_report(client, report_fields, [upload(png)])
    _response, _ticket, code = receipt(client)
    assert code is not None
    message = mail.outbox[0]
    (html, _mimetype), *_ = message.alternatives
    for body in (message.subject, message.body, html):
        assert code not in body
        assert code.replace("-", "") not in body
        assert not re.search(r"kode akses\W*" + re.escape(code), body, re.I)


def test_anonymous_report_sends_no_email(client, report_fields, png, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_report(client, {**report_fields, "anonymous": "true"}, [upload(png)])
    assert response.status_code == 302
    assert mail.outbox == []


def test_anonymous_report_stores_no_identity_even_if_typed(client, report_fields, png):
    post_report(client, {**report_fields, "anonymous": "true"}, [upload(png)])
    case = Case.objects.get()
    assert case.anonymous is True
    assert case.share_identity is False
    assert Reporter.objects.count() == 0


def test_anonymous_report_still_gets_a_receipt(client, report_fields, png):
    post_report(client, {**report_fields, "anonymous": "true"}, [upload(png)])
    response, ticket, code = receipt(client)
    assert response.status_code == 200
    assert ticket == Case.objects.get().ticket
    assert code is not None


# Rejected reports -------------------------------------------------------------

DROP = object()  # a field left out of the POST


def _tomorrow() -> str:
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def _png_half() -> bytes:
    whole = image_bytes("PNG", size=(64, 64), compress_level=0)
    return whole[: len(whole) // 2]


REJECTIONS = [
    # id, field with the error, message fragment, changed fields, uploads, settings
    ("no-consent", "consent", "Centang pernyataan persetujuan", {"consent": DROP}, None, {}),
    ("short-nip", "asn_nip", "NIP harus tepat 18 digit", {"asn_nip": "12345"}, None, {}),
    ("future-incident", "incident_date", "tidak boleh di masa depan", {"incident_date": _tomorrow}, None, {}),
    (
        "known-before-incident",
        "known_date",
        "tidak boleh sebelum tanggal kejadian",
        {"incident_date": "2024-01-27", "known_date": "2024-01-20"},
        None,
        {},
    ),
    ("unknown-election", "election", "Pemilihan yang dipilih tidak dikenal", {"election": "pemilu-1999"}, None, {}),
    ("unknown-region", "asn_region", "99.99 tidak dikenal", {"asn_region": "99.99"}, None, {}),
    ("long-description", "description", "paling banyak 5000 karakter", {"description": "x" * 10_000}, None, {}),
    (
        "text-named-png",
        "evidence",
        "bukan gambar JPEG, PNG atau WebP",
        {},
        lambda: [upload(b"hello", name="bukti.png")],
        {},
    ),
    (
        "html-named-png",
        "evidence",
        "bukan gambar JPEG, PNG atau WebP",
        {},
        lambda: [upload(b"<!doctype html><html><body><script>alert(1)</script></body></html>", name="bukti.png")],
        {},
    ),
    ("empty-file", "evidence", "kosong (0 byte)", {}, lambda: [upload(b"", name="kosong.png")], {}),
    ("truncated-png", "evidence", "rusak atau tidak lengkap", {}, lambda: [upload(_png_half())], {}),
    (
        "six-files",
        "evidence",
        "paling banyak 5 tangkapan layar",
        {},
        lambda: [upload(image_bytes("PNG", size=(50, 50)), name=f"b{n}.png") for n in range(6)],
        {},
    ),
    (
        "file-too-large",
        "evidence",
        "melebihi batas",
        {},
        lambda: [upload(image_bytes("PNG", size=(40, 40), compress_level=0))],
        {"MAX_EVIDENCE_BYTES": 1000},
    ),
    (
        "too-many-pixels",
        "evidence",
        "megapiksel",
        {},
        lambda: [upload(image_bytes("PNG", size=(200, 200)))],
        {"MAX_EVIDENCE_PIXELS": 10_000},
    ),
    ("no-name", "reporter_name", "Isi nama Anda", {"reporter_name": ""}, None, {}),
]


@pytest.fixture(params=REJECTIONS, ids=[case[0] for case in REJECTIONS])
def rejected(request, client, report_fields, png, settings):
    """POST one invalid report; return (response, html, field, fragment, fields sent)."""
    _id, field, fragment, changes, files, overrides = request.param
    for name, value in overrides.items():
        setattr(settings, name, value)
    fields = dict(report_fields)
    for name, value in changes.items():
        if value is DROP:
            fields.pop(name)
        else:
            fields[name] = value() if callable(value) else value
    uploads = files() if files else [upload(png)]
    response = post_report(client, fields, uploads)
    return response, response.content.decode(), field, fragment, fields


def test_rejected_report_is_400_with_error_summary(rejected):
    response, html, _field, fragment, _fields = rejected
    assert response.status_code == 400
    assert 'class="error-summary"' in html
    summary = re.search(r'class="error-summary".*?</div>', html, re.S).group(0)
    assert fragment in summary


def test_rejected_report_shows_message_next_to_field(rejected):
    _response, html, field, fragment, _fields = rejected
    errors = field_errors(html, field)
    assert any(fragment in error for error in errors), errors


def test_rejected_report_keeps_what_was_typed(rejected):
    _response, html, _field, _fragment, fields = rejected
    assert f'value="{fields["asn_name"]}"' in html
    assert f'value="{fields["asn_agency"]}"' in html


def test_rejected_report_keeps_the_screenshots_that_passed_their_checks(rejected):
    _response, html, field, fragment, _fields = rejected
    kept = re.findall(r'type="checkbox" name="uploads" value="[0-9a-f-]{36}"[^>]* checked', html)
    if "paling banyak 5 tangkapan layar" in fragment:  # each is good: all kept, for the citizen to untick one
        assert len(kept) == 6
    elif field == "evidence":  # the screenshot itself was refused: choose again
        assert "tangkapan layar harus dipilih ulang" in html
        assert not kept
    else:  # kept on the server, ticked: sent again with the form without choosing it again
        assert "tangkapan layar yang sudah diterima tetap ada" in html
        assert len(kept) == 1


def test_rejected_report_stores_nothing(rejected, evidence_dir):
    assert_nothing_stored(evidence_dir)


def test_long_description_error_names_the_limit(client, report_fields, png):
    response = post_report(client, {**report_fields, "description": "x" * 10_000}, [upload(png)])
    errors = field_errors(response.content.decode(), "description")
    assert errors
    assert any("5000" in error for error in errors), errors


@pytest.mark.parametrize("field", ["reporter_name", "asn_name", "asn_agency", "asn_position"])
def test_a_name_on_two_lines_is_refused_naming_the_field(client, report_fields, png, field):
    response = post_report(client, {**report_fields, field: "Budi\r\nBcc: semua@example.org"}, [upload(png)])
    assert response.status_code == 400
    assert any("satu baris" in error for error in field_errors(response.content.decode(), field))
    assert Case.objects.count() == 0


def test_report_without_screenshots_is_rejected(client, report_fields, evidence_dir):
    response = post_report(client, report_fields, [])
    assert response.status_code == 400
    assert any(
        "paling sedikit 1 tangkapan layar" in error for error in field_errors(response.content.decode(), "evidence")
    )
    assert Case.objects.count() == 0


# Escaping ---------------------------------------------------------------------


def test_html_in_every_text_field_is_shown_escaped(client, report_fields, png):
    fields = {
        **report_fields,
        "asn_name": f"Budi {XSS}",
        "asn_agency": f"Dinas {XSS}",
        "asn_position": f"Kepala {XSS}",
        "reporter_name": f"Adit {XSS}",
        "description": f"Uraian kejadian yang cukup panjang {XSS}",
    }
    fields.pop("consent")
    response = post_report(client, fields, [upload(png)])
    html = response.content.decode()
    assert response.status_code == 400
    assert XSS not in html
    assert html.count(ESCAPED_XSS) >= 5


# Rate limit -------------------------------------------------------------------


def test_third_submission_in_a_minute_is_refused(client, report_fields, png, settings):
    settings.SUBMIT_RATE = "2/min"
    invalid = {key: value for key, value in report_fields.items() if key != "consent"}
    assert post_report(client, invalid, [upload(png)]).status_code == 400
    assert post_report(client, invalid, [upload(png)]).status_code == 400
    response = post_report(client, report_fields, [upload(png)])
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Terlalu banyak permintaan" in response.content.decode()
    assert Case.objects.count() == 0


# Language ---------------------------------------------------------------------


def test_language_switch_to_english(client, ref):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/lapor/"})
    assert response.status_code == 302
    assert response["Location"] == "/lapor/"
    page = client.get(reverse("report-create"))
    assert page.status_code == 200
    assert '<html lang="en">' in page.content.decode()


def test_an_empty_submission_lists_what_to_do_for_each_required_field(client, ref):
    response = client.post(reverse("report-create"), {})
    assert response.status_code == 400
    page = response.content.decode()
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    for message in (
        "Isi nama ASN yang dilaporkan",
        "Isi instansi tempat ASN bekerja.",
        "Pilih wilayah tempat ASN bekerja.",
        "Pilih pemilihan yang terkait.",
        "Pilih tempat pelanggaran terlihat.",
        "Isi tanggal kejadian.",
        "Ceritakan apa yang terjadi.",
        "Unggah paling sedikit 1 tangkapan layar",
        "Centang pernyataan persetujuan",
        "Isi nama Anda",
    ):
        assert message in summary
    assert "Bidang ini harus diisi" not in page
    assert summary.count("<li>") == 11  # the ten above and the missing email or phone
