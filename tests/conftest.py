"""Suite-wide fixtures and the rule that service and browser tests may not skip in CI.

Tests marked `services` need PostgreSQL and Redis (DATABASE_URL, REDIS_URL); tests marked `browser` need the
system Chromium. Without them such tests skip, unless REQUIRE_SERVICES=1 / REQUIRE_BROWSER=1 (as in
.ci/run): then a missing service or browser stops the run with an error before any test runs.
"""

import os
import shutil

import pytest
from django.conf import settings

# The websocket tests' fixtures (channel_layer over memory and Redis, worker_connection_closed).
pytest_plugins = ["tests.sockets"]


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def _missing_services():
    missing = []
    if not settings.DATABASES["default"]["ENGINE"].endswith(".postgresql"):  # Django's, or django-prometheus's
        missing.append("PostgreSQL (set DATABASE_URL)")
    if not settings.REDIS_URL:
        missing.append("Redis (set REDIS_URL)")
    else:
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
        except redis.RedisError as error:
            missing.append(f"Redis at {settings.REDIS_URL} ({error})")
    return missing


def pytest_collection_modifyitems(config, items):
    wants_services = any(item.get_closest_marker("services") for item in items)
    wants_browser = any(item.get_closest_marker("browser") for item in items)
    missing = _missing_services() if wants_services else []
    if missing and os.environ.get("REQUIRE_SERVICES") == "1":
        raise pytest.UsageError("REQUIRE_SERVICES=1 but missing: " + "; ".join(missing))
    if wants_browser and not chromium_path() and os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError("REQUIRE_BROWSER=1 but no Chromium found (set CHROMIUM_PATH)")
    for item in items:
        if item.get_closest_marker("services") and missing:
            item.add_marker(pytest.mark.skip(reason="needs " + ", ".join(missing)))
        if item.get_closest_marker("browser") and not chromium_path():
            item.add_marker(pytest.mark.skip(reason="needs the system Chromium"))


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Rate-limit counters and other cached state never leak from one test into the next."""
    from django.core.cache import cache

    from feedback.live_fragments import forget_announced

    cache.clear()
    forget_announced()  # a flushed table hands out an event id again (SQLite): never serve the old one's rendering
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings):
    """Production stores static files with a manifest that collectstatic writes; tests serve them straight from
    the apps' and project's static folders instead (the live server does that too), so no test needs a build."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests make many accounts; the production hasher would spend most of the run on them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
