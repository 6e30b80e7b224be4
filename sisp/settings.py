"""SISP settings: everything comes from the environment (see README, "Variabel lingkungan").

Safe by default: DEBUG is off, SECRET_KEY is required unless DEBUG is on, the database is a
SQLite file when DATABASE_URL is unset, and nothing is kept on the app server that a second
server behind the load balancer would need (sessions in the database, cache and files
configurable).
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    SECURE_SSL=(bool, False),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
else:
    SECRET_KEY = env("SECRET_KEY")

ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "sisp.worker",  # before django_tasks_db: its db_worker (heartbeat, recovery) is the one run
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "sisp",
    "arsip",
    "ppps",
    "abk_anjab",
]

MIDDLEWARE = [
    # First, so its headers reach every answer, even those of the middleware below it.
    "sisp.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public HTML only, never a page with a CSRF token or a secret (BREACH): sisp/middleware.py.
    "sisp.middleware.PublicGZipMiddleware",
    # An anonymous /cek/ page already cached is answered here, with the headers the stack
    # below gave it when it was rendered (ppps/middleware.py).
    "ppps.middleware.CachedLookupMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Second factor: django-otp marks the verified session, SISP's middleware holds back every
    # page from a user who owes it (sisp/twofactor.py).
    "django_otp.middleware.OTPMiddleware",
    "sisp.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # AxesMiddleware must come last: it turns a lockout into the Indonesian lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sisp.urls"
WSGI_APPLICATION = "sisp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sisp.context_processors.sisp",
            ],
        },
    },
]

# --- Database: SQLite file by default (the embedded default), Postgres via DATABASE_URL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker and the web server use the file at the same time.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "sisp.User"

# --- Cache: local memory by default, Redis (or any django-environ cache URL) via CACHE_URL.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://sisp")}

# Sessions live in the database so any app server can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# An Indonesian page for a refused form (Django's own mentions DEBUG).
CSRF_FAILURE_VIEW = "sisp.views.errors.csrf_failure"

# --- Security. SECURE_SSL=on behind a TLS-terminating reverse proxy (production).
SECURE_SSL = env("SECURE_SSL")
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_SSL_REDIRECT = SECURE_SSL
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if SECURE_SSL else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=SECURE_SSL)
if env.bool("USE_X_FORWARDED_PROTO", default=SECURE_SSL):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# django-csp 4: nothing from outside, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# --- Authentication
AUTHENTICATION_BACKENDS = [
    # AxesStandaloneBackend must be first: it refuses a locked-out user before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "sisp:login"
LOGIN_REDIRECT_URL = "sisp:portal"
LOGOUT_REDIRECT_URL = "sisp:home"

# django-axes: after AXES_FAILURE_LIMIT wrong passwords, lock that username *from that address*.
# Per (username, address): a stranger elsewhere cannot lock a colleague out, and one clumsy
# colleague behind the office's NAT locks only their own name. Floods of many usernames from
# one address are stopped before any hashing by the per-address limit below (sisp/ratelimit.py).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
# One parser of the client address for lockouts, rate limits and the audit trail.
AXES_CLIENT_IP_CALLABLE = "sisp.audit.client_ip"
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_VERBOSE = False
SILENCED_SYSTEM_CHECKS = env.list("SILENCED_SYSTEM_CHECKS", default=[])

# Two-factor sign-in (sisp/twofactor.py): "sensitive" = every role that opens classified
# records or case parties, Pengawas Internal and the installation manager; "all"; "none".
SISP_2FA_REQUIRED = env("SISP_2FA_REQUIRED", default="sensitive")
if SISP_2FA_REQUIRED not in ("sensitive", "all", "none"):
    raise ImproperlyConfigured("SISP_2FA_REQUIRED must be sensitive, all or none.")
OTP_TOTP_ISSUER = "SISP"
# Recovery codes and app codes: each wrong code doubles the wait before the next try.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Per-address limits, (requests, seconds), counted in the cache before any password hashing:
# sign-in POSTs and, counted apart, second-factor POSTs; password-reset requests. A whole
# office may sign in from one NAT address, hence a generous sign-in allowance.
SISP_LOGIN_RATE = (
    env.int("SISP_LOGIN_LIMIT", default=60),
    env.int("SISP_LOGIN_WINDOW", default=300),
)
SISP_PASSWORD_RESET_RATE = (
    env.int("SISP_PASSWORD_RESET_LIMIT", default=5),
    env.int("SISP_PASSWORD_RESET_WINDOW", default=3600),
)

# --- Email (password reset, notifications). Console backend unless EMAIL_URL is set.
_email = env.email("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
for _key in ("EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD"):
    if _email.get(_key):
        globals()[_key] = _email[_key]
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="SISP <sisp@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background work: django-tasks on the database backend (no extra server).
# Run `python manage.py db_worker` beside the web server in production.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# Workers beat every TASK_HEARTBEAT_SECONDS; a RUNNING task whose worker has been silent for
# TASK_LEASE_SECONDS is queued again, at most TASK_MAX_ATTEMPTS claims (sisp/taskrecovery.py).
TASK_HEARTBEAT_SECONDS = env.float("TASK_HEARTBEAT_SECONDS", default=10)
TASK_LEASE_SECONDS = env.float("TASK_LEASE_SECONDS", default=60)
TASK_MAX_ATTEMPTS = env.int("TASK_MAX_ATTEMPTS", default=3)

# --- Language and time
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
# Dates and times as people read them, one format for every page (sisp/formats/id/formats.py).
FORMAT_MODULE_PATH = ["sisp.formats"]
USE_I18N = True
USE_TZ = True

# --- Static files (whitenoise) and uploaded files (local disk or S3).
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Private files are never served from a public URL: MEDIA_URL points nowhere that is routed.
MEDIA_URL = "/_private-no-public-route/"

STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": MEDIA_URL},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
if env("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            # "path" for stores that have no per-bucket host names (MinIO, moto, Ceph on an
            # address): http://host:port/bucket/key instead of http://bucket.host:port/key.
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default=None),
            "access_key": env("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# How a protected file leaves the server: "django" streams it from storage (default);
# "nginx" hands the transfer to the web server with X-Accel-Redirect under this prefix.
PROTECTED_FILE_SERVER = env("PROTECTED_FILE_SERVER", default="django")
PROTECTED_FILE_ACCEL_PREFIX = env("PROTECTED_FILE_ACCEL_PREFIX", default="/_protected/")
UPLOAD_MAX_MB = env.int("UPLOAD_MAX_MB", default=25)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Long Anjab forms (a hundred task rows and more) exceed Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int("DATA_UPLOAD_MAX_NUMBER_FIELDS", default=10000)

# --- SISP's own settings
# The office whose identity the public front shows ("/"); the root-most office when unset.
SISP_PUBLIC_OFFICE_CODE = env("SISP_PUBLIC_OFFICE_CODE", default="")
# Link checker: seconds to wait for an external link before calling it down.
SISP_LINK_CHECK_TIMEOUT = env.float("SISP_LINK_CHECK_TIMEOUT", default=8.0)
# Django 6 will default URL fields to https; opt in now.
FORMS_URLFIELD_ASSUME_HTTPS = True

# --- Office hours, the digest, E-Arsip, Info PPPS, ABK & Anjab. Each app reads its settings
# through its own conf.py (sisp/, arsip/, ppps/, abk_anjab/), where every default is written once, with
# its source or "(?)" where unconfirmed. A variable set in the environment overrides it here;
# an unset variable leaves the setting out, so the app's default holds. The README lists them.
_APP_SETTINGS_FROM_ENV = {
    "SISP_OFFICE_DAYS": lambda name: env.list(name, cast=int),
    "SISP_OFFICE_OPENS": env.str,
    "SISP_OFFICE_CLOSES": env.str,
    "SISP_OFFICE_TIME_ZONE": env.str,
    "SISP_DIGEST_ENABLED": env.bool,
    "SISP_BASE_URL": env.str,
    "ARSIP_PAGE_SIZE": env.int,
    "ARSIP_COUNT_CAP": env.int,
    "ARSIP_SEARCH_CONFIG": env.str,
    "ARSIP_OCR": env.bool,
    "ARSIP_TESSERACT": env.str,
    "ARSIP_PDFTOPPM": env.str,
    "ARSIP_OCR_LANG": env.str,
    "ARSIP_OCR_MAX_PAGES": env.int,
    "ARSIP_OCR_TIMEOUT": env.int,
    "ARSIP_TEKS_MAX": env.int,
    "ARSIP_EKSTRAKSI_MAX_MB": env.int,
    "ARSIP_EKSTRAKSI_MAX_ANGGOTA": env.int,
    "ARSIP_EKSTRAKSI_MEMORI_MB": env.int,
    "ARSIP_EKSTRAKSI_BATAS_DETIK": env.int,
    "ARSIP_CUPLIKAN_MAKS": env.int,
    "ARSIP_PRATINJAU_LEBAR": env.int,
    "ARSIP_HAK_AKSES_MAX_HARI": env.int,
    "ARSIP_PEMINJAMAN_HARI": env.int,
    "ARSIP_PEMUSNAHAN_MIN_SAKSI": env.int,
    "ARSIP_PEMUSNAHAN_ANRI_TAHUN": env.int,
    "PPPS_REGISTER_TEMPLATE": env.str,
    "PPPS_REGISTER_TEMPLATE_SENGKETA": env.str,
    "PPPS_PUBLIC_TERLAPOR": env.str,
    "PPPS_LOOKUP_LIMIT": env.int,
    "PPPS_LOOKUP_WINDOW": env.int,
    "PPPS_ADUAN_LIMIT": env.int,
    "PPPS_ADUAN_WINDOW": env.int,
    "PPPS_NEAR_DEADLINE_DAYS": env.int,
    "PPPS_LAPORAN_DAYS": env.int,
    "PPPS_ADUAN_MAX_ATTACHMENTS": env.int,
    "PPPS_ADUAN_UPLOAD_KEEP_MINUTES": env.int,
    "PPPS_ADUAN_PERSONAL_DATA_DAYS": env.int,
    "PPPS_PUBLIC_BASE_URL": env.str,
    "PPPS_PUBLIC_CACHE_SECONDS": env.int,
    "ABK_ANJAB_WKE_HOURS": env.str,
    "ABK_ANJAB_ROUNDING": env.str,
}
globals().update(
    {name: read(name) for name, read in _APP_SETTINGS_FROM_ENV.items() if name in env.ENVIRON}
)


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
    },
}
