"""A fixed-window counter per client address in Django's cache (Redis in production, so every
app server shares it). Enough to make enumerating register numbers or flooding the complaint
form slow, without third-party services."""

from django.core.cache import cache

from sisp.audit import client_ip


def allow(request, scope, rate):
    """Count this request against ``rate`` = (requests, seconds); False when over the limit."""
    limit, window = rate
    key = f"ppps:rl:{scope}:{client_ip(request) or 'unknown'}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
