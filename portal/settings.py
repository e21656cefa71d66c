"""Settings for Portal Netralitas ASN, read from the environment.

Every variable has an embedded default so a bare checkout runs (see README, "Configuration").
`make run` and `make test` write a local `.env` (never committed) with DEBUG on and
generated keys; production sets the variables itself and leaves DEBUG off.
"""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A local .env (never committed) fills in variables that are not set; ENV_FILE names another.
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")))

# GENERAL
# ------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105 (DEBUG only)
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])  # old keys, while rotating
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

TIME_ZONE = env("TIME_ZONE", default="Asia/Jakarta")
USE_TZ = True
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# DATABASES
# ------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False  # services open their own transactions
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction begins: of two officials acting at once the second
    # waits, then sees the new status (a clean 409), instead of failing with "database is locked".
    # Write-ahead logging: readers never wait for the writer, and a commit (a rate-limit count at
    # every look-up) appends to the log instead of syncing the database file twice.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not shared memory: only a file gives concurrent test threads real locks to wait on.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    for _database in (DATABASES["default"]["NAME"], DATABASES["default"]["TEST"]["NAME"]):
        Path(_database).parent.mkdir(parents=True, exist_ok=True)  # a fresh clone has no var/
else:
    # A connection kept per process across requests: opening one costs PostgreSQL a new backend
    # process and the worker 8-15 ms of CPU, more than a status look-up itself. Checked before
    # each request that reuses it, so a restarted database costs one failed check, not an error.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=300)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# CACHES: throttle counters live here, so production points it at Redis (DESIGN §8:
# nothing may be kept in process memory). The default is the database, shared by all
# processes of a single-machine run.
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://portal_cache")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "complaints.cache.KeptClientRedisCache"  # one client per pool

# APPS
# ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "csp",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # full-text search over OCR text; harmless on SQLite
    "rest_framework",
    "rest_framework.authtoken",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "complaints",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and JSON sent compressed (`/lapor/` is 44 KB, 9 KB compressed); Django pads each with
    # random bytes against BREACH, and its CSRF tokens are masked anew per response.
    "complaints.responses.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "complaints.language.PortalLocaleMiddleware",
    "complaints.intake.upload_guard.UploadGuardMiddleware",  # before CSRF, which reads the body
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "complaints.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "complaints.responses.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers a locked-out login
]

ROOT_URLCONF = "portal.urls"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "official-queue"
LOGOUT_REDIRECT_URL = "login"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "complaints.navigation.officials_menu",
            ],
        },
    },
]

# SECURITY
# ------------------------------------------------------------------------------
# Failed logins lock the username and the address out, each on its own, for a while: the web
# login, the admin's and the API token alike (django-axes, counted in the database).
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either alone locks
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "complaints.responses.client_address"  # the rate limits' address
AXES_LOCKOUT_CALLABLE = "complaints.responses.lockout_response"
AXES_VERBOSE = False
# Two-factor login for officials: "required" (nothing but enrolment works without it, and the
# API token needs `otp`) or "optional" (asked of officials who enrolled).
STAFF_2FA = env("STAFF_2FA", default="optional" if DEBUG else "required")
if STAFF_2FA not in ("required", "optional"):
    raise ImproperlyConfigured("STAFF_2FA must be 'required' or 'optional'.")
OTP_TOTP_ISSUER = "Portal Netralitas ASN"
# API tokens expire; a new login gives a new one.
TOKEN_TTL_HOURS = env.int("TOKEN_TTL_HOURS", default=12)
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# With DEBUG off the portal is served over HTTPS only; docs/deploy.md lists the settings.
SESSION_COOKIE_HTTPONLY = True
# An official's login lasts a working day, not Django's two weeks: a shared office computer
# left signed in must not keep reporters' cases open. Citizens' sessions hold only a receipt.
SESSION_COOKIE_AGE = env.int("SESSION_HOURS", default=10) * 3600
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", default=False) else None
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (django-csp): scripts, styles and workers from the portal only, no
# inline script or style anywhere, never framed. Images may be data: (QR codes) and blob:
# (previews of the screenshots a citizen chose, which never leave the phone before sending).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "worker-src": ["'self'"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Powerful browser features the portal never uses are off for it and anything it embeds (only
# features Chromium knows: an unknown one, such as bluetooth, is a console warning on every page).
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), interest-cohort=()"
)

