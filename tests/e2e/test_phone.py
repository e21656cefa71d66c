"""Every page fits a 360 px phone: nothing scrolls sideways (UX.md), the officials' too."""

from complaints.models import Case
from complaints.permissions import Role
from tests.e2e.test_officials import PASSWORD, log_in
from tests.factories import CaseFactory, official

WIDE = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_the_citizens_and_the_officials_pages_fit_360_px(page):
    official("vera", Role.VERIFIKATOR, password=PASSWORD)
    long_name = "Dinas Komunikasi, Informatika, Statistik dan Persandian Provinsi Kepulauan Bangka Belitung"
    for number in range(3):
        CaseFactory(asn_name=f"Pengelola akun resmi nomor {number}", asn_agency=long_name)
    for path in ("/", "/lapor/", "/status/"):
        page.goto(path)
        assert page.evaluate(WIDE) <= 0, path
    log_in(page, "vera")
    page.shot("queue")
    assert page.evaluate(WIDE) <= 0, "/petugas/"
    boxes = page.locator(".queue input[type=checkbox]")
    assert boxes.count() == 3 and all(boxes.nth(n).bounding_box()["height"] >= 44 for n in range(3))
    page.goto(f"/petugas/kasus/{Case.objects.first().ticket}/")
    assert page.evaluate(WIDE) <= 0, "the case page"
    page.goto("/petugas/temuan/unggah/")
    assert page.evaluate(WIDE) <= 0, "the batch upload"


SMALL_TARGETS = """() => Array.from(document.querySelectorAll(
    "button, input:not([type=hidden]), select, textarea, summary, header a, nav a, .button"))
  .filter(element => element.offsetParent !== null)
  .map(element => [element, element.getBoundingClientRect()])
  .filter(([element, box]) => box.height < 44 || (box.width < 44 && element.type !== "file"))
  .map(([element, box]) => {
    const name = element.id || element.name || element.textContent.trim().slice(0, 20);
    return `${element.tagName.toLowerCase()}#${name} ${Math.round(box.width)}x${Math.round(box.height)}`;
  })"""


def test_every_control_on_the_citizens_pages_is_a_44_px_target(page):
    case = CaseFactory()
    for path in ("/", "/lapor/", "/status/", f"/status/{case.ticket}/", "/statistik/"):
        page.goto(path)
        assert page.evaluate(SMALL_TARGETS) == [], path


def test_the_finding_forms_boxes_are_44_px_targets(page):
    official("vera", Role.VERIFIKATOR, password=PASSWORD)
    log_in(page, "vera")
    page.goto("/petugas/temuan/baru/")
    assert page.evaluate(SMALL_TARGETS) == []
