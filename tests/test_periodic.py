"""Periodic work runs without a broker too (DESIGN §7): `run_periodic` runs each job when due, once."""

import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from complaints import periodic
from complaints.models import Case, PeriodicRun
from complaints.permissions import Role
from tests.factories import CaseFactory, official
from tests.helpers import FROZEN_AT


def test_due_jobs_run_once_and_again_when_due(ref, clock):
    waiting = CaseFactory(status="needs_info", deadline=timezone.localdate() - datetime.timedelta(days=1))
    ran = periodic.run_due()
    assert "expire-unanswered-requests" in ran and "clear-expired-sessions" in ran
    assert "overdue-digest" not in ran  # a daily job waits for its hour (07:00), it does not run at start
    assert Case.objects.get(pk=waiting.pk).status == "rejected"
    assert periodic.run_due() == []  # nothing is due a second time in the same hour
    clock.move_to(FROZEN_AT + datetime.timedelta(hours=1, minutes=1))
    assert sorted(periodic.run_due()) == ["expire-unanswered-requests", "purge-staged-uploads"]


def test_the_morning_digest_goes_out_at_seven(ref, clock):
    official("kartika", Role.KOORDINATOR, email="kartika@example.go.id")
    CaseFactory(status="in_review", deadline=timezone.localdate() - datetime.timedelta(days=2))
    periodic.run_due()
    assert not mail.outbox
    clock.move_to(FROZEN_AT.replace(hour=7, minute=1) + datetime.timedelta(days=1))
    assert "overdue-digest" in periodic.run_due()
    assert len(mail.outbox) == 1 and "kartika@example.go.id" in mail.outbox[0].to


def test_a_failing_job_does_not_stop_the_others(ref, monkeypatch):
    from complaints import tasks

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(tasks.expire_unanswered_requests, "run", broken)
    ran = periodic.run_due()
    assert "expire-unanswered-requests" not in ran and "clear-expired-sessions" in ran
    assert PeriodicRun.objects.filter(name="expire-unanswered-requests").exists()


def test_the_command_runs_what_is_due_and_stops(ref):
    out = StringIO()
    call_command("run_periodic", "--once", stdout=out)
    assert "expire-unanswered-requests" in out.getvalue()
