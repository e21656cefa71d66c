"""The public status is kept rendered while the case stays as it was: a repeated look-up is one
query, and whatever changes on the case, its primary or its forwardings shows at the next one."""

import re

import pytest
from django.utils import timezone

from complaints.permissions import Role
from complaints.triage import workflow
from tests.factories import AgencyFactory, CaseFactory, ForwardingFactory, official

pytestmark = pytest.mark.django_db


def page(client, ticket: str) -> str:
    """The page without its CSRF token (masked anew at every request)."""
    response = client.get(f"/status/{ticket}/")
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def api(client, ticket: str) -> dict:
    response = client.get(f"/api/v1/reports/{ticket}/")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("look_up", [page, api])
def test_a_repeated_look_up_reads_one_fingerprint_query(client, ref, look_up, django_assert_num_queries):
    case = CaseFactory()
    first = look_up(client, case.ticket)
    with django_assert_num_queries(1 + 4):  # the fingerprint, and the rate limit's locked row (4)
        assert look_up(client, case.ticket) == first


def test_a_status_change_shows_at_the_next_look_up(client, ref):
    case = CaseFactory()
    assert 'data-status="received"' in page(client, case.ticket)
    assert api(client, case.ticket)["status"] == "received"
    workflow.perform("claim", case=case, by=official("v", Role.VERIFIKATOR))
    assert 'data-status="in_review"' in page(client, case.ticket)
    assert api(client, case.ticket)["status"] == "in_review"


def test_a_forwarding_sent_and_answered_shows_without_a_status_change(client, ref):
    forwarding = ForwardingFactory(agency=AgencyFactory(name="BKD Kota Serang"))
    assert "berkas sedang dikirim" in page(client, forwarding.case.ticket)
    forwarding.delivery, forwarding.sent_at = "sent", timezone.now()
    forwarding.save()
    assert "berkas dikirim" in page(client, forwarding.case.ticket)
    forwarding.outcome, forwarding.outcome_at = "moral_sanction", timezone.now()
    forwarding.save()
    assert forwarding.get_outcome_display() in page(client, forwarding.case.ticket)
    assert api(client, forwarding.case.ticket)["outcomes"][0]["outcome"] == "moral_sanction"


def test_a_duplicate_follows_its_primarys_change(client, ref):
    primary, copy = CaseFactory(), CaseFactory(status="in_review")
    verifikator = official("v", Role.VERIFIKATOR)
    workflow.perform("reject", case=copy, by=verifikator, reason="duplicate", primary_ticket=primary.ticket)
    assert 'data-followed-status="received"' in page(client, copy.ticket)
    workflow.perform("claim", case=primary, by=verifikator)
    assert 'data-followed-status="in_review"' in page(client, copy.ticket)


def test_each_language_is_kept_apart(client, ref):
    case = CaseFactory()
    assert api(client, case.ticket)["status_label"] == "Diterima"
    response = client.get(f"/api/v1/reports/{case.ticket}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["status_label"] == "Received"
    assert api(client, case.ticket)["status_label"] == "Diterima"


def test_the_page_is_filled_into_a_frame_rendered_once_per_language(client, ref, django_assert_num_queries):
    """The frame around the status (header, language switch, footer) is rendered once per language;
    what differs per request is filled in: the visitor's CSRF token and the page's own path."""
    from django.test import Client

    case = CaseFactory()
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(f"/status/{case.ticket}/").content.decode()
    assert f"<title>Status laporan {case.ticket} · Portal Netralitas ASN</title>" in html
    assert f'<input name="next" type="hidden" value="/status/{case.ticket}/">' in html
    assert 'data-status="received"' in html and "FRAMEHOLE" not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    switched = visitor.post("/i18n/setlang/", {"csrfmiddlewaretoken": token, "language": "en", "next": "/"})
    assert switched.status_code == 302  # the token filled in is the visitor's own: the switch is accepted
    english = visitor.get(f"/status/{case.ticket}/").content.decode()
    assert f"<title>Report status {case.ticket} · ASN Neutrality Portal</title>" in english
    assert '<html lang="en">' in english and "Bahasa Indonesia" in english


def test_a_query_string_in_the_path_is_escaped_into_the_frame(client, ref):
    case = CaseFactory()
    html = client.get(f"/status/{case.ticket}/", {"x": '"><script>FRAMEHOLEBODY</script>'}).content.decode()
    assert "<script>" not in html
    assert html.count('data-status="received"') == 1  # a hole's name in the path is not filled
