"""Celery tasks: ids in, a service call, safe to run twice."""

from importlib import import_module
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings

from . import notifications

# Outbound email is retried with backoff by a worker. Without a broker the task runs inside the
# citizen's request, where retrying would only make the citizen wait: it fails once and is logged.
EMAIL_RETRY = (
    {}
    if settings.CELERY_TASK_ALWAYS_EAGER
    else {
        "autoretry_for": (SMTPException, ConnectionError, TimeoutError),
        "retry_backoff": True,
        "retry_jitter": True,
        "max_retries": 8,
    }
)


@shared_task(**EMAIL_RETRY)
def send_report_confirmation(*, case_id: int) -> bool:
    return notifications.report_confirmation_send(case_id=case_id)


@shared_task
def clear_expired_sessions() -> None:
    """Delete expired sessions (run daily by beat)."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
