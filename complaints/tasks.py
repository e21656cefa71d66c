"""Celery tasks: ids in, a service call, safe to run twice. Their names are stable (beat uses them)."""

from importlib import import_module
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings

# Each task imports its service when it runs: the services queue these tasks themselves (after
# commit), so importing them here would make every service module import every other.


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
    from .evidence import processing

    return processing.evidence_process(evidence_id=evidence_id, force=force).processing()


@shared_task(**EMAIL_RETRY)
def send_report_confirmation(*, case_id: int) -> bool:
    from . import notifications

    return notifications.report_confirmation_send(case_id=case_id)


@shared_task(**EMAIL_RETRY)
def send_dossier(*, forwarding_id: int) -> bool:
    """Build the dossier and email it to the agency; a retry never sends twice."""
    from .forwarding import delivery

    return delivery.dossier_send(forwarding_id=forwarding_id)


@shared_task(**EMAIL_RETRY)
def notify_reporter_of_status(*, event_id: int) -> bool:
    from . import notifications

    return notifications.status_change_send(event_id=event_id)


@shared_task(**EMAIL_RETRY)
def notify_assignee_of_reply(*, event_id: int) -> bool:
    from . import notifications

    return notifications.reply_received_send(event_id=event_id)


@shared_task(**EMAIL_RETRY)
def send_overdue_digest() -> int:
    """Email each koordinator the overdue cases (daily, by beat; once per day per official)."""
    from . import notifications

    return notifications.overdue_digest_send()


@shared_task
def expire_unanswered_requests() -> int:
    """Reject cases whose reporter did not answer a question by its deadline (by beat)."""
    from .triage import workflow

    return workflow.expire_unanswered()


@shared_task
def clear_expired_sessions() -> None:
    """Delete expired sessions (run daily by beat)."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
