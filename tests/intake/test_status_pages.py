"""The status pages (/status/, /status/<ticket>/) and the one-time receipt (/lapor/terkirim/)."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.models import Case, Evidence
from complaints.permissions import Role
from complaints.tickets import ALPHABET, check_symbol, generate_ticket
from complaints.triage import workflow
from tests.factories import CaseFactory, official
from tests.helpers import upload

TICKET_RE = re.compile(r"NTR-[0-9A-Z]{4}-[0-9A-Z]{4}")


def post_report(client, fields, files):
    """POST the report form as multipart, with `files` as the `evidence` uploads."""
    return client.post(reverse("report-create"), {**fields, "evidence": files})


def status_url(ticket: str) -> str:
    return reverse("status-detail", args=[ticket])


def mistype(ticket: str, position: int) -> str:
    """Return the ticket with the symbol at `position` (0-7, after `NTR-`) replaced by another."""
    symbols = ticket.replace("NTR-", "").replace("-", "")
    wrong = next(symbol for symbol in ALPHABET if symbol != symbols[position])
    symbols = symbols[:position] + wrong + symbols[position + 1 :]
    return f"NTR-{symbols[:4]}-{symbols[4:]}"


def ticket_with(body: str) -> str:
    """Return a valid ticket made of seven symbols and their check symbol."""
    return f"NTR-{body[:4]}-{body[4:]}{check_symbol(body)}"


# The lookup form --------------------------------------------------------------


def test_lookup_page_shows_ticket_form(client, db):
    response = client.get(reverse("status-lookup"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cek status laporan" in html
    assert re.search(r'<form action="/status/" method="get"', html)
    assert 'name="ticket"' in html
    assert "error-summary" not in html


@pytest.mark.parametrize("typed", ["compact-lowercase", "no-prefix", "spaces"])
def test_lookup_redirects_to_canonical_ticket(client, ref, typed):
    ticket = CaseFactory().ticket
    text = {
        "compact-lowercase": ticket.replace("-", "").lower(),
        "no-prefix": ticket[4:].lower(),
        "spaces": " " + ticket.replace("-", " ") + " ",
    }[typed]
    response = client.get(reverse("status-lookup"), {"ticket": text})
    assert response.status_code == 302
    assert response["Location"] == f"/status/{ticket}/"


def test_non_canonical_status_url_redirects(client, ref):
    ticket = CaseFactory().ticket
    response = client.get(status_url(ticket.replace("-", "").lower()))
    assert response.status_code == 302
    assert response["Location"] == f"/status/{ticket}/"


def test_lookup_reads_i_l_o_as_1_1_0(client, ref):
    ticket = ticket_with("1A0B1C0")
    CaseFactory(ticket=ticket)
    typed = ticket.replace("1", "I", 1).replace("1", "l").replace("0", "O")
    assert typed != ticket
    response = client.get(reverse("status-lookup"), {"ticket": typed}, follow=True)
    assert response.redirect_chain == [(f"/status/{ticket}/", 302)]
    assert response.status_code == 200
    assert ticket in response.content.decode()


@pytest.mark.parametrize("position", range(8))
def test_mistyped_ticket_is_refused_without_any_query(client, ref, position, django_assert_num_queries):
    wrong = mistype(CaseFactory().ticket, position)
    with django_assert_num_queries(0):
        response = client.get(status_url(wrong))
    assert response.status_code == 400
    assert "Nomor tiket tidak valid" in response.content.decode()


def test_mistyped_ticket_in_lookup_form_is_refused_without_any_query(client, ref, django_assert_num_queries):
    wrong = mistype(CaseFactory().ticket, 3)
    with django_assert_num_queries(0):
        response = client.get(reverse("status-lookup"), {"ticket": wrong})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nomor tiket tidak valid" in html
    assert f'value="{wrong}"' in html  # kept for correcting


def test_mistyped_ticket_never_touches_cases(client, ref):
    wrong = mistype(CaseFactory().ticket, 7)
    with CaptureQueriesContext(connection) as queries:
        client.get(status_url(wrong))
        client.get(reverse("status-lookup"), {"ticket": wrong})
    assert not [query for query in queries.captured_queries if "complaints_case" in query["sql"]]


@pytest.mark.parametrize("text", ["hello", "NTR-1234", "NTR-UUUU-UUUU", "<script>alert(1)</script>"])
def test_malformed_ticket_is_refused(client, db, text):
    response = client.get(reverse("status-lookup"), {"ticket": text})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nomor tiket tidak valid" in html
    assert "<script>alert(1)</script>" not in html


def test_unknown_ticket_is_404_with_advice(client, ref):
    CaseFactory()
    ticket = generate_ticket()
    while Case.objects.filter(ticket=ticket).exists():
        ticket = generate_ticket()
    response = client.get(status_url(ticket))
    html = response.content.decode()
    assert response.status_code == 404
    assert "Tiket tidak ditemukan" in html
    assert "Periksa kembali nomor" in html
    assert ticket in html


# A known case -----------------------------------------------------------------


def test_known_ticket_shows_status_label(client, ref):
    case = CaseFactory()
    response = client.get(status_url(case.ticket))
    html = response.content.decode()
    assert response.status_code == 200
    assert case.ticket in html
    assert re.search(r'data-status="received">\s*Diterima\s*<', html)


def test_known_ticket_shows_timeline(client, ref):
    case = CaseFactory()
    html = client.get(status_url(case.ticket)).content.decode()
    timeline = re.search(r'<ol class="timeline">(.*?)</ol>', html, re.S)
    assert timeline is not None
    assert timeline.group(1).count("<li>") == 1
    assert "Laporan diterima" in timeline.group(1)


@pytest.fixture
def submitted(client, report_fields, png):
    """Submit a full report through the form, with identity, NIP and a telling file name."""
    fields = {**report_fields, "reporter_phone": "0812 3456 7890"}
    response = post_report(client, fields, [upload(png, name="budi-santoso-0812.png")])
    assert response.status_code == 302
    return Case.objects.get(), fields


def test_status_page_shows_no_personal_data(client, submitted):
    case, fields = submitted
    html = client.get(status_url(case.ticket)).content.decode()
    assert "Diterima" in html
    for personal in (
        fields["reporter_name"],
        fields["reporter_email"],
        fields["reporter_phone"],
        "081234567890",
        fields["asn_nip"],
    ):
        assert personal not in html


def test_status_page_shows_no_evidence(client, submitted):
    case, _fields = submitted
    evidence = Evidence.objects.get(case=case)
    html = client.get(status_url(case.ticket)).content.decode()
    assert "budi-santoso-0812" not in html
    assert evidence.original.name not in html
    assert evidence.key.hex not in html
    assert "/no-public-url/" not in html
    assert "<img" not in html


def test_third_status_lookup_in_a_minute_is_refused(client, ref, settings):
    settings.LOOKUP_RATE = "2/min"
    ticket = CaseFactory().ticket
    assert client.get(status_url(ticket)).status_code == 200
    assert client.get(status_url(ticket)).status_code == 200
    response = client.get(status_url(ticket))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Terlalu banyak permintaan" in response.content.decode()


def test_unknown_tickets_count_against_the_lookup_limit(client, ref, settings):
    settings.LOOKUP_RATE = "2/min"
    for _ in range(2):
        assert client.get(status_url(generate_ticket())).status_code == 404
    assert client.get(status_url(generate_ticket())).status_code == 429


# The receipt ------------------------------------------------------------------


def test_receipt_without_a_report_is_gone(client, db):
    response = client.get(reverse("report-receipt"))
    html = response.content.decode()
    assert response.status_code == 410
    assert "Tanda terima sudah ditampilkan" in html
    assert not TICKET_RE.search(html)
    assert "no-store" in response["Cache-Control"]


def test_receipt_links_to_status_page(client, submitted):
    case, _fields = submitted
    response = client.get(reverse("report-receipt"))
    assert response.status_code == 200
    assert f'href="/status/{case.ticket}/"' in response.content.decode()


def test_receipt_is_shown_once(client, submitted):
    case, _fields = submitted
    first = client.get(reverse("report-receipt"))
    second = client.get(reverse("report-receipt"))
    assert first.status_code == 200
    assert case.ticket in first.content.decode()
    assert second.status_code == 410
    assert case.ticket not in second.content.decode()
    assert 'id="access-code"' not in second.content.decode()


def test_receipt_belongs_to_the_reporters_session(client, submitted):
    response = Client().get(reverse("report-receipt"))
    assert response.status_code == 410
    assert client.get(reverse("report-receipt")).status_code == 200


def test_a_duplicates_reporter_sees_which_ticket_carries_the_case(client, ref):
    primary = CaseFactory()
    copy = CaseFactory(status="in_review")
    workflow.perform(
        "reject", case=copy, by=official("v", Role.VERIFIKATOR), reason="duplicate", primary_ticket=primary.ticket
    )
    page = client.get(f"/status/{copy.ticket}/").content.decode()
    assert "Ditolak" in page
    assert f'data-duplicate-of="{primary.ticket}"' in page
    assert f'href="/status/{primary.ticket}/"' in page
