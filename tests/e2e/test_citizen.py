"""A citizen on a phone: report with a screenshot, keep the receipt, follow the status."""

import hashlib
import io
import random
import re
from pathlib import Path

from django.conf import settings
from django.test import Client
from PIL import Image, ImageDraw

from complaints.models import Case, StagedUpload
from complaints.reference import loaders
from tests.e2e.conftest import SCREENSHOTS
from tests.helpers import image_bytes, upload

TICKET_RE = re.compile(r"NTR-[0-9A-Z]{4}-[0-9A-Z]{4}")


def screenshot_file(tmp_path) -> str:
    """Draw a phone screenshot of an official account's campaign post, as a citizen would send."""
    image = Image.new("RGB", (720, 1280), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 720, 110), fill=(250, 250, 250))
    draw.text((30, 40), "pemprov.banten  ·  Diikuti", fill="black")
    draw.rectangle((0, 130, 720, 850), fill=(200, 30, 60))
    draw.text((60, 450), "PILIH NOMOR 2 - LANJUTKAN!", fill="white")
    draw.text((30, 880), "Disukai oleh 1.204 orang", fill="black")
    draw.text((30, 920), "pemprov.banten Presiden punya hak politik #pemilu2024", fill="black")
    path = tmp_path / "Screenshot_20240127-101500_Instagram.png"
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def fill_report(page, evidence: list[str], consent: bool = True) -> None:
    page.goto("/lapor/")
    page.get_by_label("Nama Anda").fill("Adityawarman")
    page.get_by_label(re.compile("^Email")).fill("adit@example.org")
    page.get_by_label("Nama ASN yang dilaporkan").fill("Pengelola akun Instagram Pemprov Banten")
    page.get_by_label("Instansi tempat ASN bekerja").fill("Diskominfo SP Provinsi Banten")
    page.get_by_label("Provinsi tempat ASN bekerja").select_option(label="Jawa Barat")  # a first choice, changed
    page.get_by_label("Provinsi tempat ASN bekerja").select_option(label="Banten")
    offered = page.get_by_label("Wilayah tempat ASN bekerja").locator("option").all_inner_texts()
    assert offered[1:] == [  # the province's own government, then every kabupaten/kota of Banten
        "Pemerintah Provinsi Banten", "Kabupaten Pandeglang", "Kabupaten Lebak", "Kabupaten Tangerang",
        "Kabupaten Serang", "Kota Tangerang", "Kota Cilegon", "Kota Serang", "Kota Tangerang Selatan",
    ]  # fmt: skip
    page.get_by_label("Wilayah tempat ASN bekerja").select_option(label="Kota Serang")
    page.get_by_label("Pemilihan").select_option(label="Pemilu 2024")
    page.get_by_label("Tempat pelanggaran terlihat").select_option(label="Instagram")
    page.get_by_label("Tanggal kejadian").fill("2024-01-27")
    page.get_by_label("Akun resmi instansi pemerintah mengunggah konten politik").check()
    page.get_by_label("Ceritakan apa yang terjadi").fill(
        "Akun resmi Pemprov Banten mengunggah video bernuansa politik pada masa kampanye."
    )
    page.get_by_label("Tangkapan layar").set_input_files(evidence)
    if consent:
        page.get_by_label("Saya menyatakan laporan ini benar").check()


def send(page) -> None:
    """Go to the check of the answers, then send from there (the form's first button checks)."""
    page.get_by_role("button", name="Periksa laporan").click()
    page.locator("#check-title:focus").wait_for()
    page.get_by_role("button", name="Kirim laporan").click()


