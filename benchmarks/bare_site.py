"""The bare reference for the /cek/ load test (benchmarks/ppps_cek.py): the least a Django view
can do for the same answer. Its own minimal settings (Security and Common middleware only, no
app, no session, no cache), one row read by its unique key on the same database, a tiny
template through Django's cached loader, served by the same gunicorn worker count.
"""

import os
import random
from pathlib import Path

import environ

env = environ.Env()
SECRET_KEY = os.environ.get("SECRET_KEY", "benchmark-only")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "benchmarks.bare_site"
INSTALLED_APPS: list[str] = []
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = 60
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parent / "templates"],
        # With DEBUG off Django wraps the loaders in its cached loader.
    }
]
USE_TZ = True
CASES = int(os.environ.get("BARE_CASES", "100000"))
# Sequential numbers the benchmark's generator writes: "<seq>/Reg/LP/PW/Kota/B.CK-<nn>/...".
SQL = "SELECT nomor_register FROM ppps_perkara WHERE id = %s"


def bare(request):
    from django.db import connection
    from django.shortcuts import render

    with connection.cursor() as cursor:
        cursor.execute(SQL, [random.randint(1, CASES)])  # noqa: S311 (load, not security)
        row = cursor.fetchone()
    return render(request, "bare.html", {"nomor": row[0] if row else "-"})


def healthz(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def _urls():
    from django.urls import path

    return [path("bare/", bare), path("healthz", healthz)]


def __getattr__(name):
    # urlpatterns is built lazily: this module is also the settings module.
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
