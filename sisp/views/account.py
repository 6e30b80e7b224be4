"""Sign-in, password reset and the second factor.

The per-address limits are checked first in every POST here, before any password or token is
hashed or compared, so a flood of guesses costs the servers a cache increment each.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from .. import ratelimit
from ..forms import LoginForm


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if not ratelimit.allow(request, "login", settings.SISP_LOGIN_RATE):
            return ratelimit.too_many(request, settings.SISP_LOGIN_RATE)
        return super().post(request, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("sisp:password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def post(self, request, *args, **kwargs):
        if not ratelimit.allow(request, "password_reset", settings.SISP_PASSWORD_RESET_RATE):
            return ratelimit.too_many(request, settings.SISP_PASSWORD_RESET_RATE)
        return super().post(request, *args, **kwargs)
