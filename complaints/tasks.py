"""Celery tasks: ids in, a service call, safe to run twice."""

from smtplib import SMTPException

from celery import shared_task

from . import notifications


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=8,
)
def send_report_confirmation(*, case_id: int) -> bool:
    return notifications.report_confirmation_send(case_id=case_id)
