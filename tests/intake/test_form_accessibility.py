"""The citizen's forms as a screen reader and a phone's keyboard meet them (issue 15): each input
names its hint and its error, each link of the error summary leads to an input, the browser is
told what each field holds, and pages travel compressed."""

import gzip
from html.parser import HTMLParser

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from complaints.models import Case
from complaints.permissions import Role
from complaints.responses import TextGZipMiddleware
from complaints.triage import workflow
from tests.factories import official
from tests.helpers import upload


class Page(HTMLParser):
    """The page's elements by id, and every input's attributes."""

    def __init__(self, html: str):
        super().__init__()
        self.by_id: dict[str, dict] = {}
        self.inputs: list[dict] = []
        self.summary_links: list[str] = []
        self._in_summary = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {"tag": tag, **{name: value or "" for name, value in attrs}}
        if "id" in attributes:
            self.by_id[attributes["id"]] = attributes
        if tag in ("input", "select", "textarea") and attributes.get("type") not in ("hidden", "submit"):
            self.inputs.append(attributes)
        if "error-summary" in attributes.get("class", "").split():
            self._in_summary = 1
        elif self._in_summary and tag == "a":
            self.summary_links.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "div" and self._in_summary:
            self._in_summary = 0


def described_by(page: Page, element: dict) -> list[str]:
    return element.get("aria-describedby", "").split()


def assert_every_description_exists(page: Page) -> None:
    for element in [*page.inputs, *page.by_id.values()]:
        for described in described_by(page, element):
            assert described in page.by_id, f"{element.get('id')} names #{described}, which is not on the page"


@pytest.fixture
def refused(client, report_fields):
    fields = {**report_fields, "reporter_email": "bukan-email", "asn_name": "", "behaviours": ["TIDAK_ADA"]}
    fields.pop("consent")
    response = client.post(reverse("report-create"), {**fields, "evidence": []})
    assert response.status_code == 400
    return Page(response.content.decode())


def test_each_input_with_an_error_names_its_message_and_its_hint(refused):
    email = refused.by_id["id_reporter_email"]
    assert described_by(refused, email) == ["id_reporter_email_error", "id_reporter_email_helptext"]
    assert email["aria-invalid"] == "true"
    assert described_by(refused, refused.by_id["id_asn_name"]) == ["id_asn_name_error"]
    assert described_by(refused, refused.by_id["id_consent"])[0] == "id_consent_error"
    behaviours = refused.by_id["id_behaviours-group"]
    assert described_by(refused, behaviours) == ["id_behaviours_error", "id_behaviours_helptext"]
    assert_every_description_exists(refused)


def test_each_link_of_the_error_summary_leads_to_an_input(refused):
    links = refused.summary_links
    assert {"#id_reporter_email", "#id_asn_name", "#id_behaviours_0", "#id_evidence", "#id_consent"} <= set(links)
    for link in links:
        assert refused.by_id[link[1:]]["tag"] == "input" or refused.by_id[link[1:]]["tag"] in ("select", "textarea")


def test_the_empty_form_names_only_hints_that_exist(client, ref):
    page = Page(client.get(reverse("report-create")).content.decode())
    assert described_by(page, page.by_id["id_asn_nip"]) == ["id_asn_nip_helptext"]
    assert "aria-describedby" not in page.by_id["id_asn_name"]
    assert_every_description_exists(page)


def test_the_browser_is_told_what_each_field_holds(client, ref):
    page = Page(client.get(reverse("report-create")).content.decode())
    assert page.by_id["id_reporter_name"]["autocomplete"] == "name"
    assert page.by_id["id_reporter_email"]["autocomplete"] == "email"
    assert page.by_id["id_reporter_phone"]["type"] == "tel"
    assert page.by_id["id_reporter_phone"]["autocomplete"] == "tel"
    assert page.by_id["id_asn_nip"]["inputmode"] == "numeric"
    # Never the citizen's own name offered for the civil servant's.
    assert page.by_id["id_asn_name"]["autocomplete"] == "off"


def test_the_identity_fields_say_what_is_needed_unless_anonymous(client, ref):
    html = client.get(reverse("report-create")).content.decode()
    assert "isi nama Anda, dan email atau nomor telepon (salah satu cukup)" in html
    assert 'Nama Anda <span class="optional">(wajib, kecuali anonim)</span>' in html
    assert 'Email <span class="optional">(isi email atau nomor telepon, kecuali anonim)</span>' in html
    assert 'Nama Anda <span class="optional">(boleh dikosongkan)' not in html


def test_a_wrong_access_code_is_marked_on_its_field(client, report_fields, png):
    client.post(reverse("report-create"), {**report_fields, "evidence": [upload(png)]})
    case, vera = Case.objects.get(), official("vera", Role.VERIFIKATOR)
    workflow.perform("claim", case=case, by=vera)
    workflow.perform("request_info", case=case, by=vera, note="Kapan unggahan ini Anda lihat?")
    response = client.post(
        reverse("status-reply", args=[case.ticket]), {"access_code": "AAAAA-AAAAA", "text": "Jawaban saya."}
    )
    assert response.status_code == 403
    page = Page(response.content.decode())
    assert page.by_id["id_access_code"]["aria-invalid"] == "true"
    assert "id_access_code_error" in described_by(page, page.by_id["id_access_code"])
    assert page.summary_links == ["#id_access_code"]
    assert_every_description_exists(page)


def test_pages_and_json_travel_compressed_and_files_as_they_are(client, report_fields, png):
    form = client.get(reverse("report-create"), HTTP_ACCEPT_ENCODING="gzip")
    assert form["Content-Encoding"] == "gzip"
    assert "Laporkan pelanggaran netralitas ASN" in gzip.decompress(form.content).decode()
    plain = client.get(reverse("report-create"))
    assert not plain.has_header("Content-Encoding")
    assert len(form.content) < len(plain.content) / 3

    client.post(reverse("report-create"), {**report_fields, "evidence": [upload(png)]})
    ticket = Case.objects.get().ticket
    status = client.get(f"/status/{ticket}/", HTTP_ACCEPT_ENCODING="gzip")
    assert status["Content-Encoding"] == "gzip"
    # (An answer of a few hundred bytes may stay plain: Django pads each compressed answer with
    # up to 100 random bytes against BREACH, and sends it plain when that is no shorter.)

    def answer(content_type):
        return lambda request: HttpResponse(b"x" * 5000, content_type=content_type)

    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip")
    for kind in ("image/png", "application/pdf", "application/octet-stream"):
        assert not TextGZipMiddleware(answer(kind))(request).has_header("Content-Encoding"), kind
    assert TextGZipMiddleware(answer("text/csv"))(request)["Content-Encoding"] == "gzip"


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert not response.has_header("Content-Encoding")
