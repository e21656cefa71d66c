"""Grouping reports into incidents: the same post by any of its links, a similar screenshot, the
same civil servant on the same day; splitting, merging, linking every report to the primary."""

import datetime

import pytest

from complaints.evidence.imaging import hash_bands
from complaints.incidents import grouping, services
from complaints.models import Case, CaseEvent, Evidence, Incident, RejectionReason
from complaints.permissions import Role
from complaints.triage import workflow
from tests.factories import CaseFactory, EvidenceFactory, ReporterFactory, official

POST = "https://www.instagram.com/p/C7xYz12AbCd/"
VARIANTS = [
    "https://instagram.com/p/C7xYz12AbCd?igsh=MTc4MmM1",
    "instagram.com/reel/C7xYz12AbCd/",
    "https://m.instagram.com/dinas.kominfo/p/C7xYz12AbCd/?utm_source=ig_web_copy_link",
]


@pytest.fixture
def verifikator(ref):
    return official("vera", Role.VERIFIKATOR)


@pytest.fixture
def koordinator(ref):
    return official("koko", Role.KOORDINATOR)


def reported(url: str = "", *, phash: str = "", at: int = 0, **fields) -> Case:
    """A report as it stands once its screenshot is hashed, submitted `at` minutes after the first."""
    case = CaseFactory(post_url=url, submitted_at=pytest.first_at + datetime.timedelta(minutes=at), **fields)
    bands = {f"phash_band{band}": value for band, value in enumerate(hash_bands(phash))} if phash else {}
    EvidenceFactory(case=case, phash=phash, phash_state=Evidence.State.DONE, **bands)
    return case


@pytest.fixture(autouse=True)
def first_at(ref, clock):
    from django.utils import timezone

    pytest.first_at = timezone.now() - datetime.timedelta(hours=3)


def test_a_lone_report_is_in_no_incident(ref):
    case = reported(POST)
    assert grouping.case_group(case_id=case.pk) is None
    assert Incident.objects.count() == 0


def test_every_link_of_one_post_makes_one_incident_the_first_report_its_primary(ref):
    first = reported(POST)
    grouping.case_group(case_id=first.pk)
    others = [reported(url, at=minute + 1) for minute, url in enumerate(VARIANTS)]
    for case in others:
        grouping.case_group(case_id=case.pk)
    incident = Incident.objects.get()
    assert incident.post_key == "instagram:C7xYz12AbCd"
    assert incident.primary == first
    assert set(incident.cases.all()) == {first, *others}
    joined = CaseEvent.objects.filter(action=CaseEvent.Action.INCIDENT_JOINED, is_public=False)
    assert joined.count() == 4  # each case's timeline says so, for officials only


def test_a_different_post_is_a_different_incident(ref):
    pairs = [reported(POST), reported(POST, at=1), reported("https://x.com/a/status/1", at=2)]
    pairs.append(reported("https://twitter.com/b/status/1?s=20", at=3))
    for case in pairs:
        grouping.case_group(case_id=case.pk)
    assert Incident.objects.count() == 2
    assert {incident.cases.count() for incident in Incident.objects.all()} == {2}


def test_a_similar_screenshot_groups_reports_without_a_link(ref):
    first = reported(phash="f0f0f0f0f0f0f0f0")
    second = reported(phash="f0f0f0f0f0f0f0f1", at=1)  # one bit apart: a re-encoded copy
    unrelated = reported(phash="0f0f0f0f0f0f0f0f", at=2)
    for case in (first, second, unrelated):
        grouping.case_group(case_id=case.pk)
    incident = Incident.objects.get()
    assert set(incident.cases.all()) == {first, second}
    assert incident.post_key == ""


def test_the_same_nip_on_the_same_day_groups_and_another_day_does_not(ref):
    nip = "198503302003121002"
    first = reported(asn_nip=nip)
    same_day = reported(asn_nip=nip, at=1)
    other_day = reported(asn_nip=nip, at=2, incident_date=first.incident_date - datetime.timedelta(days=1))
    for case in (first, same_day, other_day):
        grouping.case_group(case_id=case.pk)
    assert set(Incident.objects.get().cases.all()) == {first, same_day}


def test_grouping_twice_changes_nothing(ref):
    first, second = reported(POST), reported(POST, at=1)
    grouping.case_group(case_id=second.pk)
    grouping.case_group(case_id=second.pk)
    grouping.case_group(case_id=first.pk)
    assert Incident.objects.get().cases.count() == 2
    assert CaseEvent.objects.filter(action=CaseEvent.Action.INCIDENT_JOINED).count() == 2


def test_grouping_waits_for_every_screenshot_to_be_hashed(ref):
    case = reported(POST)
    EvidenceFactory(case=case)  # a second screenshot, not processed yet
    assert not grouping.ready(case.pk)


