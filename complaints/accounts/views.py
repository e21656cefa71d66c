"""Officials' login: the password, then the second factor, and enrolling an authenticator."""

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from . import second_factor


class LoginView(auth_views.LoginView):
    """The password; the second factor, where the official has one, comes next (the middleware)."""

    template_name = "officials/login.html"
    redirect_authenticated_user = True


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Kode"),
        max_length=20,
        help_text=gettext_lazy("6 angka dari aplikasi autentikator, atau salah satu kode pemulihan."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else "/petugas/"


@never_cache
@sensitive_post_parameters("code")
@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    """Ask a logged-in official who has an authenticator for its code (or a recovery code)."""
    form, status = CodeForm(), 200
    if request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            device = second_factor.device_matching(request.user, form.cleaned_data["code"])
            if device is not None:
                otp_login(request, device)
                return redirect(_next(request))
            # A wrong code counts as a failed login: repeated, it locks the account out.
            user_login_failed.send(__name__, credentials={"username": request.user.get_username()}, request=request)
            form.add_error("code", _("Kode salah atau sudah dipakai. Coba kode terbaru dari aplikasi Anda."))
        status = 400
    return render(request, "officials/otp_verify.html", {"form": form, "next": _next(request)}, status=status)


@never_cache
@sensitive_post_parameters("code")
@login_required
@require_http_methods(["GET", "POST"])
def otp_enrol(request):
    """Enrol an authenticator app: scan the code, confirm with the first code, keep the recovery codes."""
    if second_factor.enrolled(request.user) and not request.user.is_verified():
        return redirect("otp-verify")
    device = second_factor.pending_device(request.user)
    form, status, codes = CodeForm(), 200, None
    if request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            codes = second_factor.confirm(request.user, device, form.cleaned_data["code"])
            if codes is not None:
                otp_login(request, device)
                messages.success(request, _("Aplikasi autentikator terdaftar."))
                return render(request, "officials/otp_codes.html", {"codes": codes, "next": _next(request)})
            form.add_error("code", _("Kode tidak cocok. Periksa jam ponsel Anda, lalu masukkan kode terbaru."))
        status = 400
    context = {
        "form": form,
        "qr": second_factor.qr_data_uri(device),
        "secret": second_factor.secret_of(device),
        "enrolled": second_factor.enrolled(request.user),
        "required": second_factor.required(),
        "next": _next(request),
    }
    return render(request, "officials/otp_enrol.html", context, status=status)
