"""Officials triage in the browser; the citizen answers a question with the access code."""

import re

from django.core import mail
from django.core.files.base import ContentFile

from complaints.models import Behaviour, Case, Evidence, Forwarding
from complaints.permissions import Role
from complaints.reference import loaders
from complaints.triage import workflow
from tests import screenshots
from tests.e2e import axe
from tests.e2e.test_citizen import fill_report, screenshot_file, send
from tests.factories import CaseFactory, EvidenceFactory, official
from tests.helpers import image_bytes

PASSWORD = "sandi-uji-e2e-77"


def log_in(page, username: str) -> None:
    page.goto("/petugas/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_role("heading", name="Antrean kasus").wait_for()


def open_case_as(page, username: str, ticket: str) -> None:
    """Leave the session of whoever acted before, log in as `username` and open the case."""
    page.context.clear_cookies()
    log_in(page, username)
    page.goto(f"/petugas/kasus/{ticket}/")


def act(page, label: str, **fields) -> None:
    page.locator("summary", has_text=label).click()
    action = page.locator("details[open]")
    for field_label, value in fields.items():
        control = action.get_by_label(field_label, exact=False)
        if control.evaluate("element => element.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    action.get_by_role("button", name=label).click()
    page.get_by_text("Tersimpan").wait_for()


def test_officials_take_a_case_through_the_workflow_with_the_citizens_answer(page, tmp_path):
    for username, role in (("vera", Role.VERIFIKATOR), ("anwar", Role.ANALIS)):
        official(username, role, password=PASSWORD)

    # The citizen reports and keeps the receipt.
    fill_report(page, [screenshot_file(tmp_path)])
    send(page)
    page.locator("#access-code").wait_for()
    ticket, code = page.locator("#ticket").inner_text(), page.locator("#access-code").inner_text()
    page.context.clear_cookies()

    # The verifikator finds it at the top of the queue, claims it and asks a question.
    log_in(page, "vera")
    page.shot("antrean")
    page.get_by_role("link", name=ticket).click()
    page.shot("kasus-baru")
    act(page, "Ambil untuk ditinjau")
    act(page, "Minta keterangan pelapor", **{"Pertanyaan untuk pelapor": "Kapan Anda melihat unggahan ini?"})
    assert page.locator("[data-status]").inner_text() == "Menunggu keterangan pelapor"
    page.shot("pertanyaan-terkirim")
    page.context.clear_cookies()

    # The citizen reads the question on the status page and answers with the access code.
    page.goto(f"/status/{ticket}/")
    assert page.locator("blockquote.question").inner_text() == "Kapan Anda melihat unggahan ini?"
    page.get_by_role("link", name="Jawab pertanyaan").click()
    page.get_by_label("Kode akses").fill(code.lower())
    page.get_by_label("Jawaban Anda").fill("Saya melihatnya tanggal 27 Januari pagi.")
    page.shot("jawaban-warga")
    page.get_by_role("button", name="Kirim jawaban").click()
    page.get_by_text("Jawaban Anda sudah diterima").wait_for()
    page.shot("jawaban-diterima")

    # The verifikator sees the answer and verifies.
    open_case_as(page, "vera", ticket)
    assert page.get_by_text("Saya melihatnya tanggal 27 Januari pagi.").is_visible()
    act(page, "Verifikasi: memenuhi syarat", **{"Catatan untuk pelapor": "Laporan Anda lengkap."})
    page.shot("terverifikasi")

    # The analis classifies; the legal basis follows the category until edited.
    open_case_as(page, "anwar", ticket)
    page.locator("summary", has_text="Klasifikasi pelanggaran").click()
    form = page.locator("details[open]")
    form.get_by_label("Kategori").select_option("kode_etik")
    assert "PP 42/2004" in form.get_by_label("Dasar hukum").input_value()
    form.get_by_label("Kategori").select_option("disiplin")
    legal_basis = form.get_by_label("Dasar hukum").input_value()
    assert "PP 94/2021" in legal_basis and "PP 42/2004" not in legal_basis
    form.get_by_label("Perilaku").select_option("AKUN_INSTANSI")
    form.get_by_label("Usulan sanksi").select_option("berat")
    form.get_by_role("button", name="Klasifikasi pelanggaran").click()
    page.get_by_text("Tersimpan").wait_for()
    page.shot("diklasifikasi")
    case = Case.objects.get(ticket=ticket)
    assert (case.status, case.category, case.severity) == ("classified", "disiplin", "berat")

    # The citizen follows it: status and public notes, no officials' names.
    page.context.clear_cookies()
    page.goto(f"/status/{ticket}/")
    assert page.locator("[data-status]").inner_text() == "Diklasifikasi"
    assert page.get_by_text("Laporan Anda lengkap.").is_visible()
    assert "vera" not in page.content() and "anwar" not in page.content()
    page.shot("status-warga")


def test_the_case_page_shows_thumbnails_similar_evidence_and_suggestions(
    page, tmp_path, django_capture_on_commit_callbacks
):
    official("kartika", Role.KOORDINATOR, password=PASSWORD)
    post = screenshots.post(nip="198503152010011002")
    first, second = tmp_path / "pertama.png", tmp_path / "kedua.jpg"
    post.save(first, "PNG")
    post.resize((540, 960)).save(second, "JPEG", quality=70)  # the same post from another phone

    tickets = []
    for path in (first, second):
        page.context.clear_cookies()
        fill_report(page, [str(path)])
        send(page)
        page.locator("#ticket").wait_for()
        tickets.append(page.locator("#ticket").inner_text())
    assert Evidence.objects.filter(ocr_state="done").count() == 2  # processed after each report

    log_in(page, "kartika")
    page.goto(f"/petugas/kasus/{tickets[1]}/")
    act(page, "Ambil untuk ditinjau")
    thumbnail = page.locator("ul.evidence img").first
    thumbnail.wait_for()  # visible; then loaded and decoded (an image that fails never gets a width)
    page.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=thumbnail.element_handle())
    similar = page.locator(f'[data-similar="{tickets[0]}"]')
    assert similar.is_visible()
    suggestion = page.locator('[data-suggestion="behaviour:MEDSOS_KAMPANYE"]')
    assert "Paslon 02" in suggestion.inner_text()
    assert page.locator('[data-suggestion="nip:198503152010011002"]').is_visible()
    page.shot("bukti-serupa-dan-saran")

    # The screenshot opens large in the page, zooms, and shows the text read from it beside it.
    page.locator("a[data-view]").first.click()
    viewer = page.locator("#viewer")
    shown = viewer.locator("#viewer-main img")
    page.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=shown.element_handle())
    assert "Paslon" in viewer.locator("#viewer-text").inner_text()
    fitted = shown.bounding_box()["width"]
    viewer.get_by_role("button", name="Perbesar").click()
    viewer.get_by_role("button", name="Perbesar").click()
    assert shown.bounding_box()["width"] > fitted * 1.5
    assert viewer.locator("#viewer-zoom").inner_text() == "200%"
    page.shot("penampil-bukti")
    assert axe.violations(page) == []
    viewer.get_by_role("button", name="Tutup").click()
    # ... and beside a similar screenshot of the other report.
    similar.get_by_role("button", name="Bandingkan berdampingan").click()
    other = viewer.locator("#viewer-other img")
    page.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=other.element_handle())
    assert viewer.locator("#viewer-other figcaption").inner_text() == tickets[0]
    page.shot("bandingkan-bukti")
    page.keyboard.press("Escape")
    assert not viewer.is_visible()

    similar.get_by_role("button", name=f"Tandai sebagai duplikat dari {tickets[0]}").click()
    page.get_by_text("Tersimpan").wait_for()
    case = Case.objects.get(ticket=tickets[1])
    assert (case.status, case.duplicate_of.ticket) == ("rejected", tickets[0])
    page.shot("ditandai-duplikat")


