"""Proof of work on submission (DESIGN §7, POW): an ALTCHA-compatible challenge, self-hosted.

`GET /api/v1/challenge/` gives a challenge signed with a key derived from SECRET_KEY, expiring
after POW_EXPIRES_SECONDS; the client finds the number whose SHA-256 with the salt is the
challenge (the form does it in a worker, about a second on a phone) and sends the solution
base64-encoded in the field `altcha`. Each challenge is accepted once.

When: `always`; `off`; or `surge` (the default), of a client address past half its submission
limit, and of everyone while all submissions together run above POW_SURGE_RATE. Below that, a
citizen without JavaScript still reports.
"""

import datetime
import hashlib
import hmac

import altcha
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import ratelimit
from ..errors import Invalid
from .throttles import EVERYONE, parse_rate


def _key() -> str:
    return hmac.new(settings.SECRET_KEY.encode(), b"complaints.pow", hashlib.sha256).hexdigest()


def challenge() -> dict:
    """Return a new challenge as ALTCHA's widget and libraries read it."""
    expires = timezone.now() + datetime.timedelta(seconds=settings.POW_EXPIRES_SECONDS)
    made = altcha.create_challenge_v1(hmac_key=_key(), max_number=settings.POW_MAX_NUMBER, expires=expires)
    return {
        "algorithm": made.algorithm,
        "challenge": made.challenge,
        "maxnumber": made.max_number,
        "salt": made.salt,
        "signature": made.signature,
    }


def required(address: str) -> bool:
    """Return whether a submission from `address` must carry a solved challenge now."""
    if settings.POW == "always":
        return True
    if settings.POW == "off":
        return False
    own_limit, own_period = parse_rate(settings.SUBMIT_RATE)
    surge_limit, surge_period = parse_rate(settings.POW_SURGE_RATE)
    own, everyone = ratelimit.counts((f"submit:{address}", own_period), (EVERYONE, surge_period))
    # This submission was counted already, in both: past half the address's limit, or a surge.
    return own > own_limit // 2 or everyone > surge_limit


def check(payload: str) -> None:
    """Accept a solved challenge once, or raise Invalid naming the field `altcha`."""
    if not payload:
        raise Invalid.on_field(
            "altcha",
            _(
                "Banyak laporan masuk saat ini: formulir perlu menyelesaikan tantangan keamanan. "
                "Aktifkan JavaScript lalu kirim lagi, atau coba beberapa saat lagi."
            ),
            code="pow_required",
        )
    valid, _reason = altcha.verify_solution_v1(payload, _key(), check_expires=True)
    if not valid:
        raise Invalid.on_field(
            "altcha", _("Tantangan keamanan tidak valid atau kedaluwarsa. Kirim lagi."), code="pow_invalid"
        )
    spent = ratelimit.hit(
        f"pow:{hashlib.sha256(payload.encode()).hexdigest()}", limit=1, period=settings.POW_EXPIRES_SECONDS
    )
    if not spent.allowed:
        raise Invalid.on_field("altcha", _("Tantangan keamanan ini sudah dipakai. Kirim lagi."), code="pow_reused")
