"""Celery tasks: ids in, a service call, safe to run twice. Their names are stable (beat uses them)."""

from importlib import import_module
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.db import OperationalError


def _call(service: str, **arguments):
    """Import "module.function" of this app when the task runs, and call it.

    The services queue these tasks themselves (after commit): importing them at the top would
    make every service module import every other.
    """
    module, function = service.rsplit(".", 1)
    return getattr(import_module(f"complaints.{module}"), function)(**arguments)


def _retried(*errors: type[Exception], max_retries: int) -> dict:
    """Retry with backoff on a worker. Without a broker a task runs inside the citizen's
    request, where retrying would only make the citizen wait: it then fails once and is logged."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {}
    return {"autoretry_for": errors, "retry_backoff": True, "retry_jitter": True, "max_retries": max_retries}


EMAIL_RETRY = _retried(SMTPException, ConnectionError, TimeoutError, max_retries=8)


@shared_task(**_retried(OSError, max_retries=6))
def process_evidence(*, evidence_id: int, force: bool = False) -> dict[str, str]:
    """Make the derived copies, hash and OCR text of one screenshot (retried if storage fails)."""
    return _call("evidence.processing.evidence_process", evidence_id=evidence_id, force=force).processing()


@shared_task(**_retried(OperationalError, max_retries=5))
def case_received(*, case_id: int, confirm: bool = False) -> None:
    """Do what follows a report or a reply: queue the reporter's confirmation (`confirm`), build
    the case's public status, queue each new screenshot's processing. The citizen's request sends
    this one message; the worker sends the rest (each message sent is some 2 ms of the request)."""
    _call("intake.services.case_received", case_id=case_id, confirm=confirm)


@shared_task(**_retried(OperationalError, max_retries=5))
def group_case(*, case_id: int) -> int | None:
    """Group a case with the reports of the same incident, once its screenshots are hashed."""
    incident = _call("incidents.grouping.case_group", case_id=case_id)
    return incident.pk if incident else None


@shared_task(**EMAIL_RETRY)
def send_report_confirmation(*, case_id: int) -> bool:
    """Email the reporter the ticket and the status link (never the access code)."""
    return _call("notifications.report_confirmation_send", case_id=case_id)


@shared_task(**EMAIL_RETRY)
def send_dossier(*, forwarding_id: int) -> bool:
    """Build the dossier and email it to the agency; a retry never sends twice."""
    return _call("forwarding.delivery.dossier_send", forwarding_id=forwarding_id)


@shared_task(**EMAIL_RETRY)
def notify_reporter_of_status(*, event_id: int) -> bool:
    """Build the case's public status, which the email links to, then email the reporter the change
    of status with its public note: one message per change (issue 14)."""
    _call("intake.status_pages.event_build", event_id=event_id)
    return _call("notifications.status_change_send", event_id=event_id)


@shared_task(**EMAIL_RETRY)
def notify_assignee_of_reply(*, event_id: int) -> bool:
    """Tell the official handling the case that the reporter answered."""
    return _call("notifications.reply_received_send", event_id=event_id)


@shared_task(**EMAIL_RETRY)
def send_agency_reminder(*, agency_id: int, forwarding_ids: list[int], day: str) -> bool:
    """Email an agency the dossiers it has not answered, each with a working link."""
    return _call("notifications.agency_reminder_send", agency_id=agency_id, forwarding_ids=forwarding_ids, day=day)


@shared_task(**EMAIL_RETRY)
def send_overdue_digest() -> int:
    """Email each koordinator the overdue cases (daily, by beat; once per day per official)."""
    return _call("notifications.overdue_digest_send")


@shared_task
def expire_unanswered_requests() -> int:
    """Reject cases whose reporter did not answer a question by its deadline (by beat)."""
    return _call("triage.workflow.expire_unanswered")


@shared_task
def refresh_dashboard(*, user_id: int, filters: dict, day: str, kind: str = "dashboard") -> None:
    _call("oversight.snapshot.refresh", user_id=user_id, filters=filters, day=day, kind=kind)


@shared_task
def refresh_public_stats() -> None:
    _call("oversight.public.refresh")


@shared_task
def prune_rate_limits() -> int:
    """Delete rate-limit buckets idle for a day, longer than any limit's period (daily, by beat)."""
    return _call("ratelimit.prune", idle_seconds=86400)


@shared_task
def purge_expired() -> dict[str, int]:
    """Erase identities and originals past their retention (daily, by beat)."""
    done = _call("retention.purge")
    return {"identities": len(done.identities), "originals": len(done.originals)}


@shared_task
def purge_staged_uploads() -> int:
    """Delete screenshots sent ahead of a report that never came (hourly, by beat)."""
    return _call("intake.staging.uploads_purge")


@shared_task
def clear_expired_sessions() -> None:
    """Delete expired sessions (run daily by beat)."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