def test_the_agency_records_an_outcome_the_koordinator_closes_and_the_citizen_reads_it(page, tmp_path):
    loaders.agencies_load()
    loaders.routing_rules_load()
    official("kartika", Role.KOORDINATOR, password=PASSWORD)
    vera = official("vera", Role.VERIFIKATOR)
    fill_report(page, [screenshot_file(tmp_path)])
    send(page)
    page.locator("#ticket").wait_for()
    ticket = page.locator("#ticket").inner_text()
    case = Case.objects.get(ticket=ticket)
    workflow.perform("claim", case=case, by=vera)
    workflow.perform("verify", case=case, by=vera)
    behaviour = Behaviour.objects.get(code="AKUN_INSTANSI")
    workflow.perform("classify", case=case, by=official("anwar", Role.ANALIS), category="disiplin", behaviour=behaviour)

    # The koordinator forwards to the suggested agencies (ticked already) after reading the warning.
    open_case_as(page, "kartika", ticket)
    page.locator("summary", has_text="Teruskan ke instansi").click()
    form = page.locator("details[open]")
    assert form.get_by_text("kontak belum terverifikasi").first.is_visible()
    page.shot("teruskan")
    form.get_by_role("button", name="Teruskan ke instansi").click()
    page.get_by_text("Tersimpan").wait_for()
    assert page.locator('[data-delivery="sent"]').count() == Forwarding.objects.filter(case=case).count() >= 2
    page.shot("diteruskan")
    page.context.clear_cookies()

    # Each agency opens its link from the email, confirms receipt and reports the outcome.
    links = [re.search(r"/instansi/[^\s/]+/", m.body).group() for m in mail.outbox if "/instansi/" in m.body]
    assert len(links) == Forwarding.objects.filter(case=case).count()
    for number, link in enumerate(links):
        page.goto(link)
        page.get_by_role("button", name="Konfirmasi berkas sudah diterima").click()
        page.get_by_text("Penerimaan berkas sudah tercatat").wait_for()
        page.get_by_label("Hasil penanganan").select_option("discipline_sanction")
        page.get_by_label("Tingkat hukuman disiplin").select_option("sedang")
        page.get_by_label("Nomor keputusan").fill(f"800/{number + 1}/2024")
        page.get_by_label("Tanggal keputusan").fill("2024-12-02")
        if number == 0:
            page.shot("instansi")
        page.get_by_role("button", name="Laporkan hasil").click()
        page.get_by_text("Hasil penanganan sudah tercatat").wait_for()
    page.shot("hasil-instansi")

    # The koordinator closes with a public summary.
    open_case_as(page, "kartika", ticket)
    act(
        page,
        "Tutup kasus",
        **{"Ringkasan penyelesaian untuk pelapor": "ASN yang dilaporkan dijatuhi hukuman disiplin sedang."},
    )
    assert page.locator("[data-status]").inner_text() == "Selesai"
    page.context.clear_cookies()

    # The citizen reads, in Indonesian, who received the case and what was decided.
    page.goto(f"/status/{ticket}/")
    assert page.locator("[data-status]").inner_text() == "Selesai"
    assert page.get_by_text("Hukuman disiplin").first.is_visible()
    assert page.get_by_text("ASN yang dilaporkan dijatuhi hukuman disiplin sedang.").is_visible()
    assert "kartika" not in page.content()
    page.shot("warga-membaca-hasil")


