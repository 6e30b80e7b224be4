"""The limiter on a real Redis (as in production): one round trip per request, the window
starts with the first request and ends after ``window`` seconds; the generic path (locmem)
counts the same way."""

import socket
import uuid

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from sisp import ratelimit


def _redis_up():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.fixture(params=["redis", "locmem"])
def backend(request, settings):
    if request.param == "redis":
        if not _redis_up():
            pytest.skip("Redis is not running on 127.0.0.1:6379")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/8",
                "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            }
        }
    yield caches["default"]


def test_the_fourth_request_in_a_window_of_three_is_refused(backend):
    request = RequestFactory().get("/cek/", REMOTE_ADDR="203.0.113.9")
    answers = [ratelimit.allow(request, "cek", (3, 60)) for _ in range(4)]
    assert answers == [True, True, True, False]
    other = RequestFactory().get("/cek/", REMOTE_ADDR="203.0.113.10")
    assert ratelimit.allow(other, "cek", (3, 60))


def test_the_window_is_set_once_by_the_first_request(backend):
    if backend.__class__.__name__ != "RedisCache":
        pytest.skip("TTL is read from Redis itself")
    request = RequestFactory().get("/cek/", REMOTE_ADDR="203.0.113.11")
    ratelimit.allow(request, "cek", (5, 60))
    key = backend.make_and_validate_key("rl:cek:203.0.113.11")
    client = backend._cache.get_client(key)
    first = client.ttl(key)
    ratelimit.allow(request, "cek", (5, 60))
    assert 0 < client.ttl(key) <= first <= 60
    assert backend.get("rl:cek:203.0.113.11") == 2  # readable through Django's cache too
