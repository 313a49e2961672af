import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-key-with-enough-entropy-1234567890",
    "ALLOWED_HOSTS": "renovatie.example.nl",
    "DATABASE_URL": "postgres://app@db.example.nl/renovatie",
    "REDIS_URL": "redis://redis.example.nl:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.nl:587",
}


def _manage(*args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "SECURE_SSL_REDIRECT"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_deploy_check_is_clean_with_production_variables():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_site_refuses_to_start_without_secret_key_when_debug_is_off():
    result = _manage("check", env={"ALLOWED_HOSTS": "example.nl"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_interface_is_dutch_first_in_amsterdam_time():
    assert settings.LANGUAGE_CODE == "nl"
    assert [code for code, _ in settings.LANGUAGES] == ["nl", "en", "tr", "ar"]
    assert settings.TIME_ZONE == "Europe/Amsterdam"


@pytest.mark.services
def test_ci_runs_on_postgresql_redis_and_a_real_broker():
    assert connection.vendor == "postgresql"
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
