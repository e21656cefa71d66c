"""Jurisdiction: an official limited to regions sees and acts on their cases only, everywhere."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from complaints import jurisdiction, notifications
from complaints.models import Case, Jurisdiction, Region, Reporter
from complaints.permissions import Role
from complaints.reference import loaders
from complaints.triage import workflow
from tests.factories import CaseFactory, EvidenceFactory, ForwardingFactory, official


@pytest.fixture
def cases(ref):
    banten = CaseFactory(asn_region=Region.objects.get(code="36"), asn_name="Pengelola akun Pemprov Banten")
    bandung = CaseFactory(asn_region=Region.objects.get(code="32.73"), asn_name="ASN Kota Bandung")
    return banten, bandung


@pytest.fixture
def jabar(ref):
    user = official("jaya", Role.KOORDINATOR, email="jaya@jabar.example.go.id")
    Jurisdiction.objects.create(official=user, region_id="32")
    return user


def test_a_national_official_sees_every_case_and_a_regional_one_their_own(cases, jabar):
    banten, bandung = cases
    assert set(jurisdiction.cases_for(official("nasional", Role.VERIFIKATOR))) == {banten, bandung}
    assert list(jurisdiction.cases_for(jabar)) == [bandung]
    assert jurisdiction.covers(jabar, Region.objects.get(code="32.73"))
    assert not jurisdiction.covers(jabar, Region.objects.get(code="36"))


def test_a_kabupaten_official_sees_that_kabupaten_only(cases):
    bandung_only = official("kota", Role.VERIFIKATOR)
    Jurisdiction.objects.create(official=bandung_only, region_id="32.73")
    CaseFactory(asn_region=Region.objects.get(code="32.04"))  # Kabupaten Bandung, same province
    assert list(jurisdiction.cases_for(bandung_only)) == [cases[1]]


def test_every_page_of_a_case_outside_the_regions_is_404(client, cases, jabar):
    banten, _bandung = cases
    Reporter.objects.create(case=banten, name="Adityawarman", email="adit@example.org")
    evidence = EvidenceFactory(case=banten)
    forwarding = ForwardingFactory(case=banten)
    client.force_login(jabar)
    paths = [
        reverse("official-case", args=[banten.ticket]),
        reverse("official-case-evidence", args=[banten.ticket, evidence.pk, "original"]),
        reverse("official-forwarding-dossier", args=[banten.ticket, forwarding.pk]),
        reverse("official-forwarding-letter", args=[banten.ticket, forwarding.pk]),
        f"/api/v1/cases/{banten.ticket}/dossier/{forwarding.agency_id}/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"Adityawarman" not in response.content and b"Pemprov" not in response.content
    for path in (
        reverse("official-case-identity", args=[banten.ticket]),
        reverse("official-case-action", args=[banten.ticket, "claim"]),
        reverse("official-forwarding-resend", args=[banten.ticket, forwarding.pk]),
    ):
        assert client.post(path).status_code == 404, path
    assert Case.objects.get(pk=banten.pk).events.count() == 1  # nothing was looked at or done


def test_the_queue_its_counts_and_its_search_keep_to_the_regions(client, cases, jabar):
    banten, bandung = cases
    client.force_login(jabar)
    page = client.get(reverse("official-queue")).content.decode()
    assert bandung.ticket in page and banten.ticket not in page
    assert "Jawa Barat" in page  # the official is told which regions they work in
    found = client.get(reverse("official-queue"), {"q": banten.ticket}).content.decode()
    assert f'data-ticket="{banten.ticket}"' not in found and "Tidak ada kasus yang cocok" in found
    counts = client.get("/api/v1/cases/").json()
    assert counts["count"] == 1


def test_the_overdue_digest_lists_each_koordinators_own_regions(cases, jabar):
    loaders.agencies_load()
    for case in cases:
        Case.objects.filter(pk=case.pk).update(deadline=timezone.localdate() - timezone.timedelta(days=1))
    national = official("kartika", Role.KOORDINATOR, email="kartika@example.go.id")
    mail.outbox.clear()
    assert notifications.overdue_digest_send() == 2
    by_recipient = {message.to[0]: message.body for message in mail.outbox}
    assert cases[0].ticket not in by_recipient[jabar.email] and cases[1].ticket in by_recipient[jabar.email]
    assert all(case.ticket in by_recipient[national.email] for case in cases)


def test_a_regional_official_cannot_act_through_the_workflow_on_a_case_they_cannot_load(client, cases, jabar):
    banten, _bandung = cases
    client.force_login(jabar)
    response = client.post(f"/api/v1/cases/{banten.ticket}/actions/claim/", {}, content_type="application/json")
    assert response.status_code == 404
    workflow.perform("claim", case=banten, by=official("nasional", Role.VERIFIKATOR))  # a national one may
