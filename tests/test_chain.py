"""The hash-chained timeline: any change to a case's history is detected."""

import itertools
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from complaints import timeline
from complaints.models import CaseEvent, Evidence
from complaints.permissions import Role
from complaints.triage import workflow
from tests.factories import official


@pytest.fixture
def history(client, report_fields, django_capture_on_commit_callbacks):
    """A real report with a screenshot, claimed and asked a question."""
    from tests.helpers import image_bytes, upload

    with django_capture_on_commit_callbacks(execute=True):
        ticket = client.post("/api/v1/reports/", {**report_fields, "evidence": [upload(image_bytes())]}).json()[
            "ticket"
        ]
    from complaints.models import Case

    case = Case.objects.get(ticket=ticket)
    vera = official("vera", Role.VERIFIKATOR)
    workflow.perform("claim", case=case, by=vera)
    workflow.perform("request_info", case=case, by=vera, note="Kapan?", internal_note="kenal terlapor")
    return case


def verify() -> str:
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_timeline", stdout=out, stderr=err)
    except CommandError as failed:
        return f"FAILED {failed} {err.getvalue()}"
    return out.getvalue()


def test_an_untouched_history_verifies(history):
    events = list(history.events.order_by("pk"))
    assert events[0].prev_hash == "" and all(
        later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(events)
    )
    assert timeline.chain_break(case=history) is None
    assert "utuh" in verify()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda case: CaseEvent.objects.filter(case=case, action="request_info").update(internal_note="diubah"),
        lambda case: CaseEvent.objects.filter(case=case, action="claim").update(actor=None),
        lambda case: Evidence.objects.filter(case=case).update(sha256="0" * 64),
        lambda case: CaseEvent.objects.filter(case=case, action="claim")._raw_delete(CaseEvent.objects.db),
    ],
    ids=["a note", "an actor", "an evidence hash", "a deleted event"],
)
def test_any_change_is_named_by_the_command_and_on_the_case_page(client, history, tamper):
    tamper(history)
    found = verify()
    assert found.startswith("FAILED") and history.ticket in found
    client.force_login(official("kartika", Role.KOORDINATOR))
    page = client.get(f"/petugas/kasus/{history.ticket}/").content.decode()
    assert 'data-chain="broken"' in page
    assert client.get(f"/api/v1/cases/{history.ticket}/").json()["timeline_intact"] is False
