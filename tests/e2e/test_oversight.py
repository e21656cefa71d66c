"""The dashboard and the public statistics in Chromium: charts drawn under the CSP, a figure that
opens the queue, the tables without JavaScript, and no accessibility violation (axe)."""

from complaints.models import Region
from complaints.permissions import Role
from tests.e2e import axe
from tests.e2e.test_officials import PASSWORD, log_in
from tests.factories import AgencyFactory, CaseFactory, ForwardingFactory, official


def cases() -> None:
    serang, bandung = Region.objects.get(code="36.73"), Region.objects.get(code="32.73")
    for number in range(6):
        case = CaseFactory(status=["received", "forwarded"][number % 2], asn_region=bandung if number > 3 else serang)
        if case.status == "forwarded":
            ForwardingFactory(case=case, agency=AgencyFactory(name="BKD Kota Serang", kind="bkd"), delivery="sent")


def test_the_dashboard_draws_its_charts_and_passes_axe(page):
    official("koko", Role.KOORDINATOR, password=PASSWORD)
    cases()
    log_in(page, "koko")
    page.get_by_role("link", name="Dasbor").click()
    page.get_by_role("heading", name="Dasbor penanganan").wait_for()
    page.locator('canvas[data-chart="status"]').wait_for(state="visible")  # Chart.js ran, within the CSP
    page.locator('canvas[data-chart="per_day"]').wait_for(state="visible")
    page.shot("dashboard")
    assert axe.violations(page) == []
    page.locator('#by-status tr[data-key="forwarded"] a').click()
    page.get_by_role("heading", name="Antrean kasus").wait_for()
    assert "status=forwarded" in page.url and page.locator("tr[data-ticket]").count() == 3


def test_the_public_statistics_pass_axe_and_the_dashboard_reads_without_javascript(page, browser, live_server):
    cases()
    page.goto("/")
    page.get_by_role("link", name="lihat statistik").click()
    page.get_by_role("heading", name="Statistik laporan netralitas ASN").wait_for()
    page.shot("statistics")
    assert axe.violations(page) == []
    official("koko", Role.KOORDINATOR, password=PASSWORD)
    without_js = browser.new_context(
        java_script_enabled=False, base_url=live_server.url, viewport={"width": 360, "height": 780}
    )
    plain = without_js.new_page()
    log_in(plain, "koko")
    plain.goto("/petugas/dasbor/")
    assert plain.locator('canvas[data-chart="status"]').is_hidden()
    assert plain.locator('#by-status tr[data-key="received"] a').inner_text() == "3"
    without_js.close()
