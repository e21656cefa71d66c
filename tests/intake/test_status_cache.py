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
