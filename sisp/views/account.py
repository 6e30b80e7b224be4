"""Sign-in, password reset and the second factor.

The per-address limits are checked first in every POST here, before any password or token is
hashed or compared, so a flood of guesses costs the servers a cache increment each.
"""

from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice

from .. import audit, conf, ratelimit, services, twofactor
from ..forms import DigestPreferenceForm, EnrolmentForm, LoginForm, SecondFactorForm
from ..models import User


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if not ratelimit.allow(request, "login", settings.SISP_LOGIN_RATE):
            return ratelimit.too_many(request, settings.SISP_LOGIN_RATE)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        # ?sesi=berakhir: a form page kept what was posted after its session ended (the ABK
        # form's server draft) and sent the user here with ``next`` back to it.
        context = super().get_context_data(**kwargs)
        context["session_ended"] = (
            self.request.GET.get("sesi") or self.request.POST.get("sesi")
        ) == "berakhir"
        return context


class PasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("sisp:password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def post(self, request, *args, **kwargs):
        if not ratelimit.allow(request, "password_reset", settings.SISP_PASSWORD_RESET_RATE):
            return ratelimit.too_many(request, settings.SISP_PASSWORD_RESET_RATE)
        return super().post(request, *args, **kwargs)


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def profile(request):
    """The user's own page: who SISP knows them as, and their choice of the daily digest."""
    user = request.user
    stored = User.objects.filter(pk=user.pk).values_list("wants_digest", flat=True).get()
    form = DigestPreferenceForm(request.POST if request.method == "POST" else None, stored=stored)
    if form.is_valid():
        wants = form.cleaned_data["wants_digest"]
        services.set_digest_preference(user, wants=wants, request=request)
        messages.success(
            request,
            "Ringkasan harian diaktifkan."
            if wants
            else "Ringkasan harian tidak akan dikirim lagi.",
        )
        return redirect("sisp:profile")
    context = {"form": form, "stored": stored, "digest_enabled": conf.digest_enabled()}
    return render(request, "sisp/profile.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def second_factor_setup(request):
    """Enrolment: QR code and secret of a new authenticator device; a code from the app
    confirms it, then the ten recovery codes are shown once."""
    user = request.user
    if twofactor.confirmed_totp(user):
        # Enrolled already: a second device needs the reset with a second person.
        return redirect(f"{reverse('sisp:2fa_verify')}?{urlencode({'next': _next_url(request)})}")
    device = twofactor.pending_totp(user)
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.allow(request, "2fa", settings.SISP_LOGIN_RATE):
            return ratelimit.too_many(request, settings.SISP_LOGIN_RATE)
        if form.is_valid():
            code = twofactor.normalise_code(form.cleaned_data["kode"])
            if code.isdigit() and device.verify_token(code):
                codes = twofactor.confirm_enrolment(device, request=request)
                django_otp.login(request, device)
                context = {"codes": codes, "next": _next_url(request)}
                return render(request, "registration/2fa_recovery_codes.html", context)
            audit.record("auth.2fa_failed", request=request, actor=user, enrolment=True)
            form.add_error(
                "kode", "Kode tidak cocok. Periksa jam ponsel Anda dan masukkan kode yang baru."
            )
    context = {
        "form": form,
        "qr_svg": twofactor.qr_svg(device),
        "secret": twofactor.secret_for_display(device),
        "next": _next_url(request),
    }
    return render(request, "registration/2fa_setup.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def second_factor_verify(request):
    """The second step after the password: a code from the app or one recovery code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not twofactor.confirmed_totp(user):
        return redirect(f"{reverse('sisp:2fa_setup')}?{urlencode({'next': _next_url(request)})}")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.allow(request, "2fa", settings.SISP_LOGIN_RATE):
            return ratelimit.too_many(request, settings.SISP_LOGIN_RATE)
        if form.is_valid():
            device = twofactor.verify(request, form.cleaned_data["kode"])
            if device is not None:
                if isinstance(device, StaticDevice):
                    left = twofactor.recovery_codes_left(user)
                    messages.warning(
                        request,
                        f"Anda masuk dengan kode pemulihan; tersisa {left}. Kode itu tidak "
                        "berlaku lagi. Bila ponsel hilang, minta Administrator mengatur ulang "
                        "verifikasi dua langkah.",
                    )
                return redirect(_next_url(request))
            form.add_error(
                "kode",
                "Kode tidak cocok atau sudah dipakai. Setelah beberapa kali salah, tunggu "
                "sebentar sebelum mencoba lagi.",
            )
    context = {"form": form, "next": _next_url(request)}
    return render(request, "registration/2fa_verify.html", context)


@login_not_required
def admin_login(request):
    """/admin/login/ goes to SISP's sign-in, keeping where the admin wanted to go."""
    query = urlencode({"next": request.GET.get("next") or reverse("admin:index")})
    return redirect(f"{reverse('sisp:login')}?{query}")