def test_a_citizen_reports_keeps_the_receipt_and_follows_the_status(page, tmp_path):
    screenshot = screenshot_file(tmp_path)
    page.goto("/")
    page.shot("beranda")
    page.get_by_role("link", name="Buat laporan").click()
    fill_report(page, [screenshot])
    assert page.locator("#previews img").count() == 1
    page.shot("formulir-terisi")
    # Before sending, one page lists what will be sent, each answer with a link to change it.
    page.get_by_role("button", name="Periksa laporan").click()
    listed = page.locator("#check-list")
    listed.wait_for()
    answer = listed.locator("div", has=page.locator("dt", has_text="Nama ASN yang dilaporkan"))
    assert "Pengelola akun Instagram Pemprov Banten" in answer.inner_text()
    assert "Kota Serang" in listed.inner_text() and "Screenshot_20240127-101500_Instagram.png" in listed.inner_text()
    assert "27 Januari 2024" in listed.inner_text()  # a date as the server's check page says it
    assert not page.get_by_label("Nama ASN yang dilaporkan").is_visible()
    page.shot("periksa-laporan")
    answer.get_by_role("link", name="ubah").click()
    changed = page.get_by_label("Nama ASN yang dilaporkan")
    assert changed.evaluate("element => element === document.activeElement")
    changed.fill("Pengelola akun Instagram Pemprov Banten (admin medsos)")
    send(page)

    page.wait_for_url("**/lapor/terkirim/")
    # The receipt opens at its top, its panel focused, the ticket in view on a 360 px phone.
    page.locator("#receipt:focus").wait_for()
    assert page.evaluate("() => window.scrollY") == 0
    box = page.locator("#ticket").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]
    ticket = page.locator("#ticket").inner_text()
    access_code = page.locator("#access-code").inner_text()
    assert TICKET_RE.fullmatch(ticket)
    assert Case.objects.get(ticket=ticket).check_access_code(access_code)
    assert Case.objects.get(ticket=ticket).asn_name == "Pengelola akun Instagram Pemprov Banten (admin medsos)"
    assert page.get_by_text("hanya ditampilkan sekali").is_visible()
    page.shot("tanda-terima")

    page.reload()  # the code is shown once
    assert page.get_by_role("heading", name="Tanda terima sudah ditampilkan").is_visible()
    assert access_code not in page.content()
    page.shot("tanda-terima-dimuat-ulang")

    page.goto("/status/")
    page.get_by_label("Nomor tiket").fill(ticket.lower().replace("-", ""))  # as written down
    page.get_by_role("button", name="Cek status").click()
    page.wait_for_url(f"**/status/{ticket}/")
    assert page.locator("[data-status]").inner_text() == "Diterima"
    assert "Adityawarman" not in page.content()
    page.shot("status")


def test_the_form_explains_a_bad_file_and_a_missing_consent(page, tmp_path):
    not_an_image = tmp_path / "bukti.png"
    not_an_image.write_text("<html><script>alert('x')</script></html>")
    fill_report(page, [str(not_an_image)], consent=False)
    send(page)

    summary = page.locator("#error-summary")
    summary.wait_for()
    assert summary.evaluate("element => element === document.activeElement")  # focus moves to it
    text = summary.inner_text()
    assert "Berkas 1 (bukti.png) bukan gambar JPEG, PNG atau WebP" in text
    assert "Centang pernyataan persetujuan" in text
    assert "tangkapan layar harus dipilih ulang" in text
    assert page.get_by_label("Nama ASN yang dilaporkan").input_value() == "Pengelola akun Instagram Pemprov Banten"
    assert page.get_by_label("Wilayah tempat ASN bekerja").input_value() == "36.73"
    assert not Case.objects.exists()
    page.shot("kesalahan")

    # Each link of the summary puts the cursor in its field, which names its message.
    summary.get_by_role("link", name=re.compile("Centang pernyataan")).click()
    consent = page.locator("#id_consent")
    assert consent.evaluate("element => element === document.activeElement")
    assert "Centang pernyataan" in page.locator("#" + consent.get_attribute("aria-describedby").split()[0]).inner_text()
    summary.get_by_role("link", name=re.compile("bukan gambar JPEG")).click()
    assert page.locator("#id_evidence").evaluate("element => element === document.activeElement")
    page.shot("kesalahan-tautan")


