"""Every page, the citizen's and the officials', in each state a person meets it and in both
languages, passes axe-core's WCAG 2.1 A and AA rules and keeps to the Content Security Policy (the
`page` fixture fails on any CSP report or script error). A screenshot of each is kept in var/e2e/.

And a citizen who uses only the keyboard can send a report.
"""

import hashlib
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from complaints.forwarding.links import agency_url
from complaints.permissions import Role
from complaints.triage import workflow
from tests.e2e import axe
from tests.e2e.test_citizen import screenshot_file
from tests.e2e.test_officials import PASSWORD
from tests.factories import CaseFactory, ForwardingFactory, official

HELD_PDF = b"%PDF-1.7 the dossier an agency holds"


def checked(page, name: str) -> None:
    """Keep a screenshot of the page and assert axe finds nothing on it."""
    page.shot(name)
    found = axe.violations(page)
    assert found == [], f"{name} ({page.url}): {found}"


def language(page, code: str) -> None:
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": page.url}])


@pytest.mark.parametrize("code", ["id", "en"])
def test_every_citizen_page_in_each_state(page, tmp_path, code):
    page.goto("/")
    language(page, code)
    asked, vera = CaseFactory(), official(f"vera-{code}", Role.VERIFIKATOR)
    workflow.perform("claim", case=asked, by=vera)
    workflow.perform("request_info", case=asked, by=vera, note="Kapan unggahan ini Anda lihat?")
    rejected = CaseFactory(status="rejected", rejection_reason="insufficient_evidence")
    for path, name in [
        ("/", "beranda"),
        ("/lapor/", "formulir"),
        ("/status/", "cek-status"),
        (f"/status/{asked.ticket}/", "status-perlu-keterangan"),
        (f"/status/{rejected.ticket}/", "status-ditolak"),
        (f"/status/{asked.ticket}/balas/", "balas"),
        ("/statistik/", "statistik"),
        ("/status/NTR-0000-0000/", "status-tidak-ada"),
        ("/tidak-ada/", "404"),
    ]:
        page.goto(path)
        checked(page, f"{code}-{name}")

    page.goto("/status/")
    page.locator("#id_ticket, input[name=ticket]").first.fill("bukan tiket")
    page.locator("main form button[type=submit]").last.click()
    page.locator(".error-summary").wait_for()
    checked(page, f"{code}-cek-status-salah")

    page.goto(f"/status/{asked.ticket}/balas/")
    page.locator("input[name=access_code]").fill("AAAAA-AAAAA")
    page.locator("textarea[name=text]").fill("Jawaban saya.")
    page.locator("form[enctype] button[type=submit]").click()
    page.locator("#error-summary").wait_for()
    checked(page, f"{code}-balas-kode-salah")

    page.goto("/lapor/")
    page.locator("#submit-button").click()
    page.locator("#check-title:focus").wait_for()
    checked(page, f"{code}-periksa-laporan")
    page.locator("#check-send").click()
    page.locator("#error-summary").wait_for()
    checked(page, f"{code}-formulir-salah")

    page.goto("/lapor/")
    _fill_by_keyboard(page, screenshot_file(tmp_path))  # then sent as a browser without JavaScript would
    to_check = "() => { const f = document.getElementById('report-form'); f.action = '/lapor/periksa/'; f.submit(); }"
    page.evaluate(to_check)
    page.wait_for_url("**/lapor/periksa/")
    checked(page, f"{code}-periksa-tanpa-javascript")
    page.locator("#check-list button").first.click()
    page.wait_for_url("**/lapor/ubah/**")
    assert page.locator("input[name=uploads]:checked").count() == 1
    checked(page, f"{code}-ubah-berkas-tersimpan")

    page.evaluate("() => sessionStorage.clear()")  # what was typed above is not restored below
    page.goto("/lapor/")
    _report_by_keyboard(page, screenshot_file(tmp_path))
    page.locator("#access-code").wait_for()
    checked(page, f"{code}-tanda-terima")


