"""The agency's signed, expiring link: no account, one link per forwarding (`/instansi/<token>/`).

The link is signed with SECRET_KEY and carries the forwarding's random link key, so it can be
neither forged nor guessed from a forwarding's number; it expires after AGENCY_LINK_DAYS. A resend
gives the forwarding a new link key, and an admin may revoke the link: older links stop working.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from ..models import Forwarding

LINK_SALT = "complaints.agency-link"


def agency_token(forwarding: Forwarding) -> str:
    return signing.dumps({"forwarding": forwarding.pk, "key": str(forwarding.link_key)}, salt=LINK_SALT, compress=True)


def agency_url(forwarding: Forwarding) -> str:
    return settings.SITE_URL + reverse("agency", args=[agency_token(forwarding)])


def forwarding_from_token(token: str) -> Forwarding:
    """Return the forwarding of a valid link; raise signing.BadSignature (expired links too)."""
    data = signing.loads(token, salt=LINK_SALT, max_age=settings.AGENCY_LINK_DAYS * 86400)
    forwarding = Forwarding.objects.select_related("case", "agency").filter(pk=data.get("forwarding")).first()
    if forwarding is None or forwarding.link_revoked_at or str(forwarding.link_key) != data.get("key"):
        raise signing.BadSignature("unknown, replaced or revoked link")
    return forwarding