def test_the_language_switch(page):
    page.goto("/lapor/")
    assert page.locator("html").get_attribute("lang") == "id"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Report a breach of civil servant (ASN) neutrality"
    page.shot("english")
    page.get_by_role("button", name="Bahasa Indonesia").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Laporkan pelanggaran netralitas ASN"
    page.shot("indonesia")


def test_a_dropped_answer_shows_the_saved_receipt_instead_of_sending_twice(page, tmp_path, report_fields):
    fill_report(page, [screenshot_file(tmp_path)])
    session = next(c["value"] for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)

    def saved_then_dropped(route):
        # Chromium does not hand the upload's bytes to Playwright, so the server side of "saved,
        # but the answer was lost" is played by a client in the browser's own session...
        server = Client()
        server.cookies[settings.SESSION_COOKIE_NAME] = session
        assert server.post("/lapor/", {**report_fields, "evidence": [upload(image_bytes())]}).status_code == 302
        route.abort("connectionreset")  # ...and the phone never gets the answer

    page.route(
        "**/lapor/", lambda route: saved_then_dropped(route) if route.request.method == "POST" else route.continue_()
    )
    send(page)
    page.locator("#access-code").wait_for()
    assert page.locator("#ticket").inner_text() == Case.objects.get().ticket  # one report, its receipt shown
    page.shot("tanda-terima-setelah-koneksi-putus")


def test_what_was_typed_survives_a_reload_and_is_forgotten_once_sent(page, tmp_path):
    screenshot = screenshot_file(tmp_path)
    fill_report(page, [screenshot])
    page.reload()
    page.locator("#draft-restored").wait_for()
    assert page.get_by_label("Nama ASN yang dilaporkan").input_value() == "Pengelola akun Instagram Pemprov Banten"
    assert page.get_by_label("Wilayah tempat ASN bekerja").input_value() == "36.73"
    assert page.get_by_label("Provinsi tempat ASN bekerja").locator("option:checked").inner_text() == "Banten"
    assert page.get_by_label("Akun resmi instansi pemerintah mengunggah konten politik").is_checked()
    assert page.get_by_label("Tangkapan layar").evaluate("input => input.files.length") == 0  # never the files
    page.shot("isian-dipulihkan")

    page.get_by_label("Tangkapan layar").set_input_files([screenshot])
    send(page)
    page.locator("#access-code").wait_for()
    page.goto("/lapor/")
    assert page.get_by_label("Nama ASN yang dilaporkan").input_value() == ""
    assert page.locator("#draft-restored").count() == 0


def test_a_lost_connection_keeps_the_chosen_files_for_sending_again(page, tmp_path):
    fill_report(page, [screenshot_file(tmp_path)])
    page.route(
        "**/lapor/",
        lambda route: route.abort("connectionreset") if route.request.method == "POST" else route.continue_(),
    )
    send(page)
    page.get_by_text("tangkapan layar yang Anda pilih tetap ada").wait_for()
    assert not Case.objects.exists()
    page.unroute("**/lapor/")
    page.get_by_role("button", name="Kirim laporan").click()  # the same files, without choosing again
    page.locator("#access-code").wait_for()
    assert Case.objects.get().evidence.count() == 1


