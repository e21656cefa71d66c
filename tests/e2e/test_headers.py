"""Every page keeps to the Content Security Policy in a real browser (the page fixture fails on
any violation), and sends it."""

from django.contrib.auth import get_user_model

from complaints.permissions import Role
from tests.factories import CaseFactory, official

PAGES = ["/", "/lapor/", "/status/", "/petugas/masuk/", "/admin/login/", "/api/docs/"]


def test_the_public_pages_and_the_docs_keep_to_the_policy(page):
    for path in PAGES:
        response = page.goto(path)
        headers = response.all_headers()
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert "camera=()" in headers["permissions-policy"], path
    page.goto("/api/docs/")
    page.locator(".swagger-ui").wait_for()  # Swagger UI runs from its files, no inline script or style
    page.locator(".opblock-summary", has_text="/api/v1/elections/").first.click()  # React styles the details
    page.locator(".opblock-body .responses-wrapper").first.wait_for()


def test_the_officials_pages_keep_to_the_policy(page):
    official("vera", Role.VERIFIKATOR, password="sandi-rahasia-yang-panjang-1")
    case = CaseFactory()
    page.goto("/petugas/masuk/")
    page.get_by_label("Nama pengguna").fill("vera")
    page.get_by_label("Kata sandi").fill("sandi-rahasia-yang-panjang-1")
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_role("heading", name="Antrean kasus").wait_for()
    page.goto(f"/petugas/kasus/{case.ticket}/")
    page.get_by_role("heading", name=case.ticket).wait_for()
    page.goto("/petugas/verifikasi-dua-langkah/")
    page.locator("img.qr").wait_for()
    assert get_user_model().objects.filter(username="vera").exists()
