"""The one limiter: a fixed-window counter per client address in Django's cache (Redis in
production via CACHE_URL, so every app server shares it). It makes enumerating register
numbers, flooding the complaint form, guessing PINs and using password hashing to starve the
servers slow, without third-party services. Views check it before any hashing."""

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .audit import client_ip


def allow(request: HttpRequest, scope: str, rate: tuple[int, int]) -> bool:
    """Count this request against ``rate`` = (requests, seconds); False when over the limit."""
    limit, window = rate
    key = f"rl:{scope}:{client_ip(request) or 'unknown'}"
    # incr first: once the window's counter exists (every request but the first) that is
    # the only cache call; add() only starts a window.
    try:
        count = cache.incr(key)
    except ValueError:  # no counter yet, or it just expired
        if cache.add(key, 1, timeout=window):
            count = 1
        else:  # a parallel request started the window first
            try:
                count = cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=window)
                count = 1
    return count <= limit


def too_many(
    request: HttpRequest, rate: tuple[int, int], template: str = "sisp/too_many.html"
) -> HttpResponse:
    """The Indonesian refusal (HTTP 429) for a client over ``rate``, naming its real window."""
    window = rate[1]
    response = render(request, template, {"window_seconds": window}, status=429)
    response["Retry-After"] = str(window)
    return response