def test_a_dropped_upload_resumes_from_the_last_part_the_server_kept(page, tmp_path, settings):
    settings.UPLOAD_CHUNK_BYTES = 64 * 1024
    noisy = tmp_path / "Screenshot_besar.png"  # incompressible: about 270 KB, five parts
    Image.frombytes("RGB", (300, 300), random.Random(7).randbytes(300 * 300 * 3)).save(noisy)
    fill_report(page, [str(noisy)])
    seen, dropped = [], []

    def third_part_lost(route):
        request = route.request
        seen.append((request.method, request.headers.get("upload-offset")))
        if request.method == "PATCH" and request.headers.get("upload-offset") == str(2 * 64 * 1024) and not dropped:
            dropped.append(request.url)
            route.abort("connectionreset")  # the signal goes, mid-file
        else:
            route.continue_()

    page.route("**/lapor/unggah/**", third_part_lost)
    send(page)
    page.locator("#access-code").wait_for()
    parts = [offset for method, offset in seen if method == "PATCH"]
    assert dropped and parts.count(str(2 * 64 * 1024)) == 2  # the lost part, and only it, again
    assert parts.count("0") == parts.count(str(64 * 1024)) == 1  # what had arrived was not sent again
    assert seen[seen.index(("PATCH", str(2 * 64 * 1024))) + 1][0] == "HEAD"  # asked where to go on from
    evidence = Case.objects.get().evidence.get()
    assert evidence.sha256 == hashlib.sha256(noisy.read_bytes()).hexdigest()  # whole, in order


def test_while_the_portal_holds_too_many_uploads_the_files_go_with_the_form(page, tmp_path, settings):
    settings.STAGED_UPLOAD_MAX_BYTES = 10  # as under a flood of unused uploads
    fill_report(page, [screenshot_file(tmp_path)])
    send(page)
    page.locator("#access-code").wait_for()
    assert Case.objects.get().evidence.count() == 1
    assert not StagedUpload.objects.exists()


def test_too_many_screenshots_are_said_at_the_file_input_before_anything_is_sent(page, tmp_path):
    shots = [screenshot_file(tmp_path)]
    for number in range(5):
        copy = tmp_path / f"salinan-{number}.png"
        copy.write_bytes(Path(shots[0]).read_bytes())
        shots.append(str(copy))
    fill_report(page, shots)  # six, one more than allowed
    sent = []
    page.on("request", lambda request: sent.append(request.url) if "/lapor/unggah/" in request.url else None)
    page.get_by_role("button", name="Periksa laporan").click()
    page.locator("#evidence-refused").get_by_text("Anda memilih 6 berkas; paling banyak 5").wait_for()
    assert page.evaluate("document.activeElement.id") == "id_evidence"
    assert page.locator("#check-answers").is_hidden()
    page.get_by_label("Tangkapan layar").set_input_files(shots[:2])
    send(page)
    page.locator("#access-code").wait_for()
    assert Case.objects.get().evidence.count() == 2
    assert len([url for url in sent if url.endswith("/lapor/unggah/")]) == 2  # only the two sent ever went


def test_a_slow_upload_says_how_long_is_left(page, tmp_path):
    noisy = tmp_path / "Screenshot_besar.png"  # incompressible: about 270 KB
    Image.frombytes("RGB", (300, 300), random.Random(7).randbytes(300 * 300 * 3)).save(noisy)
    fill_report(page, [str(noisy)])
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    conditions = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 48 * 1024}
    cdp.send("Network.emulateNetworkConditions", conditions)  # a weak mobile signal
    send(page)
    page.get_by_text(re.compile(r"Mengirim laporan: \d+ persen, sekitar \d+ detik lagi")).wait_for()
    page.shot("unggah-lambat")
    page.locator("#access-code").wait_for()


def test_an_expired_form_session_keeps_what_was_typed(page, tmp_path):
    fill_report(page, [screenshot_file(tmp_path)])
    page.context.clear_cookies()  # the CSRF cookie is gone: the server refuses the form
    send(page)
    page.get_by_text("Sesi formulir sudah kedaluwarsa").wait_for()
    assert page.get_by_label("Nama ASN yang dilaporkan").input_value() == "Pengelola akun Instagram Pemprov Banten"
    assert page.get_by_role("button", name="Kirim laporan").is_enabled()
    assert not Case.objects.exists()
    page.shot("sesi-kedaluwarsa")


def test_the_form_proves_work_in_a_worker_when_the_portal_asks(page, tmp_path, settings):
    settings.POW = "always"
    fill_report(page, [screenshot_file(tmp_path)])
    send(page)
    page.locator("#access-code").wait_for()
    assert Case.objects.count() == 1