# Reporter identity is encrypted with these Fernet keys (first encrypts, all decrypt), so a
# key can be rotated without touching SECRET_KEY. Generate one with
# `python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`.
FIELD_ENCRYPTION_KEY = env.list("FIELD_ENCRYPTION_KEY", default=[])
if not FIELD_ENCRYPTION_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY is required when DEBUG is off.")
    FIELD_ENCRYPTION_KEY = ["ZGV2ZWxvcG1lbnQtb25seS1rZXktbm90LWZvci11c2U="]  # DEBUG only

# STORAGE
# ------------------------------------------------------------------------------
# "evidence" is private: it has no public URL, and files are read only through
# permission-checked views. With a bucket configured, both go to S3-compatible storage.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
MEDIA_ROOT = env("MEDIA_ROOT", default=str(VAR_DIR / "media"))
MEDIA_URL = "/media/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Served at the site's root (the favicon browsers ask for), by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"

if AWS_STORAGE_BUCKET_NAME:
    _s3_options = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": AWS_S3_ENDPOINT_URL,
        "region_name": env("AWS_S3_REGION_NAME", default=None),
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    STORAGES = {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3_options, "location": "media"}},
        # Every evidence file is named under its own UUID (unique in the database), so S3 is not
        # asked whether a name is free before each upload: a round trip saved in every report.
        # One PUT per file, carrying its SHA-256 (complaints/storage_s3.py).
        "evidence": {
            "BACKEND": "complaints.storage_s3.EvidenceS3Storage",
            "OPTIONS": {**_s3_options, "location": "evidence", "file_overwrite": True},
        },
    }
else:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "evidence": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            # Outside MEDIA_ROOT, so no web server alias for media can ever reach it.
            "OPTIONS": {
                "location": env("EVIDENCE_ROOT", default=str(VAR_DIR / "evidence")),
                "base_url": "/no-public-url/",
            },
        },
    }
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG
    else "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# EMAIL
# ------------------------------------------------------------------------------
_email = env.email_url("EMAIL_URL", default=f"filemail://{VAR_DIR / 'mail'}")
if "EMAIL_FILE_PATH" in _email:  # django-environ drops the leading slash of filemail:///abs/path
    _email["EMAIL_FILE_PATH"] = "/" + _email["EMAIL_FILE_PATH"].lstrip("/")
vars().update(_email)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Portal Netralitas ASN <noreply@netralitas.localhost>")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)  # seconds; a hanging SMTP server must not hang a worker
# Absolute links in emails (the status page): tasks have no request to take the host from.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if not SITE_URL:
    raise ImproperlyConfigured("SITE_URL is required when DEBUG is off, e.g. https://lapor.example.go.id")

