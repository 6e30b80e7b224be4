"""Check the portal's external links and mark the ones that are down."""

import logging
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.utils import timezone

from .models import Link

logger = logging.getLogger(__name__)
USER_AGENT = "SISP-link-checker/1.0"


def probe(url, timeout):
    """Return (status, error) for a URL: HEAD first, GET when HEAD is refused."""
    if not url.lower().startswith(("http://", "https://")):
        return None, "skema alamat tidak didukung"
    last_error = ""
    for method in ("HEAD", "GET"):
        # Only http(s) reaches this point (checked above), never file: or custom schemes.
        request = urllib.request.Request(  # noqa: S310
            url, method=method, headers={"User-Agent": USER_AGENT}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.status, ""
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                last_error = f"HTTP {exc.code}"
                continue
            return exc.code, f"HTTP {exc.code}"
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return None, str(reason)[:200] or exc.__class__.__name__
    return None, last_error


def is_up(status):
    return status is not None and status < 400


def check_links(queryset=None, timeout=None, workers=8):
    """Probe every active link (or those in ``queryset``), store the result, return
    (checked, down) counts."""
    timeout = timeout if timeout is not None else settings.SISP_LINK_CHECK_TIMEOUT
    links = list((queryset if queryset is not None else Link.objects.all()).filter(is_active=True))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda link: probe(link.url, timeout), links))
    now = timezone.now()
    down = 0
    for link, (status, error) in zip(links, results, strict=True):
        link.last_checked_at = now
        link.last_status = status
        link.last_error = error
        link.is_down = not is_up(status)
        down += link.is_down
        if link.is_down:
            logger.warning("Link %s (%s) is down: %s", link.pk, link.url, error or status)
    Link.objects.bulk_update(links, ["last_checked_at", "last_status", "last_error", "is_down"])
    return len(links), down
