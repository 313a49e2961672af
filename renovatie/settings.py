"""Settings for Renovatieplatform, read from the environment only.

With no variables set the site runs embedded, for a laptop: SQLite under var/, the in-memory channel layer,
Celery tasks run eagerly, e-mail printed to the console. Production sets DATABASE_URL, REDIS_URL,
EMAIL_URL, SECRET_KEY and ALLOWED_HOSTS; nothing else changes.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
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
]

MIDDLEWARE = [
    "renovatie.health.LivenessMiddleware",
    "django.middleware.security.SecurityMiddleware",
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
    # Under ASGI a persistent connection belongs to a request's thread and outlives it: with CONN_MAX_AGE > 0 the
    # daphne processes of the benchmark ran PostgreSQL out of connections. Django's advice: 0 under ASGI.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # The daphne process of a live-server test must find the same test database as pytest.
    DATABASES["default"]["TEST"] = {"NAME": "test_" + DATABASES["default"]["NAME"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # A consumer waits for its messages with BZPOPMIN for 5 s (channels-redis' brpop_timeout), and redis-py 8 reads
    # with a 5 s socket timeout by default: every idle socket then died with "Timeout reading" (seen in the
    # benchmark). The read must outlast the wait.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": 15}]},
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
}

# --- E-mail -----------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Renovatieplatform <noreply@renovatieplatform.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Accounts ---------------------------------------------------------------------------------------
AUTH_USER_MODEL = "tenants.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
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
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
