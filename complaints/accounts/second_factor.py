"""Two-factor login for officials (DESIGN §7, STAFF_2FA): a TOTP app, and recovery codes.

`required` (the default with DEBUG off): nothing but enrolment works until an official has a
confirmed device, and every login asks for its code. `optional`: an official who enrolled is
asked for the code; one who did not logs in with the password alone.
"""

import base64
import io
import secrets

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10  # each works once; new ones replace them all


def required() -> bool:
    return settings.STAFF_2FA == "required"


def enrolled(user) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


def missing_step(user) -> str | None:
    """Return what `user`'s session still needs: "enrol", "verify", or None when done."""
    if not user.is_authenticated:
        return None
    if enrolled(user):
        return None if user.is_verified() else "verify"
    return "enrol" if required() else None


def pending_device(user) -> TOTPDevice:
    """Return the official's unconfirmed authenticator, made once, until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=False)


def qr_data_uri(device: TOTPDevice) -> str:
    """Return the enrolment QR code as an SVG data URI (an image: no inline markup or script)."""
    import qrcode.image.svg  # only at an official's enrolment

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def secret_of(device: TOTPDevice) -> str:
    """Return the secret in base32, for an app that cannot scan."""
    return base64.b32encode(bytes.fromhex(device.key)).decode()


@transaction.atomic
def confirm(user, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with its first code; return new recovery codes, or None."""
    if not device.verify_token(code.strip()):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_renew(user)


def recovery_codes_renew(user) -> list[str]:
    """Replace the official's recovery codes with new ones; return them (shown once)."""
    static, _created = StaticDevice.objects.get_or_create(user=user, name="Kode pemulihan")
    static.token_set.all().delete()
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def device_matching(user, code: str):
    """Return the device that accepts `code` (an app's code or an unused recovery code), or None."""
    return match_token(user, (code or "").strip().lower())