@pytest.mark.parametrize("code", ["id", "en"])
def test_every_official_page_in_each_state(page, tmp_path, code):
    official("kartika", Role.KOORDINATOR, password=PASSWORD)
    page.goto("/petugas/masuk/")
    language(page, code)
    page.goto("/petugas/masuk/")
    checked(page, f"{code}-masuk")
    page.locator("input[name=username]").fill("kartika")
    page.locator("input[name=password]").fill("salah-sekali-sandi")
    page.locator("main form button[type=submit]").last.click()
    page.locator(".error-summary").wait_for()
    checked(page, f"{code}-masuk-salah")

    case = CaseFactory()
    forwarding = ForwardingFactory(delivery="sent", dossier_sha256=hashlib.sha256(HELD_PDF).hexdigest())
    log_in_as(page, "kartika")
    for path, name in [
        ("/petugas/", "antrean"),
        ("/petugas/?status=received&q=%25%25", "antrean-disaring"),
        (f"/petugas/kasus/{case.ticket}/", "kasus"),
        (f"/petugas/kasus/{forwarding.case.ticket}/", "kasus-diteruskan"),
        ("/petugas/dasbor/", "dasbor"),
        ("/petugas/asn/", "daftar-asn"),
        ("/petugas/temuan/baru/", "temuan"),
        ("/petugas/temuan/unggah/", "temuan-unggah"),
    ]:
        page.goto(path)
        checked(page, f"{code}-{name}")

    # A colleague acts first: the refused action shows what changed, the typed note kept.
    page.goto(f"/petugas/kasus/{case.ticket}/")
    workflow.perform("claim", case=case, by=official(f"vera-{code}", Role.VERIFIKATOR))
    page.locator("#action-claim summary").click()
    page.locator("details[open] textarea").first.fill("Saya ambil: cek akunnya dulu.")
    page.locator("details[open] button[type=submit]").click()
    page.locator("#changes").wait_for()
    checked(page, f"{code}-kasus-berubah")

    page.goto("/petugas/temuan/baru/")
    page.locator("main form button[type=submit]").last.click()
    page.locator(".error-summary").wait_for()
    checked(page, f"{code}-temuan-salah")

    page.goto(urlsplit(agency_url(forwarding)).path)
    checked(page, f"{code}-instansi")

    page.goto(f"/verifikasi/{forwarding.key}/")
    checked(page, f"{code}-verifikasi-berkas")
    page.locator("#id_sha256").fill("bukan hash")
    page.locator("#verify-form button[type=submit]").click()
    page.locator(".error-summary").wait_for()
    checked(page, f"{code}-verifikasi-salah")
    page.locator("#id_sha256").fill("ab" * 32)
    page.locator("#verify-form button[type=submit]").click()
    page.locator('#result[data-matches="false"]').wait_for()
    checked(page, f"{code}-verifikasi-tidak-cocok")
    held = tmp_path / "berkas.pdf"
    held.write_bytes(HELD_PDF)
    page.locator("#pdf").set_input_files(str(held))  # hashed in the browser, never sent
    page.locator('#result[data-matches="true"]').wait_for()
    checked(page, f"{code}-verifikasi-cocok")


def log_in_as(page, username: str) -> None:
    """Log in by the fields' names, which are the same in both languages."""
    page.goto("/petugas/masuk/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.locator("h1").wait_for()


def _report_by_keyboard(page, screenshot: str) -> None:
    """Fill the report form with the keyboard alone, check it and send it."""
    _fill_by_keyboard(page, screenshot)
    page.keyboard.press("Enter")  # to the check of the answers, focused at its heading
    page.locator("#check-title:focus").wait_for()
    tab_to(page, "#check-send")
    page.keyboard.press("Enter")


def tab_to(page, selector: str) -> None:
    for _ in range(40):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def _fill_by_keyboard(page, screenshot: str) -> None:
    """Fill the report form with the keyboard alone: Tab to each field, type, Space to tick;
    the focus ends on the form's button."""
    page.locator("#id_reporter_name").focus()

    page.keyboard.type("Adityawarman")
    for field, typed in [  # a select takes what is typed as the option it starts
        ("#id_reporter_email", "adit@example.org"),
        ("#id_asn_name", "Pengelola akun Instagram Pemprov Banten"),
        ("#id_asn_agency", "Diskominfo SP Provinsi Banten"),
        ("#id_province", "Banten"),
        ("#id_asn_region", "Kota Serang"),
        ("#id_election", "Pemilu 2024"),
        ("#id_platform", "Instagram"),
    ]:
        tab_to(page, field)
        page.keyboard.type(typed)
    tab_to(page, "#id_incident_date")
    for typed in ("01272024", "27012024"):  # the date field's order follows the browser's own locale
        page.keyboard.type(typed)
        if page.locator("#id_incident_date").input_value() == "2024-01-27":
            break
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
    assert page.locator("#id_incident_date").input_value() == "2024-01-27"
    tab_to(page, "#id_description")
    page.keyboard.type("Akun resmi Pemprov Banten mengunggah video bernuansa politik pada masa kampanye.")
    tab_to(page, "#id_evidence")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(screenshot)
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, "#submit-button")
