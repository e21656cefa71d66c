"""The PDF dossier an agency receives (DESIGN §5)."""

import base64
import hashlib

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from PIL import ImageFile

from .. import timeline
from ..models import Forwarding, Reporter


def _image_uri(field) -> str | None:
    if not field:
        return None
    with field.open("rb") as handle:
        return "data:image/png;base64," + base64.b64encode(handle.read()).decode()


def names_reporter(forwarding: Forwarding) -> bool:
    """Return whether the dossier carries the reporter's identity: only with the reporter's
    consent, and only for a supervisory body (Bawaslu, BKN), never for the accused's employer
    side (BKD, PPK, Inspektorat), where retaliation comes from (DOMAIN.md)."""
    case = forwarding.case
    return case.share_identity and not case.anonymous and forwarding.agency.is_supervisor


def dossier_pdf(forwarding: Forwarding) -> bytes:
    """Render the dossier (see `names_reporter` for the reporter's identity)."""
    case = forwarding.case
    reporter = Reporter.objects.filter(case=case).first() if names_reporter(forwarding) else None
    evidence = [{"item": item, "image": _image_uri(item.sanitized)} for item in case.evidence.all()]
    context = {
        "case": case,
        "agency": forwarding.agency,
        "forwarding": forwarding,
        "reporter": reporter,
        "evidence": evidence,
        "timeline": timeline.for_public(case=case),
        "chain_head": case.events.order_by("-pk").values_list("hash", flat=True).first(),
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
