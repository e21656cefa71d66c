"""The PDF dossier an agency receives, and the signed link it answers through (DESIGN §5)."""

import base64
import hashlib

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from PIL import ImageFile

from .models import Forwarding, Reporter
from .selectors import case_public_timeline

LINK_SALT = "complaints.agency-link"


def agency_token(forwarding: Forwarding) -> str:
    return signing.dumps({"forwarding": forwarding.pk, "key": str(forwarding.key)}, salt=LINK_SALT, compress=True)


def agency_url(forwarding: Forwarding) -> str:
    return settings.SITE_URL + reverse("agency", args=[agency_token(forwarding)])


def forwarding_from_token(token: str) -> Forwarding:
    """Return the forwarding of a valid link; raise signing.BadSignature (expired links too)."""
    data = signing.loads(token, salt=LINK_SALT, max_age=settings.AGENCY_LINK_DAYS * 86400)
    forwarding = Forwarding.objects.select_related("case", "agency").filter(pk=data.get("forwarding")).first()
    if forwarding is None or str(forwarding.key) != data.get("key"):
        raise signing.BadSignature("unknown forwarding")
    return forwarding


def _image_uri(field) -> str | None:
    if not field:
        return None
    with field.open("rb") as handle:
        return "data:image/png;base64," + base64.b64encode(handle.read()).decode()


def dossier_pdf(forwarding: Forwarding) -> bytes:
    """Render the dossier. The reporter's identity appears only if they agreed to share it."""
    case = forwarding.case
    reporter = None
    if case.share_identity and not case.anonymous:
        reporter = Reporter.objects.filter(case=case).first()
    evidence = [{"item": item, "image": _image_uri(item.sanitized)} for item in case.evidence.all()]
    context = {
        "case": case,
        "agency": forwarding.agency,
        "forwarding": forwarding,
        "reporter": reporter,
        "evidence": evidence,
        "timeline": case_public_timeline(case=case),
        "today": timezone.localdate(),
    }  # not the agency's link: it lets its holder act for the agency, so it goes in the email only
    with translation.override("id"):
        html = render_to_string("dossier/dossier.html", context)
    return _weasyprint_html()(string=html).write_pdf()


def _weasyprint_html():
    """Import WeasyPrint where a PDF is made, and undo its global change to Pillow.

    WeasyPrint sets ImageFile.LOAD_TRUNCATED_IMAGES = True when imported, which would make
    every later upload check in the process accept truncated images as evidence.
    """
    from weasyprint import HTML

    ImageFile.LOAD_TRUNCATED_IMAGES = False
    return HTML


def dossier_ensure(forwarding: Forwarding) -> None:
    """Build and store the dossier once; a rerun keeps the stored one (its hash is recorded)."""
    if forwarding.dossier:
        return
    pdf = dossier_pdf(forwarding)
    folder = f"dossiers/{forwarding.case.submitted_at:%Y/%m}/{forwarding.key.hex}"
    forwarding.dossier.save(f"{folder}/{forwarding.case.ticket}.pdf", ContentFile(pdf), save=False)
    forwarding.dossier_sha256 = hashlib.sha256(pdf).hexdigest()
    forwarding.save(update_fields=["dossier", "dossier_sha256"])