def test_the_queue_reads_at_a_desk_and_by_keyboard(page):
    official("kartika", Role.KOORDINATOR, password=PASSWORD)
    for number in range(5):
        case = CaseFactory(asn_name=f"Pengelola akun resmi {number}", asn_agency="Dinas Komunikasi dan Informatika")
        EvidenceFactory(case=case, thumbnail=ContentFile(image_bytes("JPEG"), name="thumbnail.jpg"))
    page.set_viewport_size({"width": 1366, "height": 800})
    log_in(page, "kartika")
    rows = page.locator(".queue tbody tr")
    assert rows.count() == 5
    # A row a line or two high: a screen shows three times the cases it showed.
    page.shot("antrean-meja")
    heights = [rows.nth(number).bounding_box()["height"] for number in range(5)]
    assert max(heights) <= 38, heights  # a third of the 108 px before, its thumbnail above the ticket

    assert page.locator("#queue-keys").is_visible()
    page.keyboard.press("j")
    page.keyboard.press("j")
    second = rows.nth(1)
    assert "queue-row--current" in second.get_attribute("class")
    ticket = second.get_attribute("data-ticket")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == ticket
    page.keyboard.press("k")
    assert "queue-row--current" in rows.nth(0).get_attribute("class")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/petugas/kasus/{ticket}/")
