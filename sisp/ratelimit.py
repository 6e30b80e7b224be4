"""The one limiter: a fixed-window counter per client address in Django's cache (Redis in
production via CACHE_URL, so every app server shares it). It makes enumerating register
numbers, flooding the complaint form, guessing PINs and using password hashing to starve the
servers slow, without third-party services. Views check it before any hashing."""

from typing import Any

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .audit import client_ip


def allow(request: HttpRequest, scope: str, rate: tuple[int, int]) -> bool:
    """Count this request against ``rate`` = (requests, seconds); False when over the limit."""
    limit, window = rate
    key = f"rl:{scope}:{client_ip(request) or 'unknown'}"
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        count = _redis_count(backend, key, window)
    else:
        count = _count(key, window)
    return count <= limit


def _redis_count(backend: Any, key: str, window: int) -> int:
    """INCR and, for a new counter, EXPIRE in one round trip (Django's incr() asks EXISTS
    first): the limiter runs on every public lookup, the busiest page (benchmarks/ppps_cek.py)."""
    redis_key = backend.make_and_validate_key(key)
    pipe = backend._cache.get_client(redis_key, write=True).pipeline()
    pipe.incr(redis_key)
    pipe.expire(redis_key, window, nx=True)
    count, _ = pipe.execute()
    return int(count)


def _count(key: str, window: int) -> int:
    # incr first: once the window's counter exists (every request but the first) that is
    # the only cache call; add() only starts a window.
    try:
        return cache.incr(key)
    except ValueError:  # no counter yet, or it just expired
        if cache.add(key, 1, timeout=window):
            return 1
        try:  # a parallel request started the window first
            return cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window)
            return 1


def too_many(
    request: HttpRequest, rate: tuple[int, int], template: str = "sisp/too_many.html"
) -> HttpResponse:
    """The Indonesian refusal (HTTP 429) for a client over ``rate``, naming its real window."""
    window = rate[1]
    response = render(request, template, {"window_seconds": window}, status=429)
    response["Retry-After"] = str(window)
    return response
