"""Emailing the dossier to its agency, at most once however often the task runs."""

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..models import Forwarding
from . import dossier, links

DELIVERY_ERROR_MAX = 500  # characters of an SMTP error kept for the koordinator


def dossier_send(*, forwarding_id: int) -> bool:
    """Email the agency its dossier and link, once: the row is locked and marked sent.

    The dossier is rendered and stored first, once. A failed send is recorded (delivery
    `failed` with the error) after its transaction rolled back, and raised for the task to retry.
    """
    forwarding = Forwarding.objects.select_related("case", "agency").get(pk=forwarding_id)
    if forwarding.delivery == Forwarding.Delivery.SENT:
        return False
    try:
        dossier.dossier_ensure(forwarding)
        with transaction.atomic():
            forwarding = Forwarding.objects.select_for_update().select_related("case", "agency").get(pk=forwarding_id)
            if forwarding.delivery == Forwarding.Delivery.SENT:
                return False  # another run got here first
            _dossier_email(forwarding, link=links.agency_url(forwarding)).send()
            forwarding.delivery = Forwarding.Delivery.SENT
            forwarding.delivery_error = ""
            forwarding.sent_at = timezone.now()
            forwarding.save(update_fields=["delivery", "delivery_error", "sent_at"])
    except Exception as error:
        Forwarding.objects.filter(pk=forwarding_id).exclude(delivery=Forwarding.Delivery.SENT).update(
            delivery=Forwarding.Delivery.FAILED, delivery_error=f"{type(error).__name__}: {error}"[:DELIVERY_ERROR_MAX]
        )
        raise
    return True


def _dossier_email(forwarding: Forwarding, *, link: str) -> EmailMultiAlternatives:
    context = {"forwarding": forwarding, "case": forwarding.case, "agency": forwarding.agency, "link": link}
    with translation.override("id"):
        subject = render_to_string("emails/dossier_subject.txt", context).strip()
        text = render_to_string("emails/dossier.txt", context)
        html = render_to_string("emails/dossier.html", context)
    message = EmailMultiAlternatives(
        subject, text, to=[forwarding.agency.email], headers={"X-Portal-Forwarding": str(forwarding.key)}
    )
    message.attach_alternative(html, "text/html")
    with forwarding.dossier.open("rb") as pdf:
        message.attach(f"{forwarding.case.ticket}.pdf", pdf.read(), "application/pdf")
    return message
