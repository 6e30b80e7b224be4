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


def _key(request: HttpRequest, scope: str) -> str:
    return f"rl:{scope}:{client_ip(request) or 'unknown'}"


def allow(request: HttpRequest, scope: str, rate: tuple[int, int]) -> bool:
    """Count this request against ``rate`` = (requests, seconds); False when over the limit."""
    return allow_and_get(request, scope, rate, [])[0]


def allow_and_get(
    request: HttpRequest, scope: str, rate: tuple[int, int], keys: list[str]
) -> tuple[bool, dict[str, Any]]:
    """``allow()`` and ``cache.get_many(keys)`` together: on Redis in one round trip (one
    pipeline), which the busiest public page needs (/cek/, benchmarks/ppps_cek.py). The keys
    are read whether or not the request is allowed; the caller must not use them when not."""
    limit, window = rate
    key = _key(request, scope)
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        count, values = _redis_count(backend, key, window, keys)
    else:
        count, values = _count(key, window), (backend.get_many(keys) if keys else {})
    return count <= limit, values


def redis_client(backend: Any) -> Any:
    """One redis-py client per cache backend object (one per thread). Django's RedisCache
    builds a new client, with its table of some 170 reply callbacks, on every call, which
    costs more than the round trip itself on a cached page."""
    client = backend.__dict__.get("_sisp_redis_client")
    if client is None:
        client = backend.__dict__["_sisp_redis_client"] = backend._cache.get_client(write=True)
    return client


def _redis_count(
    backend: Any, key: str, window: int, keys: list[str]
) -> tuple[int, dict[str, Any]]:
    """INCR, EXPIRE for a new counter, and MGET of ``keys``, in one round trip (Django's
    incr() asks EXISTS first, and its get_many() would be a second trip). Without MULTI/EXEC
    (two commands and two replies fewer): nothing here needs them, as EXPIRE NX gives a
    counter its window whenever it has none, also one whose first EXPIRE was lost."""
    redis_key = backend.make_and_validate_key(key)
    pipe = redis_client(backend).pipeline(transaction=False)
    pipe.incr(redis_key)
    pipe.expire(redis_key, window, nx=True)
    if keys:
        pipe.mget([backend.make_and_validate_key(k) for k in keys])
    count, _, *rest = pipe.execute()
    loads = backend._cache._serializer.loads
    values = (
        {k: loads(v) for k, v in zip(keys, rest[0], strict=True) if v is not None} if keys else {}
    )
    return int(count), values


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
