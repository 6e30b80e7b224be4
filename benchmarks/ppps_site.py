"""Settings, URLs and WSGI application for the /cek/ load test (benchmarks/ppps_cek.py).

The real settings, middleware and URLs; the bare reference is a separate minimal site
(benchmarks/bare_site.py). The lookup throttle is raised so the load generator (one address) is
not refused; the throttle's cache work still runs on every request.
"""

from sisp.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.ppps_site"
DEBUG = False
PPPS_LOOKUP_LIMIT = 10**9
CONN_MAX_AGE = 60
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}


def _urls():
    from django.urls import include, path

    return [path("", include("sisp.urls"))]


def __getattr__(name):
    # urlpatterns is built lazily: this module is also the settings module, loaded before apps.
    if name == "urlpatterns":
        return _urls()
    raise AttributeError(name)


def application(environ, start_response):
    global _app
    try:
        handler = _app
    except NameError:
        from django.core.wsgi import get_wsgi_application

        handler = _app = get_wsgi_application()
    return handler(environ, start_response)
