"""Settings for Renovatieplatform, read from the environment only.

With no variables set the site runs embedded, for a laptop: SQLite under var/, the in-memory channel layer,
Celery tasks run eagerly, e-mail printed to the console. Production sets DATABASE_URL, REDIS_URL,
EMAIL_URL, SECRET_KEY and ALLOWED_HOSTS; nothing else changes.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105 - DEBUG only
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "daphne",
    "renovatie.admin.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "channels",
    "django_htmx",
    "tenants",
    "projects",
    "feedback",
    "notifications",
    "decisions",
    "advice",
    "meetings",
    "polls",
    "surveys",
    "insight",
    "privacy",
    "django_prometheus",  # operations: /metrics (see the "Operations" block below)
]

MIDDLEWARE = [
    # Operations (renovatie.health, .logcontext, .metrics): counted, given a request id, and the probes and /metrics
    # answered before host validation and the HTTPS redirect (they are asked on the container's own address).
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "renovatie.logcontext.RequestIdMiddleware",
    "renovatie.health.HealthMiddleware",
    "renovatie.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tenants.middleware.StaffTwoFactorMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",  # operations: latency by view
]
# The benchmark (bench/) asks every response for its SQL query count; never on in production.
if env.bool("QUERY_COUNT_HEADER", default=False):
    MIDDLEWARE.insert(1, "renovatie.querycount.QueryCountMiddleware")

ROOT_URLCONF = "renovatie.urls"
ASGI_APPLICATION = "renovatie.asgi.application"
WSGI_APPLICATION = None

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
                "tenants.context_processors.viewer",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Under ASGI every request runs its sync code in a thread of its own, so a "persistent" connection
    # (CONN_MAX_AGE > 0) is never reused and piles up until PostgreSQL runs out; without one, every request paid
    # for a new PostgreSQL backend (~13 ms of a 26 ms page, measured). A psycopg pool per process, shared by the
    # threads, keeps DB_POOL_MIN..DB_POOL_MAX connections open; a request waits at most DB_POOL_TIMEOUT seconds for
    # one. DB_POOL_MAX=0 turns the pool off (a connection per request). Mind PostgreSQL's max_connections (100):
    # processes × DB_POOL_MAX must stay below it.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    if env.int("DB_POOL_MAX", default=8):
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DB_POOL_MIN", default=2),
            "max_size": env.int("DB_POOL_MAX", default=8),
            "timeout": env.float("DB_POOL_TIMEOUT", default=10.0),
        }
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # The daphne process of a live-server test must find the same test database as pytest.
    DATABASES["default"]["TEST"] = {"NAME": "test_" + DATABASES["default"]["NAME"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
# A socket that a restart cut off leaves its channel in its discussion's group: every announcement went to it until
# the channel layer forgot it (a day, by default; 2,500 such members made each announcement take 30 ms). Members
# are forgotten after CHANNEL_GROUP_EXPIRY seconds; an open page renews its membership every third of that
# (renovatie/channel_groups.py).
CHANNEL_GROUP_EXPIRY = env.int("CHANNEL_GROUP_EXPIRY", default=900)
CHANNEL_GROUP_RENEWAL = CHANNEL_GROUP_EXPIRY / 3
CHANNEL_REDIS_MAX_CONNECTIONS = env.int("CHANNEL_REDIS_MAX_CONNECTIONS", default=2000)  # per web process
# How long a request waits for Redis before going on without it (seconds): cache, broker and channel layer alike.
REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=1.0)
if REDIS_URL:
    # Sessions are read from the cache, written through to the database: no session query on a page (and with
    # Redis down the cache misses, so sessions come from the database).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    # django-redis, not Django's own RedisCache: with IGNORE_EXCEPTIONS a Redis that is down is a cache miss (logged),
    # so the bell counts in SQL and pages keep loading instead of returning 500. Rate limits then fail open (below).
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # A consumer waits for its messages with BZPOPMIN for 5 s (channels-redis' brpop_timeout), and redis-py 8 reads
    # with a 5 s socket timeout by default: every idle socket then died with "Timeout reading" (seen in the
    # benchmark). The read must outlast the wait; connecting to a Redis that is down gives up after REDIS_TIMEOUT.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_timeout": 15,
                        "socket_connect_timeout": REDIS_TIMEOUT,
                        # redis-py 8 caps a pool at 100 connections and fails at once beyond that: 500 sockets that
                        # closed together left the group with errors, their memberships behind.
                        "max_connections": CHANNEL_REDIS_MAX_CONNECTIONS,
                    }
                ],
                "group_expiry": CHANNEL_GROUP_EXPIRY,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Celery: a Redis broker when REDIS_URL (or CELERY_BROKER_URL) is set; otherwise tasks run in-process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A request that queues a task while Redis is down gives up quickly (the outbox's sweeper queues it later) instead of
# retrying the publish for seconds; the worker itself keeps retrying its broker connection as usual.
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": 5 * REDIS_TIMEOUT}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BEAT_SCHEDULE = {
    "project-reminders": {"task": "projects.tasks.emit_due_reminders", "schedule": crontab(hour=7, minute=0)},
    "voting-reminders": {"task": "decisions.tasks.emit_voting_reminders", "schedule": crontab(minute=5)},
    "session-reminders": {"task": "meetings.tasks.emit_session_reminders", "schedule": crontab(hour=7, minute=10)},
    "close-due-polls": {"task": "polls.tasks.close_due_polls", "schedule": crontab(minute="*/5")},
    "monthly-pulses": {
        "task": "surveys.tasks.send_monthly_pulses",
        "schedule": crontab(day_of_month=1, hour=9, minute=0),
    },
    "notification-sweeper": {"task": "notifications.tasks.sweep_outbox", "schedule": 60.0},
    "daily-digests": {"task": "notifications.tasks.send_daily_digests", "schedule": crontab(hour=8, minute=0)},
    "weekly-digests": {
        "task": "notifications.tasks.send_weekly_digests",
        "schedule": crontab(day_of_week="monday", hour=8, minute=0),
    },
    "privacy-retention": {"task": "privacy.tasks.erase_moved_out_households", "schedule": crontab(hour=3, minute=30)},
}
# Days after a tenancy ended before the household's personal data is erased (privacy.retention).
PRIVACY_RETENTION_DAYS = env.int("PRIVACY_RETENTION_DAYS", default=730)

# --- E-mail -----------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Renovatieplatform <noreply@renovatieplatform.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Accounts ---------------------------------------------------------------------------------------
AUTH_USER_MODEL = "tenants.User"
# One backend (allauth's, extended): it signs in by e-mail or username and loads the user with their home.
AUTHENTICATION_BACKENDS = ["tenants.backends.AuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "optional"
# Tenants join by the code on their letter, never by open sign-up (see tenants.adapters).
ACCOUNT_ADAPTER = "tenants.adapters.AccountAdapter"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Renovatieplatform: "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/ip,5/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Renovatieplatform"
# Staff must set up TOTP before they can use any page. Only the embedded demo (`make run`) turns this off.
REQUIRE_STAFF_2FA = env.bool("REQUIRE_STAFF_2FA", default=True)

# Letter codes: how long a printed code stays valid, and how many wrong codes an address may try.
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=60)
INVITATION_ATTEMPT_RATE = env.str("INVITATION_ATTEMPT_RATE", default="10/15m")

# Discussions: how many flags hide a post until staff look, and how fast one person may post.
FLAGS_TO_HIDE = env.int("FLAGS_TO_HIDE", default=3)
POSTING_RATE = env.str("POSTING_RATE", default="10/5m")
# While Redis (which counts the attempts) is down, rate limits let people through rather than refusing everyone.
RATELIMIT_FAIL_OPEN = True
# Votes on a proposal and in polls: how often one person may cast or change a vote (a household rarely needs two).
VOTING_RATE = env.str("VOTING_RATE", default="10/5m")

# --- Language and time --------------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
# Dutch first, English second; Turkish and Arabic (right to left) for the largest non-Dutch groups of Utrecht's
# tenants. A string missing in tr or ar falls back to Dutch (Django falls back to LANGUAGE_CODE), never to blank.
LANGUAGES = [("nl", _("Dutch")), ("en", _("English")), ("tr", _("Turkish")), ("ar", _("Arabic"))]
# Shared strings in locale/, each app's own in <app>/locale/. Listing the apps' catalogues here (not only finding
# them as app catalogues) lets ours win over allauth's and Django's for a msgid both translate (formal "u").
LOCALE_PATHS = [BASE_DIR / "locale", *sorted(BASE_DIR.glob("*/locale"))]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "media/"

# --- Security (production defaults; DEBUG relaxes only what a laptop cannot do) -----------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True  # htmx reads the token from the page (base.html), never from the cookie
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Content Security Policy (django-csp): scripts and styles only from our own static files, no inline code, no
# eval (htmx's allowEval is off and its indicator styles live in site.css, see base.html); websockets to the same
# host only ('self' covers ws:/wss:); never framed. allauth's TOTP set-up page shows its QR code as a data: image.
# Uploaded files get a stricter policy of their own (renovatie/uploads.py).
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
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Powerful browser features the site never uses, refused for it and anything it might embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# --- Operations: logs, metrics, uploaded media on S3 (renovatie.logcontext, renovatie.metrics) ------------
# Logs: one JSON object per line on stderr (LOG_FORMAT=text for a person at a terminal; DEBUG defaults to text),
# each with the request id of the request or task it belongs to. Celery's worker keeps this configuration.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "renovatie.logcontext.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,  # ISO 8601 in UTC
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Metrics: /metrics answers only a bearer token or an allowed address (renovatie.metrics); neither set: nobody.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=[])
METRICS_CELERY_QUEUES = env.list("METRICS_CELERY_QUEUES", default=["celery"])
# Database query counts and latencies: django-prometheus's instrumented backends (same drivers, psycopg 3 included).
DATABASES["default"]["ENGINE"] = {
    "django.db.backends.postgresql": "django_prometheus.db.backends.postgresql",
    "django.db.backends.sqlite3": "django_prometheus.db.backends.sqlite3",
}.get(DATABASES["default"]["ENGINE"], DATABASES["default"]["ENGINE"])

# Uploaded media on S3-compatible storage when a bucket is named: private objects, signed URLs only (the site never
# hands out media URLs anyway: permission-checked views stream every file through the storage API).
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
            "location": env.str("AWS_LOCATION", default=""),
        },
    }