def test_a_case_split_out_is_not_grouped_again_and_the_primary_moves_on(ref, verifikator):
    first, second, third = reported(POST), reported(POST, at=1), reported(POST, at=2)
    for case in (second, third):
        grouping.case_group(case_id=case.pk)
    incident = Incident.objects.get()
    services.incident_split(incident=incident, case=first, by=verifikator)
    incident.refresh_from_db()
    assert incident.primary == second
    assert grouping.case_group(case_id=first.pk) is None
    assert set(incident.cases.all()) == {second, third}
    split = first.events.get(action=CaseEvent.Action.INCIDENT_SPLIT)
    assert split.actor == verifikator and not split.is_public


def test_merging_moves_every_case_and_each_timeline_says_so(ref, verifikator):
    a1, a2 = reported(POST), reported(POST, at=1)
    b1, b2 = reported("https://youtu.be/dQw4w9WgXcQ", at=2), reported("https://youtube.com/shorts/dQw4w9WgXcQ", at=3)
    for case in (a2, b2):
        grouping.case_group(case_id=case.pk)
    keep, other = Incident.objects.get(post_key__startswith="instagram"), Incident.objects.get(post_key__startswith="y")
    assert services.incident_merge(incident=keep, other=other, by=verifikator) == 2
    assert set(keep.cases.all()) == {a1, a2, b1, b2}
    assert not Incident.objects.filter(pk=other.pk).exists()
    assert CaseEvent.objects.filter(action=CaseEvent.Action.INCIDENT_MERGED, case__in=[b1, b2]).count() == 2


def test_link_duplicates_links_every_open_report_and_tells_each_reporter(
    ref, verifikator, django_capture_on_commit_callbacks, mailoutbox
):
    primary = reported(POST)
    others = [reported(POST, at=minute) for minute in range(1, 5)]
    for case in others:
        ReporterFactory(case=case, email=f"pelapor{case.pk}@example.id")
        grouping.case_group(case_id=case.pk)
    taken = others[0]
    workflow.perform("claim", case=taken, by=official("lain", Role.VERIFIKATOR))
    incident = Incident.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        result = services.incident_link_duplicates(incident=incident, by=verifikator)
    assert sorted(result.done) == sorted(case.ticket for case in others[1:])
    assert list(result.refused) == [taken.ticket]  # another official's case: refused, and said why
    for case in others[1:]:
        case.refresh_from_db()
        assert (case.status, case.rejection_reason, case.duplicate_of) == (
            "rejected",
            RejectionReason.DUPLICATE,
            primary,
        )
        assert case.events.filter(action=CaseEvent.Action.LINK_DUPLICATE).count() == 1
    assert len(mailoutbox) == 3
    assert primary.ticket in mailoutbox[0].body
    again = services.incident_link_duplicates(incident=incident, by=verifikator)
    assert again.done == []  # nothing left to link


def test_a_report_joining_an_incident_whose_primary_is_verified_is_linked_at_once(ref, verifikator):
    primary, second = reported(POST), reported(POST, at=1)
    grouping.case_group(case_id=second.pk)
    workflow.perform("claim", case=primary, by=verifikator)
    workflow.perform("verify", case=primary, by=verifikator)
    second.refresh_from_db()
    assert second.status == Case.Status.RECEIVED  # joined before: an official links it
    late = reported(VARIANTS[0], at=30)
    grouping.case_group(case_id=late.pk)
    late.refresh_from_db()
    assert (late.status, late.duplicate_of) == (Case.Status.REJECTED, primary)
    event = late.events.get(action=CaseEvent.Action.LINK_DUPLICATE)
    assert event.actor is None and primary.ticket in event.public_note


def test_a_look_alike_screenshot_joins_but_waits_for_an_official_even_with_a_verified_primary(ref, verifikator):
    primary = reported(phash="f0f0f0f0f0f0f0f0")
    workflow.perform("claim", case=primary, by=verifikator)
    workflow.perform("verify", case=primary, by=verifikator)
    similar = reported(phash="f0f0f0f0f0f0f0f1", at=5)
    assert grouping.case_group(case_id=similar.pk) is not None
    similar.refresh_from_db()
    assert similar.status == Case.Status.RECEIVED


def test_only_triage_roles_link_split_or_merge(ref):
    from complaints.errors import NotAllowed

    reported(POST)
    second = reported(POST, at=1)
    grouping.case_group(case_id=second.pk)
    incident = Incident.objects.get()
    viewer = official("pengamat")
    with pytest.raises(NotAllowed):
        services.incident_link_duplicates(incident=incident, by=viewer)
    with pytest.raises(NotAllowed):
        services.incident_split(incident=incident, case=second, by=viewer)