# CELERY
# ------------------------------------------------------------------------------
CELERY_TASK_ALWAYS_EAGER = not env("CELERY_BROKER_URL", default="")  # no broker: run tasks in process
# Without a broker, a screenshot's processing (sanitizing, OCR: seconds) runs in a thread of the
# web process after the response, not inside the citizen's request (complaints/background.py).
EVIDENCE_IN_BACKGROUND = env.bool("EVIDENCE_IN_BACKGROUND", default=True)
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://localhost/")
CELERY_RESULT_BACKEND = None
CELERY_TASK_EAGER_PROPAGATES = False  # a failed email never turns a saved report into a 500
CELERY_TASK_ACKS_LATE = True  # a worker killed mid-task leaves the task for another worker
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# With Redis, a task taken by a worker that died is handed out again after this many seconds;
# it must exceed the longest task.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Sessions hold receipts briefly; expired ones must not pile up (UU 27/2022: keep no more than needed).
    "clear-expired-sessions": {"task": "complaints.tasks.clear_expired_sessions", "schedule": 24 * 3600},
    "prune-rate-limits": {"task": "complaints.tasks.prune_rate_limits", "schedule": 24 * 3600},
    "purge-expired": {"task": "complaints.tasks.purge_expired", "schedule": crontab(hour=2, minute=0)},
    "purge-staged-uploads": {"task": "complaints.tasks.purge_staged_uploads", "schedule": 3600},
    "expire-unanswered-requests": {"task": "complaints.tasks.expire_unanswered_requests", "schedule": 3600},
    "overdue-digest": {
        "task": "complaints.tasks.send_overdue_digest",
        "schedule": crontab(hour=7, minute=0),  # each morning, before the officials' day
    },
}

# API
# ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "complaints.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "complaints.api.errors.exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "complaints.api.errors.FormatNegotiation",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Client addresses come from X-Forwarded-For only behind this many trusted proxies.
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Portal Netralitas ASN API",
    "DESCRIPTION": "Pengaduan pelanggaran netralitas ASN: laporan warga, status, dan referensi.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "OAS_VERSION": "3.1.0",  # a nullable nested object is oneOf [object, null], which validators read alike
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "complaints.models.case.Case.Status",
        "SeverityEnum": "complaints.models.case.Severity",
    },
}

# Rate limits per client address, in DRF's rate syntax ("10/hour"); shared by web and API.
SUBMIT_RATE = env("SUBMIT_RATE", default="30/hour")
LOOKUP_RATE = env("LOOKUP_RATE", default="60/min")
REPLY_RATE = env("REPLY_RATE", default="10/hour")
# Screenshots sent ahead of a report (resumable uploads, the check page): five per report.
UPLOAD_RATE = env("UPLOAD_RATE", default="200/hour")
# Proof of work on submission (complaints.intake.pow): "surge" asks it of an address past half its
# submission limit and of everyone while submissions together run above POW_SURGE_RATE;
# "always"; "off". A challenge takes about a second on a phone (POW_MAX_NUMBER hashes at most).
POW = env("POW", default="surge")
if POW not in ("surge", "always", "off"):
    raise ImproperlyConfigured("POW must be 'surge', 'always' or 'off'.")
POW_SURGE_RATE = env("POW_SURGE_RATE", default="300/hour")
POW_MAX_NUMBER = env.int("POW_MAX_NUMBER", default=50_000)
POW_EXPIRES_SECONDS = env.int("POW_EXPIRES_SECONDS", default=600)

# PUBLIC STATISTICS: a count below this is published as null ("<5"), so nobody is picked out.
PUBLIC_STATS_MIN = env.int("PUBLIC_STATS_MIN", default=5)
if PUBLIC_STATS_MIN < 2:
    raise ImproperlyConfigured("PUBLIC_STATS_MIN must be at least 2: a count of 1 names a person.")

# DASHBOARD: after the data changes, the figures computed up to this long ago are still shown while
# a task computes the new ones (complaints/oversight/snapshot.py); 0 computes them in the request.
DASHBOARD_STALE_SECONDS = env.int("DASHBOARD_STALE_SECONDS", default=60)

