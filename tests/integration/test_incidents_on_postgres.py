"""Incidents under concurrency on PostgreSQL: two officials linking one incident, and one official
rejecting a report as the other links the incident, end with each report linked once, no deadlock."""

import pytest

from complaints.incidents import grouping, services
from complaints.models import Case, CaseEvent, Incident
from complaints.permissions import Role
from complaints.triage import workflow
from tests.factories import CaseFactory, official
from tests.helpers import together

pytestmark = pytest.mark.django_db(transaction=True)
POST = "https://www.instagram.com/p/C8Bersamaan/"


@pytest.fixture
def incident(ref):
    cases = [CaseFactory(post_url=POST) for _ in range(30)]
    for case in cases:
        grouping.case_group(case_id=case.pk)
    return Incident.objects.get()


def test_two_officials_linking_one_incident_link_each_report_once(incident):
    first, second = official("kartika", Role.KOORDINATOR), official("koko", Role.KOORDINATOR)
    results = together(
        lambda: services.incident_link_duplicates(incident=incident, by=first),
        lambda: services.incident_link_duplicates(incident=incident, by=second),
    )
    assert sorted(len(result.done) for result in results) == [0, 29], results
    assert CaseEvent.objects.filter(action=CaseEvent.Action.LINK_DUPLICATE).count() == 29


def test_a_rejection_while_the_incident_is_linked_ends_one_way_without_deadlock(incident):
    koordinator = official("kartika", Role.KOORDINATOR)
    target = incident.cases.exclude(pk=incident.primary_id).order_by("-pk").first()
    workflow.perform("claim", case=target, by=koordinator)
    results = together(
        lambda: services.incident_link_duplicates(incident=incident, by=official("koko", Role.KOORDINATOR)),
        lambda: workflow.perform("reject", case=target, by=koordinator, reason="spam"),
    )
    assert not any(isinstance(result, Exception) and "deadlock" in str(result).lower() for result in results), results
    target.refresh_from_db()
    assert target.status == Case.Status.REJECTED
    assert target.events.filter(action__in=["reject", "link_duplicate"]).count() == 1
