"""Outbound email to reporters. Each message is sent at most once per key."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Case, Notification


def report_confirmation_send(*, case_id: int) -> bool:
    """Email the reporter the ticket and status link; return whether it was sent now.

    The access code is never emailed (DESIGN §3). The notification row is locked while the
    message goes out, so a task that runs twice sends once.
    """
    case = Case.objects.select_related("reporter").get(pk=case_id)
    email = case.reporter.email if hasattr(case, "reporter") else None
    if not email:
        return False
    with transaction.atomic():
        notice, _created = Notification.objects.select_for_update().get_or_create(
            key=f"report-confirmation:{case.pk}",
            defaults={"case": case, "kind": Notification.Kind.REPORT_CONFIRMATION},
        )
        if notice.sent_at:
            return False
        with translation.override("id"):
            context = {
                "case": case,
                "reporter_name": case.reporter.name,
                "status_url": settings.SITE_URL + reverse("status-detail", args=[case.ticket]),
            }
            subject = render_to_string("emails/report_confirmation_subject.txt", context).strip()
            text = render_to_string("emails/report_confirmation.txt", context)
            html = render_to_string("emails/report_confirmation.html", context)
        send_mail(subject, text, None, [email], html_message=html)
        notice.sent_at = timezone.now()
        notice.save(update_fields=["sent_at"])
    return True
