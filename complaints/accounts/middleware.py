"""The second factor guards every page for officials and the admin site (STAFF_2FA)."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from . import second_factor

GUARDED = ("/petugas/", "/admin/")
OPEN = ("login", "logout", "otp-verify", "otp-enrol", "admin:login")  # the pages that get the factor


def _open_paths() -> set[str]:
    return {reverse(name) for name in OPEN}  # only under GUARDED: five reversals cost 0.2 ms


class SecondFactorMiddleware:
    """Send an official whose session lacks its second factor to enter it, or to enrol one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(GUARDED) and path not in _open_paths():
            step = second_factor.missing_step(request.user)
            if step is not None:
                target = reverse("otp-verify" if step == "verify" else "otp-enrol")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
