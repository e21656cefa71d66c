"""Emails to reporters and officials. Each is sent at most once per key, however often its task runs.

(An agency's dossier is emailed by `forwarding.delivery`.)
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Case, CaseEvent, Forwarding, Notification
from .permissions import Role


def _send_once(kind: str, *, about, case: Case | None, to: str, context: dict) -> bool:
    """Send the email of `kind` about `about` (an event, a case, an official and a day) unless sent.

    Its key is "<kind>:<about>", and its templates are emails/<kind>_subject.txt, .txt and .html,
    rendered in Indonesian. The notification row is locked while the message goes out, so a task
    that runs twice sends once; a failed send leaves it unsent for the task's retry.
    """
    template = str(kind)
    key = f"{template.replace('_', '-')}:{about}"
    with transaction.atomic():
        notice, _created = Notification.objects.select_for_update().get_or_create(
            key=key, defaults={"case": case, "kind": kind}
        )
        if notice.sent_at:
            return False
        with translation.override("id"):
            subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
            text = render_to_string(f"emails/{template}.txt", context)
            html = render_to_string(f"emails/{template}.html", context)
        send_mail(subject, text, None, [to], html_message=html)
        notice.sent_at = timezone.now()
        notice.save(update_fields=["sent_at"])
    return True


def _reporter_email(case: Case) -> str | None:
    return case.reporter.email if hasattr(case, "reporter") else None


def _status_url(case: Case) -> str:
    return settings.SITE_URL + reverse("status-detail", args=[case.ticket])


def report_confirmation_send(*, case_id: int) -> bool:
    """Email the reporter the ticket and status link. The access code is never emailed."""
    case = Case.objects.select_related("reporter").get(pk=case_id)
    email = _reporter_email(case)
    if not email:
        return False
    context = {"case": case, "reporter_name": case.reporter.name, "status_url": _status_url(case)}
    return _send_once(Notification.Kind.REPORT_CONFIRMATION, about=case.pk, case=case, to=email, context=context)


def status_change_send(*, event_id: int) -> bool:
    """Tell the reporter their case changed status, with the public note; never internal notes."""
    event = CaseEvent.objects.select_related("case__reporter").get(pk=event_id)
    case = event.case
    email = _reporter_email(case)
    if not email or not event.is_public or event.from_status == event.to_status:
        return False
    if event.action in (CaseEvent.Action.SUBMIT, CaseEvent.Action.REPLY):
        return False  # the reporter just acted: the receipt and the page say what happened
    context = {
        "case": case,
        "event": event,
        "reporter_name": case.reporter.name,
        "status_url": _status_url(case),
        "reply_url": settings.SITE_URL + reverse("status-reply", args=[case.ticket]),
    }
    return _send_once(Notification.Kind.STATUS_CHANGE, about=event.pk, case=case, to=email, context=context)


def reply_received_send(*, event_id: int) -> bool:
    """Tell the official handling the case that the reporter answered (a link, not the answer)."""
    event = CaseEvent.objects.select_related("case__assignee").get(pk=event_id)
    official = event.case.assignee
    if official is None or not official.email:
        return False
    context = {"case": event.case, "official": official, "case_url": _case_url(event.case)}
    return _send_once(
        Notification.Kind.REPLY_RECEIVED, about=event.pk, case=event.case, to=official.email, context=context
    )


def _case_url(case: Case) -> str:
    return settings.SITE_URL + reverse("official-case", args=[case.ticket])


def overdue_digest_send() -> int:
    """Email each koordinator the open cases past their deadline; return how many emails went out."""
    from .triage.selectors import case_list_overdue  # triage queues this module's emails

    today = timezone.localdate()
    coordinators = get_user_model().objects.filter(groups__name=Role.KOORDINATOR, is_active=True).exclude(email="")
    sent = 0
    for official in coordinators:  # each koordinator, the overdue cases of their own regions
        rows = [{"case": case, "url": _case_url(case)} for case in case_list_overdue(user=official)]
        if not rows:
            continue
        sent += _send_once(
            Notification.Kind.OVERDUE_DIGEST,
            about=f"{official.pk}:{today.isoformat()}",
            case=None,
            to=official.email,
            context={"official": official, "rows": rows, "today": today},
        )
    return sent


def agency_reminder_send(*, agency_id: int, forwarding_ids: list[int], day: str) -> bool:
    """Email an agency its unanswered dossiers, each with a fresh link (the same link key: the
    earlier links keep working), once per agency and day."""
    from .forwarding.links import agency_url  # forwarding queues this module's emails

    forwardings = list(
        Forwarding.objects.filter(pk__in=forwarding_ids, outcome="").select_related("case", "agency").order_by("pk")
    )
    if not forwardings:
        return False
    agency = forwardings[0].agency  # every forwarding listed is this agency's
    rows = [{"forwarding": forwarding, "url": agency_url(forwarding)} for forwarding in forwardings]
    return _send_once(
        Notification.Kind.AGENCY_REMINDER,
        about=f"{agency_id}:{day}",  # the day the koordinator asked: forwarding.services.reminder_key
        case=None,
        to=agency.email,
        context={"agency": agency, "rows": rows},
    )
