"""The election-day incident in the browser: forty reports of one viral post are one row in the
queue, and two officials take it from claim to forwarded, the rest linked, in a few clicks."""

import time

from complaints.incidents import grouping
from complaints.models import Case, Incident
from complaints.permissions import Role
from complaints.reference import loaders
from tests.e2e.test_officials import PASSWORD, act, log_in
from tests.factories import CaseFactory, official

REPORTS = 40
POST = "https://www.instagram.com/p/C8ViralPost/"


class Clicks:
    """Count what the official does: each click, choice or typed field is one step."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, locator) -> None:
        self.count += 1
        locator.click()


def test_two_officials_triage_a_viral_incident_from_the_queue(page):
    loaders.agencies_load()
    loaders.routing_rules_load()
    official("vera", Role.VERIFIKATOR, password=PASSWORD)
    official("kartika", Role.KOORDINATOR, password=PASSWORD)
    cases = [
        CaseFactory(post_url=f"{POST}?igsh={n}", asn_region_id="36.73", asn_agency="Diskominfo Kota Serang")
        for n in range(REPORTS)
    ]
    for case in cases:
        grouping.case_group(case_id=case.pk)
    incident = Incident.objects.get()
    primary = incident.primary.ticket
    clicks = Clicks(page)
    started = time.monotonic()

    # The verifikator sees one row for the forty reports, opens the primary, claims and verifies it.
    log_in(page, "vera")
    row = page.locator(f'[data-incident="{incident.pk}"]')
    assert f"Insiden · {REPORTS} laporan" in row.inner_text()
    assert page.locator("tbody tr").count() == 1
    page.shot("antrean-insiden")
    clicks.click(row.get_by_role("link", name=primary))
    clicks.count += 2
    act(page, "Ambil untuk ditinjau")
    clicks.count += 3
    act(page, "Verifikasi: memenuhi syarat", **{"Catatan untuk pelapor": "Unggahan ini kami tangani."})
    page.context.clear_cookies()

    # The koordinator classifies and forwards the primary, then links the other 39 to it.
    log_in(page, "kartika")
    clicks.click(page.locator(f'[data-incident="{incident.pk}"]').get_by_role("link", name=primary))
    clicks.click(page.locator("summary", has_text="Klasifikasi pelanggaran"))
    form = page.locator("details[open]")
    form.get_by_label("Kategori").select_option("disiplin")
    form.get_by_label("Perilaku").select_option("AKUN_INSTANSI")
    clicks.count += 2
    clicks.click(form.get_by_role("button", name="Klasifikasi pelanggaran"))
    page.get_by_text("Tersimpan").wait_for()
    clicks.click(page.locator("summary", has_text="Teruskan ke instansi"))
    clicks.click(page.locator("details[open]").get_by_role("button", name="Teruskan ke instansi"))
    page.get_by_text("Tersimpan").wait_for()
    page.shot("utama-diteruskan")
    clicks.click(page.get_by_role("button", name="Tautkan semua laporan lain ke laporan ini"))
    page.get_by_text(f"{REPORTS - 1} laporan ditautkan ke laporan utama.").wait_for()
    page.shot("semua-ditautkan")
    elapsed = time.monotonic() - started

    assert Case.objects.get(ticket=primary).status == Case.Status.FORWARDED
    linked = Case.objects.filter(status="rejected", rejection_reason="duplicate", duplicate_of__ticket=primary)
    assert linked.count() == REPORTS - 1
    assert clicks.count <= 15  # a minute of an official's clicks, however many reports came in
    print(f"\n{REPORTS} reports triaged in {clicks.count} steps, {elapsed:.1f} s in the browser")

    # A reporter of a linked report reads that it follows the primary.
    page.context.clear_cookies()
    page.goto(f"/status/{linked.first().ticket}/")
    assert primary in page.content()
    page.shot("status-pelapor-duplikat")
