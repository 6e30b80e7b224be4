"""Two-factor sign-in for staff: an authenticator app (TOTP) plus ten one-time recovery codes,
on django-otp's TOTP and static devices.

Who must pass it is one setting, SISP_2FA_REQUIRED: ``sensitive`` (default) for every user
holding a role of ``sisp.roles.sensitive_role_names()`` and the installation manager;
``all`` for every signed-in user; ``none`` turns the second factor off. A user who enrolled
of their own accord is asked for it too (except with ``none``). Until then
``TwoFactorMiddleware`` lets such a user reach only enrolment, verification and sign-out.
"""

from __future__ import annotations

import time
from base64 import b32encode
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit, roles

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_otp.models import Device

    from .models import User

    class SignedInRequest(HttpRequest):
        """A request of a signed-in user (django-stubs' documented pattern)."""

        user: User

    class VerifiableUser(User):
        """django-otp's OTPMiddleware gives the request's user ``is_verified()``."""

        def is_verified(self) -> bool: ...

    class OTPRequest(HttpRequest):
        user: VerifiableUser | AnonymousUser


MODES = ("sensitive", "all", "none")
RECOVERY_CODES = 10
TOTP_NAME = "Aplikasi autentikator"
RECOVERY_NAME = "Kode pemulihan"
# The answer is kept in the session and asked again after this many seconds, so pages do not
# pay for the role lookup on every request and a role given during a session still applies.
SESSION_KEY = "sisp_2fa_required"
RECHECK_SECONDS = 60


def mode() -> str:
    return settings.SISP_2FA_REQUIRED


def required_for(user: User | AnonymousUser | None) -> bool:
    """True when ``user`` must pass a second factor before any page."""
    if user is None or not user.is_authenticated or mode() == "none":
        return False
    if mode() == "all" or roles.is_installation_manager(user):
        return True
    if user.groups.filter(name__in=roles.sensitive_role_names()).exists():
        return True
    return user_has_device(user)


def required_in_session(request: HttpRequest) -> bool:
    """``required_for(request.user)``, remembered in the session for RECHECK_SECONDS."""
    now = int(time.time())
    cached = request.session.get(SESSION_KEY)
    if isinstance(cached, list) and len(cached) == 2 and 0 <= now - cached[1] < RECHECK_SECONDS:
        return bool(cached[0])
    required = required_for(request.user)
    request.session[SESSION_KEY] = [required, now]
    return required


def confirmed_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_totp(user: User) -> TOTPDevice:
    """The unconfirmed authenticator device being enrolled (made on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def secret_for_display(device: TOTPDevice) -> str:
    """The Base32 secret an authenticator app asks for, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address of ``device`` as an inline SVG QR code (no JavaScript)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode")


@transaction.atomic
def confirm_enrolment(device: TOTPDevice, *, request: HttpRequest) -> list[str]:
    """Mark ``device`` confirmed, replace the user's recovery codes with RECOVERY_CODES new ones
    and audit the enrolment. Returns the codes (shown once, never again)."""
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(user)
    audit.record("auth.2fa_enrolled", request=request, actor=user, target=_target(user))
    return codes


def new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=c) for c in codes)
    return codes


def normalise_code(value: str | None) -> str:
    return "".join((value or "").split()).replace("-", "").lower()


def verify(request: SignedInRequest, code: str | None) -> Device | None:
    """Check ``code`` (six digits from the app, or a recovery code) for the signed-in user.
    Returns the device that accepted it, or None. Each failure and each recovery code used is
    audited; a used recovery code is gone."""
    import django_otp

    user = request.user
    code = normalise_code(code)
    device = None
    if code.isdigit():
        for totp in TOTPDevice.objects.filter(user=user, confirmed=True):
            device = django_otp.verify_token(user, totp.persistent_id, code)
            if device:
                break
    else:
        for static in StaticDevice.objects.filter(user=user, confirmed=True):
            device = django_otp.verify_token(user, static.persistent_id, code)
            if device:
                audit.record(
                    "auth.2fa_recovery_used",
                    request=request,
                    actor=user,
                    target=_target(user),
                    remaining=device.token_set.count(),
                )
                break
    if device is None:
        audit.record("auth.2fa_failed", request=request, actor=user, target=_target(user))
        return None
    django_otp.login(request, device)
    return device


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


class ResetRefused(Exception):
    """The reset lacks a valid second person; nothing was changed."""


@transaction.atomic
def reset_devices(user: User, *, approved_by: User | None) -> int:
    """Remove every second-factor device of ``user`` (a lost phone), so they enrol again at
    their next sign-in. ``approved_by`` is the second person: an active installation manager,
    or an active Ketua of the user's office, never the user themselves. Raises ResetRefused
    otherwise. Audited in the user's office. Returns the number of devices removed."""
    if approved_by is None or not approved_by.is_active:
        raise ResetRefused("Penyetuju harus akun aktif.")
    if approved_by.pk == user.pk:
        raise ResetRefused("Penyetuju harus orang lain, bukan pemilik akun.")
    is_ketua = (
        approved_by.groups.filter(name=roles.KETUA).exists()
        and approved_by.office_id is not None
        and approved_by.office_id == user.office_id
    )
    if not (roles.is_installation_manager(approved_by) or is_ketua):
        raise ResetRefused("Penyetuju harus Ketua kantor pengguna itu atau Pengelola Instalasi.")
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    audit.record(
        "auth.2fa_reset",
        actor=approved_by,
        office=user.office,
        target=_target(user),
        approved_by=approved_by.get_username(),
        devices=removed,
    )
    return removed


def _target(user: User) -> tuple[str, int, str]:
    return (user._meta.label, user.pk, user.get_username())


# Views a signed-in user who still owes the second factor may reach.
OPEN_VIEWS: set[str] = {"sisp:2fa_setup", "sisp:2fa_verify", "sisp:logout"}


class TwoFactorMiddleware:
    """A user who must pass the second factor (``required_for``) and has not yet in this
    session reaches nothing but enrolment, verification and sign-out: every other page,
    the admin included, redirects to verification (or to enrolment without a device).
    Goes after django-otp's OTPMiddleware; static files are served before any middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: OTPRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        from urllib.parse import urlencode

        from django.shortcuts import redirect
        from django.urls import reverse

        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        if not required_in_session(request):
            return None
        target = "sisp:2fa_verify" if confirmed_totp(user) else "sisp:2fa_setup"
        url = reverse(target)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
