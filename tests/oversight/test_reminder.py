"""A koordinator reminds an agency of the dossiers it has not answered: one email a day listing
each with a working link, a note in each case's timeline, never a stale page."""

import pytest
from django.core import mail

from complaints.forwarding.links import forwarding_from_token
from complaints.models import CaseEvent, Jurisdiction, Region
from complaints.permissions import Role
from complaints.triage import workflow
from tests.factories import AgencyFactory, CaseFactory, ForwardingFactory, official


@pytest.fixture
def silent_agency(ref):
    agency = AgencyFactory(kind="bkd", name="BKD Kota Serang", email="bkd@serangkota.example")
    pending = [
        ForwardingFactory(case=CaseFactory(status="forwarded"), agency=agency, delivery="sent") for _ in range(2)
    ]
    ForwardingFactory(case=CaseFactory(status="forwarded"), agency=agency, delivery="sent", outcome="no_violation")
    jabar = CaseFactory(status="forwarded", asn_region=Region.objects.get(code="32.73"))
    ForwardingFactory(case=jabar, agency=agency, delivery="sent")
    return agency, pending, jabar


def remind(client, agency):
    return client.post(f"/petugas/dasbor/pengingat/{agency.pk}/", {"query": "platform=facebook"}, follow=True)


def test_the_reminder_lists_each_unanswered_dossier_with_a_working_link_once_a_day(
    client, silent_agency, django_capture_on_commit_callbacks
):
    agency, pending, _jabar = silent_agency
    koordinator = official("koko", Role.KOORDINATOR)
    Jurisdiction.objects.create(official=koordinator, region=Region.objects.get(code="36"))  # Banten's cases
    client.force_login(koordinator)
    with django_capture_on_commit_callbacks(execute=True):
        page = remind(client, agency)
    assert "Pengingat dikirim ke BKD Kota Serang: 2 berkas." in page.content.decode()
    assert page.redirect_chain[-1][0] == "/petugas/dasbor/?platform=facebook"  # back to the same view
    [message] = mail.outbox
    assert message.to == ["bkd@serangkota.example"]
    links = [line.strip() for line in message.body.splitlines() if "/instansi/" in line]
    assert sorted(forwarding_from_token(link.rsplit("/instansi/")[1].strip("/")).pk for link in links) == sorted(
        forwarding.pk for forwarding in pending
    )
    for forwarding in pending:
        event = forwarding.case.events.get(action=CaseEvent.Action.AGENCY_REMINDED)
        assert (event.actor, event.is_public, event.internal_note) == (koordinator, False, "BKD Kota Serang")
    with django_capture_on_commit_callbacks(execute=True):
        again = remind(client, agency)
    assert "sudah diingatkan hari ini" in again.content.decode() and len(mail.outbox) == 1


def test_a_reminder_never_makes_an_open_page_stale(client, silent_agency, django_capture_on_commit_callbacks):
    agency, pending, _jabar = silent_agency
    koordinator = official("koko", Role.KOORDINATOR)
    case = pending[0].case
    seen = case.events.last().pk
    client.force_login(koordinator)
    with django_capture_on_commit_callbacks(execute=True):
        remind(client, agency)
    pending[0].outcome = "no_violation"
    pending[0].save()
    workflow.perform("close", case=case, by=koordinator, seen_event=seen, note="Instansi sudah menjawab.")


def test_only_those_who_coordinate_remind(client, silent_agency):
    agency, _pending, _jabar = silent_agency
    client.force_login(official("vera", Role.VERIFIKATOR))
    assert 'action="/petugas/dasbor/pengingat/' not in client.get("/petugas/dasbor/").content.decode()
    page = remind(client, agency)
    assert "Peran Anda tidak boleh mengingatkan instansi." in page.content.decode()
    assert not mail.outbox and not CaseEvent.objects.filter(action=CaseEvent.Action.AGENCY_REMINDED).exists()
