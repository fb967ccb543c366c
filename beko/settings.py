"""BeKo settings: one module, configured from the environment.

Every variable is documented in README.md ("Konfiguration") and `.env.example`. Bad values fail
loudly with ImproperlyConfigured instead of silently falling back.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Environment variable {name} is required.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}.") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# "development" (make run), "test" (pytest) or "production" (gunicorn behind a proxy).
BEKO_ENV = env_str("BEKO_ENV", "test" if "pytest" in sys.modules else "development")
if BEKO_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured("BEKO_ENV must be development, test or production.")
PRODUCTION = BEKO_ENV == "production"

DEBUG = env_bool("DEBUG", BEKO_ENV == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY")
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")
else:
    # Development and tests only; production refuses to start without a real key.
    SECRET_KEY = env_str("SECRET_KEY", "dev-only-not-secret-" + "x" * 40)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Public base URL, used in e-mails, feeds and sitemaps where there is no request.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # its templates for beko/news/sitemap.py
    "ninja",  # serves its API docs page from vendored static files
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "beko.core",
    "beko.core.search",
    "beko.accounts",
    "beko.directory",
    "beko.guide",
    "beko.faq",
    "beko.inquiries",
    "beko.events",
    "beko.news",
]

MIDDLEWARE = [
    "beko.core.middleware.RequestLogMiddleware",
    "beko.core.middleware.ApiProblemMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what the response cache below did not answer already compressed.
    "beko.core.lib.response_cache.CompressionMiddleware",
    # Before everything that builds a page: a hit skips sessions, URL resolution and views.
    # Inside WhiteNoise (static files are its own) and outside CSP (the stored headers carry
    # the nonce that matches the stored body). docs/architecture.md, "Response cache".
    "beko.core.lib.response_cache.ResponseCacheMiddleware",
    "beko.core.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "beko.core.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "beko.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires: turns a lockout into our German 429 page.
    "axes.middleware.AxesMiddleware",
    # Development only (acts when DEBUG is on): the site's own 404 page, not Django's.
    "beko.core.middleware.OwnNotFoundPageMiddleware",
]

ROOT_URLCONF = "beko.urls"
WSGI_APPLICATION = "beko.wsgi.application"

TEMPLATES = [
    {
        # Django's backend, plus the lang="de" marking of German fallback text in HTML pages
        # (beko/core/lib/fallback_marks.py).
        "BACKEND": "beko.core.template_backend.DjangoTemplates",
        "NAME": "django",  # the usual alias (django.template.engines["django"])
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "beko.core.context_processors.site",
                "beko.core.context_processors.csrf_placeholder",
            ],
        },
    },
]

# Database: SQLite file under var/ by default; PostgreSQL via DATABASE_URL in production and CI.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'beko.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + IMMEDIATE transactions: readers never block the writer, and concurrent writers
    # queue on the lock instead of failing with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (production: shared rate limits), else local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's backend, one client per worker and incr() in one round trip.
            "BACKEND": "beko.core.lib.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "beko",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background jobs: Django's tasks API (django-tasks backport) stored in the database.
# Development and tests run tasks immediately unless TASKS_BACKEND=database;
# production runs `manage.py db_worker` (see README).
_TASKS_BACKEND = env_str("TASKS_BACKEND", "database" if PRODUCTION else "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[_TASKS_BACKEND]
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses locked-out clients before any password is checked (django-axes).
    "beko.accounts.backends.LockoutBackend",
    "beko.accounts.backends.EmailOrUsernameBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"  # staff go on to /intern/, partners see their area
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3
if BEKO_ENV == "test":
    # Fast hashing in tests only; real hashers everywhere else.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Internationalisation: German is the source language; the language is part of the URL
# (/en/…, /ar/…), so switching needs no cookie and every language version is shareable.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("uk", "Українська"),
    ("tr", "Türkçe"),
    ("ru", "Русский"),
]
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
# Dates and numbers per language: beko/core/formats/<lang>/formats.py corrects Django's
# defaults where they are wrong for our readers and adds BeKo's named formats
# (WEEKDAY_DATE_FORMAT …, see beko/core/lib/l10n.py).
FORMAT_MODULE_PATH = ["beko.core.formats"]
# Text fields that exist only in German (names, addresses): inside a page in another language
# they are marked lang="de" like any German fallback (beko/core/fallbacks.py).
BEKO_GERMAN_TEXT_FIELDS = [
    "core.Image.credit",
    "directory.Organisation.name",
    "directory.District.name",
    "directory.Location.name",
    "directory.Location.street",
    "directory.Location.city",
    "directory.Location.transit_hint",
    "directory.Location.accessibility_notes",
    "directory.Language.name",
    "directory.Offer.contact_name",
    "events.Venue.name",
    "events.Venue.street",
    "events.Venue.city",
    "events.MarketStand.exhibitor_name",
    "events.ProgrammeItem.room",
    "news.Tag.name",
    "news.NewsItem.author_unit",
]
# Extra stylesheet per language, loaded only on its pages: the self-hosted fonts for Arabic
# script (beko/core/static/vendor/fonts/README.md). Other languages use the system fonts.
BEKO_LANGUAGE_STYLESHEETS = {"ar": "css/lang-ar.css", "fa": "css/lang-fa.css"}
# German names that translations keep as they are (glossary: "names of offices, streets,
# districts, courses and events stay German"), besides the glossary's own terms: marked
# lang="de" inside any translation (beko/core/fallbacks.py).
BEKO_GERMAN_WORDS = [
    "Wuppertal", "Elberfeld", "Elberfeld-West", "Uellendahl-Katernberg", "Vohwinkel",
    "Cronenberg", "Barmen", "Oberbarmen", "Heckinghausen", "Langerfeld-Beyenburg", "Ronsdorf",
    "Haus der Integration",
]  # fmt: skip
# Data files with texts per language that a native speaker should review (glob patterns below
# the project directory); the translation overview lists them beside the interface texts.
BEKO_TRANSLATION_REVIEW_FILES = ["beko/guide/rules/*.yaml"]
# Each app keeps its own translations in beko/<app>/locale/ (found automatically); strings of
# the project files directly under beko/ (main navigation below) live in beko/locale/.
LOCALE_PATHS = [BASE_DIR / "beko" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Outside production whitenoise serves straight from the apps' static folders (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# E-mail
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    # Development: one file per message in var/mail/, readable by staff at /intern/e-mails/.
    else "beko.core.mail.DevelopmentEmailBackend",
)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # implicit TLS, usually port 465
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set only one of EMAIL_USE_TLS and EMAIL_USE_SSL.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "BeKo <beko@example.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers. CSP: everything from our own origin, no inline script or style;
# the nonce is only for non-executed JSON-LD data blocks.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(self), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Office details shown on the site (contact page, footer, "Über uns").
BEKO_OFFICE = {
    "name": env_str("BEKO_OFFICE_NAME", "BeKo – Beratungs- und Koordinierungsstelle"),
    "hotline": env_str("BEKO_HOTLINE", "0202 123456-0"),
    "hotline_hours": env_str("BEKO_HOTLINE_HOURS", "Mo–Do 9–15 Uhr, Fr 9–12 Uhr"),
    "email": env_str("BEKO_EMAIL", "beko@example.invalid"),
    "address": env_str("BEKO_ADDRESS", "Haus der Integration, Musterstraße 1, 42103 Wuppertal"),
}

# Main navigation: (label, URL name). Domain apps provide the views; a name that does not
# resolve yet is skipped, so core never depends on a domain app being installed.
BEKO_MAIN_NAV = [
    (_("Angebote"), "directory:offer_list"),
    (_("Wege in Arbeit"), "guide:start"),
    (_("Veranstaltungen"), "events:event_list"),
    (_("Aktuelles"), "news:news_list"),
    (_("Kontakt"), "inquiries:contact"),
]

# Only used by `make bench`: a minimal JSON view that measures the server floor.
BEKO_BENCH_FLOOR = env_bool("BEKO_BENCH_FLOOR", False)

LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "beko.core.lib.logging.JsonFormatter"}},
    "filters": {"redact_secrets": {"()": "beko.core.lib.logging.RedactSecretsFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["redact_secrets"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Request lines come from our own RequestLogMiddleware, in JSON.
        "django.server": {"handlers": [], "level": "WARNING", "propagate": False},
        "django.request": {"level": "ERROR"},
    },
}

# --- directory ---
# Days without verification before an offer is flagged and its partner reminded, and further
# days before it disappears from the public list (staff are told).
# Parsed search queries are cached until the index changes, for at
# most this many seconds (beko/core/search/results.py); 0 switches the cache off.
BEKO_SEARCH_CACHE_SECONDS = env_int("BEKO_SEARCH_CACHE_SECONDS", 60)
# Public GET responses (pages and API) are kept as finished bytes until public content changes
# (beko/core/lib/response_cache.py), for at most this many seconds: what depends on the clock
# (visibility windows, upcoming events) lags behind it by at most this. 0 switches it off.
BEKO_RESPONSE_CACHE_SECONDS = env_int("BEKO_RESPONSE_CACHE_SECONDS", 60)
BEKO_DIRECTORY_STALE_DAYS = env_int("BEKO_DIRECTORY_STALE_DAYS", 180)
BEKO_DIRECTORY_HIDE_AFTER_DAYS = env_int("BEKO_DIRECTORY_HIDE_AFTER_DAYS", 60)
# "Report outdated information" on an offer: per client IP.
BEKO_DIRECTORY_REPORT_RATE = env_str("BEKO_DIRECTORY_REPORT_RATE", "5/h")

# --- events ---
# Participants' personal data of past events is anonymised this many days after the event
# (manage.py events_retention, daily); attendance numbers are kept.
EVENTS_RETENTION_DAYS = env_int("EVENTS_RETENTION_DAYS", 90)
if EVENTS_RETENTION_DAYS < 0:
    raise ImproperlyConfigured("EVENTS_RETENTION_DAYS must not be negative.")
# Registrations per client address (django-ratelimit, e.g. "30/h"); empty switches it off
# (benchmarks). Generous because a whole office may register colleagues from one address.
EVENTS_REGISTRATION_RATE_PER_IP = env_str("EVENTS_REGISTRATION_RATE_PER_IP", "30/h")

# --- news ---
# Images (beko.core.images): upload limit; media is served by Django only where no web server
# does it (development, tests, `make bench`). In production the reverse proxy serves MEDIA_ROOT.
BEKO_IMAGE_MAX_BYTES = env_int("BEKO_IMAGE_MAX_MB", 10) * 1024 * 1024
BEKO_SERVE_MEDIA = env_bool("SERVE_MEDIA", not PRODUCTION)
# News per page in the public list and in feeds.
BEKO_NEWS_PER_PAGE = env_int("BEKO_NEWS_PER_PAGE", 10)
BEKO_FEED_ITEMS = env_int("BEKO_FEED_ITEMS", 20)

# --- staff security (2FA, brute-force protection) ---
# Two-factor authentication (django-otp): TOTP apps plus one-time recovery codes. Enforced for
# staff and admins in the whole staff area (beko.accounts.middleware), optional for partners.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "BeKo")
OTP_TOTP_THROTTLE_FACTOR = 1
BEKO_RECOVERY_CODES = 10
# Brute-force protection (django-axes): BEKO_LOGIN_FAILURES_ALLOWED wrong passwords from one
# client address get the normal generic message; the next failure locks logins for
# BEKO_LOGIN_COOLOFF_MINUTES, and every further failure during a lockout doubles the wait
# (beko.accounts.lockout.cooloff), up to one day.
BEKO_LOGIN_FAILURES_ALLOWED = env_int("BEKO_LOGIN_FAILURES_ALLOWED", 5)
AXES_FAILURE_LIMIT = BEKO_LOGIN_FAILURES_ALLOWED + 1
BEKO_LOGIN_COOLOFF_MINUTES = env_int("BEKO_LOGIN_COOLOFF_MINUTES", 15)
AXES_COOLOFF_TIME = "beko.accounts.lockout.cooloff"
# Counted and locked per client address, whichever accounts it tries. Never per account alone:
# then anyone who knows a user name could lock that person out from everywhere. Guessing from
# many addresses is met by the password rules and the second factor (staff).
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_LOCKOUT_CALLABLE = "beko.accounts.lockout.lockout_response"
# A successful login clears only that account's failures (beko.accounts.lockout).
AXES_RESET_ON_SUCCESS = False
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = True
# Client address (beko.core.lib.client_address.client_ip, used by the lockout, every rate limit
# and the security log): behind N trusted reverse proxies it is the N-th X-Forwarded-For entry
# from the right; entries further left come from the client and are ignored. 0 = no proxy
# (REMOTE_ADDR is the client). AXES_PROXY_COUNT is the old name, still read.
BEKO_TRUSTED_PROXY_COUNT = env_int(
    "BEKO_TRUSTED_PROXY_COUNT", env_int("AXES_PROXY_COUNT", 1 if PRODUCTION else 0)
)
if BEKO_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("BEKO_TRUSTED_PROXY_COUNT must not be negative.")
AXES_CLIENT_IP_CALLABLE = "beko.core.lib.client_address.client_ip"
RATELIMIT_IP_META_KEY = "beko.core.lib.client_address.client_ip"
# Password reset requests per client address and per e-mail address (django-ratelimit).
BEKO_PASSWORD_RESET_RATE_PER_IP = env_str("BEKO_PASSWORD_RESET_RATE_PER_IP", "5/h")
BEKO_PASSWORD_RESET_RATE_PER_ADDRESS = env_str("BEKO_PASSWORD_RESET_RATE_PER_ADDRESS", "3/h")
# Back-off: beyond the hourly limit, a daily one per e-mail address.
BEKO_PASSWORD_RESET_RATE_PER_ADDRESS_DAY = env_str(
    "BEKO_PASSWORD_RESET_RATE_PER_ADDRESS_DAY", "6/d"
)

# --- inquiries ---
# Limits of the public inquiry form (django-ratelimit, cache-backed: Redis in production).
BEKO_INQUIRY_RATE_PER_IP = env_str("BEKO_INQUIRY_RATE_PER_IP", "10/h")
BEKO_INQUIRY_RATE_PER_ADDRESS = env_str("BEKO_INQUIRY_RATE_PER_ADDRESS", "5/h")
BEKO_INQUIRY_ATTACHMENT_MAX_BYTES = env_int("BEKO_INQUIRY_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024)
# Retention: closed inquiries are anonymised after this many days (manage.py
# inquiries_anonymise, or the task beko.inquiries.tasks.anonymise_expired_inquiries).
# Sign-language videos are uploaded by staff and served from MEDIA_ROOT (no video platform).
BEKO_SIGN_VIDEO_MAX_BYTES = env_int("BEKO_SIGN_VIDEO_MAX_BYTES", 200 * 1024 * 1024)

BEKO_INQUIRY_RETENTION_DAYS = env_int("BEKO_INQUIRY_RETENTION_DAYS", 180)
# Inquiries never closed are anonymised after this many days without any change.
BEKO_INQUIRY_STALE_DAYS = env_int("BEKO_INQUIRY_STALE_DAYS", 365)
# "Report outdated information" entries (may hold the reporter's e-mail) are deleted after
# this many days; CSV import jobs (file names, error lists) after BEKO_IMPORT_RETENTION_DAYS.
BEKO_REPORT_RETENTION_DAYS = env_int("BEKO_REPORT_RETENTION_DAYS", 180)
BEKO_IMPORT_RETENTION_DAYS = env_int("BEKO_IMPORT_RETENTION_DAYS", 30)
# Login attempt records (username, client address) of the lockout are kept this long.
BEKO_LOGIN_LOG_RETENTION_DAYS = env_int("BEKO_LOGIN_LOG_RETENTION_DAYS", 30)
for _name in (
    "BEKO_INQUIRY_STALE_DAYS",
    "BEKO_REPORT_RETENTION_DAYS",
    "BEKO_IMPORT_RETENTION_DAYS",
    "BEKO_LOGIN_LOG_RETENTION_DAYS",
):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1.")
if BEKO_INQUIRY_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("BEKO_INQUIRY_RETENTION_DAYS must be at least 1.")
# Unanswered inquiries older than this many working days are highlighted in the queue.
BEKO_INQUIRY_SLA_WORKING_DAYS = env_int("BEKO_INQUIRY_SLA_WORKING_DAYS", 2)
# Attachments live outside MEDIA_ROOT and the static files; only staff download them.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
# `manage.py backup` writes <BACKUP_DIR>/<timestamp>/ and keeps the BACKUP_KEEP newest ones.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(VAR_DIR / "backups")))
BACKUP_KEEP = env_int("BACKUP_KEEP", 14)
if BACKUP_KEEP < 1:
    raise ImproperlyConfigured("BACKUP_KEEP must be at least 1.")
