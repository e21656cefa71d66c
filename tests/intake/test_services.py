"""The create path: all or nothing, unique tickets, one confirmation email per report."""

import threading
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.db.models.signals import post_save
from django.utils import timezone

from complaints import notifications
from complaints.intake import services
from complaints.intake.forms import ReportForm
from complaints.models import Case, CaseEvent, Evidence, Notification, Reporter
from complaints.storage import evidence_storage
from complaints.tasks import clear_expired_sessions
from tests.helpers import image_bytes, upload


def valid_input(report_fields, count=2):
    files = {"evidence": [upload(image_bytes(), f"{n}.png") for n in range(count)]}
    form = ReportForm(data=report_fields, files=files)
    assert form.is_valid(), form.errors
    return form.to_input()


def files_in(folder):
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def test_a_failure_after_the_files_are_stored_leaves_nothing(report_fields, evidence_dir, monkeypatch):
    report = valid_input(report_fields)

    def broken_create(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(CaseEvent, "save", lambda self, *args, **kwargs: broken_create())
    with pytest.raises(RuntimeError):
        services.report_submit(report=report)
    assert not Case.objects.exists()
    assert not Reporter.objects.exists()
    assert not Evidence.objects.exists()
    assert files_in(evidence_dir) == []


def test_a_storage_failure_on_the_second_file_removes_the_first(report_fields, evidence_dir, monkeypatch):
    report = valid_input(report_fields)
    real_save, calls = evidence_storage.save, []

    def flaky_save(name, content, **kwargs):
        calls.append(name)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_save(name, content, **kwargs)

    monkeypatch.setattr(evidence_storage._wrapped, "save", flaky_save)
    with pytest.raises(OSError):
        services.report_submit(report=report)
    assert len(calls) == 2
    assert files_in(evidence_dir) == []
    assert not Case.objects.exists()


WAIT_SECONDS = 10  # a bound on waiting for the other thread, never reached when it works


def test_the_screenshots_are_stored_while_the_rows_are_written(report_fields, evidence_dir, monkeypatch):
    """The upload no longer waits for the rows (issue 14): each file is stored on a thread of
    its own, and the report commits once both are done."""
    rows_written, seen = threading.Event(), []
    real_save = evidence_storage.save

    def save_after_the_rows(name, content, **kwargs):
        seen.append(rows_written.wait(WAIT_SECONDS))
        return real_save(name, content, **kwargs)

    def written(sender, instance, created, **kwargs):
        rows_written.set()

    monkeypatch.setattr(evidence_storage._wrapped, "save", save_after_the_rows)
    post_save.connect(written, sender=Reporter)
    try:
        case = services.report_submit(report=valid_input(report_fields)).case
    finally:
        post_save.disconnect(written, sender=Reporter)
    assert seen == [True, True]
    assert sorted(str(path.relative_to(evidence_dir)) for path in files_in(evidence_dir)) == sorted(
        evidence.original.name for evidence in case.evidence.all()
    )


def test_an_upload_still_under_way_when_the_report_fails_is_deleted_after_it_lands(
    report_fields, evidence_dir, monkeypatch
):
    failed, deleting, stored_when_deleted = threading.Event(), threading.Event(), []
    real_save, real_delete, stored = evidence_storage.save, evidence_storage.delete, set()

    def late_save(name, content, **kwargs):
        failed.wait(WAIT_SECONDS)  # lands only after the rows failed,
        deleting.wait(0.5)  # and after a deletion that did not wait for it (none does: it passes)
        stored.add(real_save(name, content, **kwargs))
        return name

    def delete(name):
        stored_when_deleted.append(name in stored)
        deleting.set()
        real_delete(name)

    def broken_event(*args, **kwargs):
        failed.set()
        raise RuntimeError("database went away")

    monkeypatch.setattr(evidence_storage._wrapped, "save", late_save)
    monkeypatch.setattr(evidence_storage._wrapped, "delete", delete)
    monkeypatch.setattr(CaseEvent, "save", broken_event)
    with pytest.raises(RuntimeError):
        services.report_submit(report=valid_input(report_fields))
    assert stored_when_deleted == [True, True]
    assert files_in(evidence_dir) == []
    assert not Case.objects.exists() and not Evidence.objects.exists()


def test_a_ticket_collision_draws_a_new_ticket(report_fields, monkeypatch):
    first = services.report_submit(report=valid_input(report_fields, 1)).case
    drawn = iter([first.ticket, first.ticket, "NTR-0000-0000"])
    monkeypatch.setattr(services, "generate_ticket", lambda: next(drawn))
    second = services.report_submit(report=valid_input(report_fields, 1)).case
    assert second.ticket == "NTR-0000-0000"
    assert Case.objects.count() == 2


def test_confirmation_is_sent_after_commit_and_only_once(report_fields, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submitted = services.report_submit(report=valid_input(report_fields, 1))
    assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1  # one message from the request: the worker queues the email and the processing
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["adit@example.org"]
    assert submitted.case.ticket in message.subject
    html = message.alternatives[0][0]
    for body in (message.body, html):
        assert submitted.case.ticket in body
        assert f"/status/{submitted.case.ticket}/" in body
        assert submitted.access_code not in body
    # A retried task finds the notification already sent.
    assert notifications.report_confirmation_send(case_id=submitted.case.pk) is False
    assert len(mail.outbox) == 1
    assert Notification.objects.get().sent_at is not None


def test_a_report_sends_one_message_whatever_its_screenshots(report_fields, django_capture_on_commit_callbacks):
    """The request queues one task; the worker queues the email and each screenshot's processing."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submitted = services.report_submit(report=valid_input(report_fields, 3))
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    assert [e.processing()["ocr"] for e in submitted.case.evidence.all()] == ["done"] * 3


def test_no_email_without_an_address(report_fields, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(report=valid_input({**report_fields, "reporter_email": ""}, 1))
    assert mail.outbox == []


def test_a_failed_send_leaves_the_email_owed_so_a_retry_sends_it(
    report_fields, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        submitted = services.report_submit(report=valid_input(report_fields, 1))

    def smtp_down(*args, **kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr(notifications, "send_mail", smtp_down)
    with pytest.raises(ConnectionError):
        notifications.report_confirmation_send(case_id=submitted.case.pk)
    assert not Notification.objects.filter(sent_at__isnull=False).exists()
    assert Case.objects.filter(pk=submitted.case.pk).exists()
    monkeypatch.undo()
    assert notifications.report_confirmation_send(case_id=submitted.case.pk) is True
    assert len(mail.outbox) == 1


def test_expired_sessions_are_cleared(db, client):
    client.get("/lapor/")  # the form starts a session
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=timezone.now() - timedelta(days=1))
    clear_expired_sessions.delay()
    assert list(Session.objects.values_list("session_key", flat=True)) == [client.session.session_key]