# EVIDENCE LIMITS (DESIGN §4)
# ------------------------------------------------------------------------------
MAX_EVIDENCE_FILES = env.int("MAX_EVIDENCE_FILES", default=5)  # screenshots per report
MAX_EVIDENCE_BYTES = env.int("MAX_EVIDENCE_BYTES", default=10 * 2**20)  # 10 MB per file
MAX_EVIDENCE_PIXELS = env.int("MAX_EVIDENCE_PIXELS", default=40_000_000)  # 40 megapixels per file
# Any request body larger than this is refused (413) before Django parses it; the proxy in
# front should refuse it too (docs/deploy.md).
MAX_REPORT_REQUEST_BYTES = MAX_EVIDENCE_FILES * MAX_EVIDENCE_BYTES + 2**20
# Screenshots within this Hamming distance of each other's perceptual hash are "similar".
SIMILAR_EVIDENCE_DISTANCE = env.int("SIMILAR_EVIDENCE_DISTANCE", default=6)
OCR_LANGUAGES = env("OCR_LANGUAGES", default="ind+eng")
OCR_TIMEOUT = env.int("OCR_TIMEOUT", default=60)  # seconds per image
# Threads Tesseract's OpenMP may use for one image. Left to itself on this 2-core machine it
# took 2.3 s for a screenshot it reads in 0.5 s with one thread (issue 14); a worker that
# processes several screenshots at once is better served by one thread each.
OCR_THREADS = env.int("OCR_THREADS", default=1)
# A screenshot may come ahead of its report, in parts of at most UPLOAD_CHUNK_BYTES (tus, so a
# dropped connection resumes), or held for the check page; unused, it is deleted after this long.
STAGED_UPLOAD_HOURS = env.int("STAGED_UPLOAD_HOURS", default=24)
UPLOAD_CHUNK_BYTES = env.int("UPLOAD_CHUNK_BYTES", default=2**20)
# All held uploads together: past this, new ones are refused and the form sends its files with the
# report, in one request, as before (a flood of unused uploads must not fill the database).
STAGED_UPLOAD_MAX_BYTES = env.int("STAGED_UPLOAD_MAX_BYTES", default=5 * 2**30)
if UPLOAD_CHUNK_BYTES > 2 * 2**20:  # Django reads a part into memory, up to DATA_UPLOAD_MAX_MEMORY_SIZE
    raise ImproperlyConfigured("UPLOAD_CHUNK_BYTES must be at most 2 MiB.")
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# RETENTION (UU 27/2022: keep personal data no longer than needed). Counted from the day a case
# was closed or rejected; `purge_expired` (daily) erases, keeps the SHA-256, records each erasure.
RETENTION_IDENTITY_DAYS = env.int("RETENTION_IDENTITY_DAYS", default=365)
RETENTION_ORIGINALS_DAYS = env.int("RETENTION_ORIGINALS_DAYS", default=1825)

# TRIAGE (DOMAIN.md)
# ------------------------------------------------------------------------------
# Deadlines per step and election type, each in working or calendar days, collective leave per
# year and each agency's response period are data an admin keeps (DeadlineRule, CollectiveLeave,
# Agency), not settings: the law and the yearly decrees change them.
# The agency's signed link stays valid this long (DESIGN §5: no accounts for agencies).
AGENCY_LINK_DAYS = env.int("AGENCY_LINK_DAYS", default=90)
# The dossier is a letter from the office that runs the portal: its letterhead (a logo file, PNG
# or SVG, optional) and who signs it. Each dossier carries a QR code and a link to
# /verifikasi/<key>/, where anyone holding it checks its SHA-256 against the one sent.
DOSSIER_INSTITUTION = env("DOSSIER_INSTITUTION", default="Portal Netralitas ASN")
DOSSIER_ADDRESS = env("DOSSIER_ADDRESS", default="")
DOSSIER_LOGO = env("DOSSIER_LOGO", default="")
DOSSIER_CITY = env("DOSSIER_CITY", default="Jakarta")
DOSSIER_SIGNATORY_NAME = env("DOSSIER_SIGNATORY_NAME", default="")
DOSSIER_SIGNATORY_TITLE = env("DOSSIER_SIGNATORY_TITLE", default="Koordinator Portal Netralitas ASN")
# The official who verified a case may not forward it (DESIGN §2).
FOUR_EYES = env.bool("FOUR_EYES", default=True)

# LOGGING: reporter identity and access codes are never logged; request bodies never are.
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},  # it reports every step of every PDF at INFO
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # it reports every login at INFO
    },
}
