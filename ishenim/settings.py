"""Ishenim settings: one file, read from the environment with safe defaults."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    return os.environ.get(name, str(default)).strip().lower() in ("1", "true", "yes", "on")


def envint(name, default):
    return int(os.environ.get(name, default))


def envlist(name, default=""):
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# Production mode: `ISHENIM_PRODUCTION=1` turns on every deploy-time protection.
PRODUCTION = envbool("ISHENIM_PRODUCTION", False)
DEBUG = envbool("DEBUG", False) and not PRODUCTION


def _secret_key():
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    if PRODUCTION:
        raise RuntimeError("SECRET_KEY must be set in production")
    # Development: a random key kept in var/, so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        import secrets

        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", SITE_URL if PRODUCTION else "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "huey.contrib.djhuey",
    "schools",
    "accounts",
    "vault",
    "audit",
    "journal",
    "intake",
    "board",
    "commission",
    "openings",
    "reports",
    "notify",
    "triage",
    "urgent",
    "search",
    "backups",
    "jobs",
]

MIDDLEWARE = [
    "ishenim.middleware.freeze_loaded_objects",
    "django.middleware.security.SecurityMiddleware",
    # Compresses last, whatever the layers below added; public pages only (see the module).
    "ishenim.compression.PublicCompressionMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ishenim.middleware.security_headers",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "ishenim.middleware.staff_language",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "vault.middleware.vault_cookie",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ishenim.urls"
WSGI_APPLICATION = "ishenim.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ishenim.context_processors.staff",
                "ishenim.context_processors.languages",
                "notify.context_processors.mail_outage",
            ],
        },
    },
]

# Database: SQLite (WAL, busy timeout, immediate transactions) unless DATABASE_URL is set.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", VAR_DIR / "ishenim.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("CACHE_URL", "").startswith("redis"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        }
    }

# Task queue: huey on SQLite by default (no server), on Redis when HUEY_REDIS_URL is set.
HUEY = {
    "name": "ishenim",
    "immediate": envbool("HUEY_IMMEDIATE", False),
    "consumer": {"workers": envint("HUEY_WORKERS", 2), "worker_type": "thread"},
}
if os.environ.get("HUEY_REDIS_URL"):
    HUEY.update({"huey_class": "huey.RedisHuey", "url": os.environ["HUEY_REDIS_URL"]})
else:
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "tasks.sqlite3")})

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff-home"

LANGUAGE_CODE = "ky"
# Each language named in its own script, as the switch shows it.
LANGUAGES = [("ky", "Кыргызча"), ("ru", "Русский"), ("uz", "Oʻzbekcha"), ("en", "English")]
# Offered to authors only (pupils of the south's Uzbek-speaking schools); staff pages speak
# Kyrgyz instead (ishenim.middleware.staff_language).
AUTHOR_ONLY_LANGUAGES = ("uz",)
STAFF_FALLBACK_LANGUAGE = "ky"
STAFF_PATH_PREFIXES = ("/staff/", "/health/")
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Asia/Bishkek"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True  # serve from the apps in development and tests, no collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# Sessions: short, and the vault key for staff/author secrets lives only in a cookie.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 4 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
AUTHOR_SESSION_SECONDS = envint("AUTHOR_SESSION_SECONDS", 20 * 60)
# How long a receipt stays sealed under its form's token, for a second tap on Send.
PENDING_RECEIPT_SECONDS = envint("PENDING_RECEIPT_SECONDS", 5 * 60)

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # no-referrer makes Chrome send "Origin: null" and fail CSRF
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

# Mail: real SMTP via the usual Django settings; the console in development.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ishenim@localhost")

# Logging: never the client address (runserver's format has none; gunicorn: no access log).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request errors would print the whole request (with the client address): path only.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # Named so that Django's default handlers leave it: its AdminEmailHandler would mail a
        # report with the whole request (address, browser) the day ADMINS is filled in.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "huey": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "mail.log": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# --- Ishenim's own limits (DESIGN.md §6: every limit is a setting) ---
APPEAL_TEXT_MAX = envint("APPEAL_TEXT_MAX", 5000)
ATTACHMENT_MAX_BYTES = envint("ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024)
# Pictures above this many pixels are refused before decoding (40 MP: a 12–24 MP phone photo
# passes; decoding one costs about 4 bytes a pixel, several times over while re-encoding).
IMAGE_MAX_PIXELS = envint("IMAGE_MAX_PIXELS", 40_000_000)
FILE_UPLOAD_MAX_MEMORY_SIZE = ATTACHMENT_MAX_BYTES + 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = ATTACHMENT_MAX_BYTES + 1024 * 1024
# Wrong receipt codes per window: per author session, per attempt source (a school router
# carries a whole class), and the installation-wide count past which each source gets only
# CHECK_FAILURES_PER_SOURCE_UNDER_ATTACK tries (back-off; never a school-wide lock-out).
CHECK_FAILURES_PER_SESSION = envint("CHECK_FAILURES_PER_SESSION", 5)
CHECK_FAILURES_PER_SOURCE = envint("CHECK_FAILURES_PER_SOURCE", 20)
CHECK_FAILURES_GLOBAL_WINDOW = envint("CHECK_FAILURES_GLOBAL_WINDOW", 1000)
CHECK_FAILURES_PER_SOURCE_UNDER_ATTACK = envint("CHECK_FAILURES_PER_SOURCE_UNDER_ATTACK", 2)
CHECK_WINDOW_SECONDS = envint("CHECK_WINDOW_SECONDS", 600)
# Finding 11: a letter is never refused (a prankster must not silence a school), but past
# this many letters in the window from one session or one attempt source (a short-lived keyed
# hash, ishenim/throttle.py) it is marked as a possible flood: grouped on the journal page;
# urgent ones still alert. A source allows more: a class behind one school router.
SUBMISSIONS_BEFORE_FLOOD_PER_SESSION = envint("SUBMISSIONS_BEFORE_FLOOD_PER_SESSION", 5)
SUBMISSIONS_BEFORE_FLOOD_PER_SOURCE = envint("SUBMISSIONS_BEFORE_FLOOD_PER_SOURCE", 20)
SUBMISSION_FLOOD_WINDOW_SECONDS = envint("SUBMISSION_FLOOD_WINDOW_SECONDS", 600)
# Wrong passwords per attempt source and login (and per source over all logins) before a
# 15-minute pause for that source: the account itself is never locked (issue 13, finding 13).
STAFF_LOGIN_FAILURES = envint("STAFF_LOGIN_FAILURES", 5)
STAFF_LOGIN_FAILURES_PER_SOURCE = envint("STAFF_LOGIN_FAILURES_PER_SOURCE", 30)
# Behind a proxy: the name of the request header in which nginx passes the client's address.
# Only ishenim/throttle.py reads the address, hashes it with a pepper that lives for an hour and
# keeps the hash in the cache for minutes; it is never stored or logged (DESIGN.md §4).
SOURCE_ADDRESS_HEADER = os.environ.get("SOURCE_ADDRESS_HEADER", "")

# Argon2id cost for key wrapping under staff passwords and the recovery key (lower in tests).
# Each wrap stores the parameters it was made with: changing these locks nobody out, and a
# staff member's wraps move to the new cost at their next login.
VAULT_OPSLIMIT = envint("VAULT_OPSLIMIT", 3)
VAULT_MEMLIMIT = envint("VAULT_MEMLIMIT", 64 * 1024 * 1024)
# Argon2id cost for receipt codes: cheaper (about 10–15 ms on one core) because the secret is
# not a password a person chose but 16 random digits, about 53 bits; with the rate limits in
# front (CHECK_*: a few tries per source and window), guessing online is hopeless, and offline
# (from a stolen database) 2^53 hashes of 10 ms each is about 3 million CPU-years. The check
# page must stay quick on a small shared machine. Each receipt keeps the parameters it was
# made with, so changing these never makes an old code stop working.
RECEIPT_OPSLIMIT = envint("RECEIPT_OPSLIMIT", 2)
RECEIPT_MEMLIMIT = envint("RECEIPT_MEMLIMIT", 16 * 1024 * 1024)

# The audit chains' anchor (audit/anchor.py): the Ed25519 key that signs the daily checkpoints
# lives outside the database (AUDIT_SIGNING_KEY, 64 hex digits, or this file, made on first
# use), and every checkpoint is also appended to a file beside the backups.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
AUDIT_SIGNING_KEY_FILE = Path(
    os.environ.get("AUDIT_SIGNING_KEY_FILE", VAR_DIR / "audit_signing_key")
)
AUDIT_ANCHOR_FILE = Path(
    os.environ.get("AUDIT_ANCHOR_FILE", BACKUP_DIR / "audit-checkpoints.jsonl")
)

# National help lines shown to authors (DESIGN.md §5). Numbers change: keep them a setting.
HELP_LINES = [
    ("111", "help_children"),
    ("112", "help_emergency"),
    ("102", "help_police"),
    ("103", "help_ambulance"),
]

# Telegram alerts (notify/telegram.py): opt-in per staff member; no token, no channel.
TELEGRAM_BOT_TOKEN = os.environ.get("TELEGRAM_BOT_TOKEN", "")
TELEGRAM_BOT_NAME = os.environ.get("TELEGRAM_BOT_NAME", "")  # shown to staff: whom to write
TELEGRAM_API_BASE = os.environ.get("TELEGRAM_API_BASE", "https://api.telegram.org")

# The test suite: fast hashes, tasks run inline, mail kept in memory.
TESTING = len(os.sys.argv) > 1 and os.sys.argv[1] == "test"
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    VAULT_OPSLIMIT = 1
    VAULT_MEMLIMIT = 8 * 1024
    RECEIPT_OPSLIMIT = 1
    RECEIPT_MEMLIMIT = 8 * 1024
    HUEY["immediate"] = True
    TELEGRAM_BOT_TOKEN = ""  # never the real bot: tests that need one run a local fake
    MEDIA_ROOT = VAR_DIR / "test-media"
    AUDIT_SIGNING_KEY_FILE = VAR_DIR / "test-audit-signing-key"
    AUDIT_ANCHOR_FILE = VAR_DIR / "test-audit-checkpoints.jsonl"
    if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        # A file, not memory: the confidentiality tests read the database's bytes.
        DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
        # No WAL in tests: the parallel runner copies the database file, not its -wal file.
        DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA synchronous=OFF;"