def test_a_rate_limited_citizen_keeps_the_form_and_is_told_when_to_try_again(page, tmp_path, settings):
    settings.SUBMIT_RATE = "1/hour"
    settings.POW = "off"
    fill_report(page, [screenshot_file(tmp_path)])
    send(page)
    page.locator("#access-code").wait_for()
    fill_report(page, [screenshot_file(tmp_path)])
    send(page)
    page.get_by_text("Terlalu banyak laporan dari sambungan Anda").wait_for()
    assert page.get_by_label("Nama ASN yang dilaporkan").input_value() == "Pengelola akun Instagram Pemprov Banten"
    assert page.get_by_role("button", name="Kirim laporan").is_enabled()
    page.shot("dibatasi-isian-tetap")


def test_a_citizen_without_javascript_reports_and_reads_the_receipt(browser, live_server, transactional_db, tmp_path):
    loaders.regions_load()
    loaders.elections_load()
    loaders.behaviours_load()
    context = browser.new_context(
        java_script_enabled=False, base_url=live_server.url, viewport={"width": 360, "height": 780}
    )
    page = context.new_page()
    page.goto("/lapor/")
    assert page.locator("#id_province").count() == 0  # the grouped list of every region instead
    page.get_by_label("Nama Anda").fill("Adityawarman")
    page.get_by_label(re.compile("^Email")).fill("adit@example.org")
    page.get_by_label("Nama ASN yang dilaporkan").fill("Pengelola akun Instagram Pemprov Banten")
    page.get_by_label("Instansi tempat ASN bekerja").fill("Diskominfo SP Provinsi Banten")
    page.get_by_label("Wilayah tempat ASN bekerja").select_option("36.73")
    page.get_by_label("Pemilihan").select_option(label="Pemilu 2024")
    page.get_by_label("Tempat pelanggaran terlihat").select_option(label="Instagram")
    page.get_by_label("Tanggal kejadian").fill("2024-01-27")
    page.get_by_label("Ceritakan apa yang terjadi").fill("Akun resmi Pemprov Banten mengunggah video kampanye.")
    page.get_by_label("Tangkapan layar").set_input_files([screenshot_file(tmp_path)])
    page.get_by_label("Saya menyatakan laporan ini benar").check()
    page.get_by_role("button", name="Periksa laporan").click()  # the server's check page, without JavaScript
    page.wait_for_url("**/lapor/periksa/")
    assert page.locator("#check-list").get_by_text("Kota Serang").count() == 1
    check_list = page.locator("#check-list")
    assert check_list.get_by_text(re.compile(r"^Screenshot_20240127-101500_Instagram\.png")).count() == 1
    page.screenshot(path=SCREENSHOTS / "tanpa-javascript-periksa.png", full_page=True)
    page.get_by_role("button", name="ubah Instansi tempat ASN bekerja").click()  # back to that field, filled in
    page.wait_for_url("**/lapor/ubah/#id_asn_agency-group")
    assert page.get_by_label("Nama ASN yang dilaporkan").input_value() == "Pengelola akun Instagram Pemprov Banten"
    assert page.get_by_label("Screenshot_20240127-101500_Instagram.png").is_checked()  # held, not chosen again
    page.get_by_label("Instansi tempat ASN bekerja").fill("Dinas Kominfo Provinsi Banten")
    page.get_by_role("button", name="Periksa laporan").click()
    assert page.locator("#check-list").get_by_text("Dinas Kominfo Provinsi Banten").count() == 1
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_url("**/lapor/terkirim/")
    assert TICKET_RE.fullmatch(page.locator("#ticket").inner_text())
    case = Case.objects.get()
    assert case.asn_agency == "Dinas Kominfo Provinsi Banten"
    assert case.evidence.count() == 1  # chosen once, sent once
    context.close()
