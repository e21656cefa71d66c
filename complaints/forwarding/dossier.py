"""The PDF dossier an agency receives (DESIGN §5)."""

import base64
import hashlib
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
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


def verification_url(forwarding: Forwarding) -> str:
    """Where anyone holding the dossier checks it is the one sent: by the forwarding's random key,
    which opens nothing else (not the agency's link, which lets its holder act for the agency)."""
    return settings.SITE_URL + reverse("dossier-verify", args=[forwarding.key])


def _qr_uri(url: str) -> str:
    import qrcode.image.svg  # only where a dossier is made

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=1)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


def _logo_uri() -> str | None:
    """The letterhead's logo (DOSSIER_LOGO), or None when none is set or it cannot be read."""
    path = Path(settings.DOSSIER_LOGO) if settings.DOSSIER_LOGO else None
    if path is None or not path.is_file():
        return None
    kind = "image/svg+xml" if path.suffix.lower() == ".svg" else "image/png"
    return f"data:{kind};base64," + base64.b64encode(path.read_bytes()).decode()


def dossier_pdf(forwarding: Forwarding) -> bytes:
    """Render the dossier, a letter (see `names_reporter` for the reporter's identity)."""
    case = forwarding.case
    reporter = Reporter.objects.filter(case=case).first() if names_reporter(forwarding) else None
    evidence = [{"item": item, "image": _image_uri(item.sanitized)} for item in case.evidence.all()]
    verify = verification_url(forwarding)
    context = {
        "case": case,
        "agency": forwarding.agency,
        "forwarding": forwarding,
        "reporter": reporter,
        "evidence": evidence,
        "timeline": timeline.for_public(case=case),
        "chain_head": case.events.order_by("-pk").values_list("hash", flat=True).first(),
        "today": timezone.localdate(),
        "sender": {
            "institution": settings.DOSSIER_INSTITUTION,
            "address": settings.DOSSIER_ADDRESS,
            "logo": _logo_uri(),
            "city": settings.DOSSIER_CITY,
            "signatory_name": settings.DOSSIER_SIGNATORY_NAME,
            "signatory_title": settings.DOSSIER_SIGNATORY_TITLE,
        },
        "verify_url": verify,
        "verify_qr": _qr_uri(verify),
    }
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
