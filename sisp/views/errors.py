"""Error pages: Indonesian, with the site header and a way back (templates/4xx.html, 500.html).

Django's own handlers render 400, 403 and 404 from our templates with the request (so the
header knows who is signed in); the pages show neither the path nor the reason, so a refused
object looks exactly like a missing one. The 500 page and the CSRF failure are our own views, below.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

# Served when even the plain 500 template cannot be rendered.
LAST_RESORT_500 = (
    '<!doctype html><html lang="id"><head><meta charset="utf-8">'
    "<title>Terjadi gangguan · SISP</title></head><body>"
    "<h1>Terjadi gangguan pada server</h1>"
    "<p>Maaf, permintaan Anda tidak dapat diselesaikan. Silakan coba lagi beberapa saat lagi.</p>"
    '<p><a href="/">Kembali ke beranda</a> · <a href="/portal/">Buka portal pegawai</a></p>'
    "</body></html>"
)


class ExplainedRefusal(PermissionDenied):
    """A 403 whose message is an Indonesian reason written for the user (e.g. "Perkara ini
    sudah dilimpahkan ..."). Any other PermissionDenied keeps its message off the page: it may
    be English or technical."""


@requires_csrf_token
def permission_denied(request, exception=None):
    """handler403: the Indonesian 403 page; the reason shows only for an ExplainedRefusal."""
    reason = str(exception) if isinstance(exception, ExplainedRefusal) else ""
    return HttpResponseForbidden(loader.render_to_string("403.html", {"reason": reason}, request))


@requires_csrf_token
def server_error(request):
    """handler500: the template rendered with no request and no context processor, so it
    needs neither the database nor the session (either may be what failed)."""
    try:
        body = loader.render_to_string("500.html")
    except Exception:  # noqa: BLE001 - an error page must not fail in its turn
        body = LAST_RESORT_500
    return HttpResponseServerError(body)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a plain Indonesian 403. ``reason`` (English, technical) is not
    shown; Django has already logged it."""
    return render(request, "403_csrf.html", status=403)


def too_many_requests(request, window_seconds, template_name="429.html", context=None):
    """A 429 answer for a client over its allowance, with Retry-After; ``minutes`` in the
    template is the window rounded up to whole minutes. Any limiter may use it."""
    minutes = max(1, -(-int(window_seconds) // 60))
    response = render(request, template_name, {"minutes": minutes, **(context or {})}, status=429)
    response["Retry-After"] = str(int(window_seconds))
    return response
