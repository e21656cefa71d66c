"""What the reporter sees: why a case was rejected, what the agencies decided, and a duplicate
that follows its primary — the same on the page, in the API and in the email."""

import datetime

from django.core import mail
from django.utils import timezone

from complaints.models import Case, Forwarding, Reporter
from complaints.permissions import Role
from complaints.triage import workflow
from tests.factories import CaseFactory, ForwardingFactory, official


def test_a_rejection_says_why_everywhere(client, ref, django_capture_on_commit_callbacks):
    case = CaseFactory(status="in_review")
    Reporter.objects.create(case=case, name="Adit", email="adit@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform("reject", case=case, by=official("vera", Role.VERIFIKATOR), reason="insufficient_evidence")
    body = client.get(f"/api/v1/reports/{case.ticket}/").json()
    assert body["rejection"] == {
        "reason": "insufficient_evidence",
        "label": "Bukti tidak cukup",
        "primary_ticket": None,
    }
    page = client.get(f"/status/{case.ticket}/").content.decode()
    assert 'data-rejection="insufficient_evidence"' in page and "Bukti tidak cukup" in page
    [email] = mail.outbox
    assert "Alasan penolakan: Bukti tidak cukup" in email.body


def test_a_duplicates_reporter_follows_the_primarys_status_and_outcome(client, ref, django_capture_on_commit_callbacks):
    primary = CaseFactory(status="forwarded", category="disiplin")
    forwarding = ForwardingFactory(case=primary)
    Forwarding.objects.filter(pk=forwarding.pk).update(
        outcome="discipline_sanction", discipline_level="sedang", decision_date=datetime.date(2024, 12, 2),
        outcome_at=timezone.now(),
    )  # fmt: skip
    copy = CaseFactory(status="in_review")
    Reporter.objects.create(case=copy, name="Adit", email="adit@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(
            "reject",
            case=copy,
            by=official("vera", Role.VERIFIKATOR),
            reason="duplicate",
            primary_ticket=primary.ticket,
        )
    body = client.get(f"/api/v1/reports/{copy.ticket}/").json()
    assert body["rejection"]["primary_ticket"] == primary.ticket
    assert body["follows"] == {
        "ticket": primary.ticket,
        "status": "forwarded",
        "status_label": "Diteruskan ke instansi",
    }
    assert body["outcomes"] == [
        {
            "agency": forwarding.agency.name,
            "outcome": "discipline_sanction",
            "label": "Hukuman disiplin",
            "decided_at": "2024-12-02",
        }
    ]
    page = client.get(f"/status/{copy.ticket}/").content.decode()
    assert 'data-followed-status="forwarded"' in page and "Hukuman disiplin" in page
    assert primary.ticket in mail.outbox[0].body


def test_the_open_question_is_on_the_status_page_with_what_happens_if_unanswered(client, ref):
    case = CaseFactory(status="in_review")
    workflow.perform("request_info", case=case, by=official("vera", Role.VERIFIKATOR), note="Kapan Anda melihatnya?")
    page = client.get(f"/status/{case.ticket}/").content.decode()
    assert "Kapan Anda melihatnya?" in page and "ditolak" in page
    assert Case.objects.get(pk=case.pk).deadline.strftime("%-d") in page
