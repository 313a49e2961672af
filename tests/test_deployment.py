"""The production shape in docker-compose.yml: every long-running service has a health check."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_defines_the_production_services():
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(COMPOSE["services"])


@pytest.mark.parametrize("service", ["postgres", "redis", "web", "worker", "beat"])
def test_every_long_running_service_has_a_health_check(service):
    assert COMPOSE["services"][service]["healthcheck"]["test"]


def test_app_services_use_the_services_not_the_embedded_defaults():
    for service in ("web", "worker", "beat"):
        env = COMPOSE["services"][service]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://redis:")


def test_web_health_check_answers_plain_http_on_the_container_address(client):
    response = client.get("/health/live", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    assert "/health/live" in str(COMPOSE["services"]["web"]["healthcheck"]["test"])


def test_real_secrets_file_is_ignored_and_an_example_is_committed():
    assert ".env" in (ROOT / ".gitignore").read_text().split()
    assert "SECRET_KEY=" in (ROOT / ".env.example").read_text()


@pytest.mark.skipif(
    subprocess.run(["docker", "compose", "version"], capture_output=True).returncode != 0
    if shutil.which("docker")
    else True,
    reason="needs the docker compose client",
)
def test_docker_compose_accepts_the_file(tmp_path):
    env_file = ROOT / ".env"
    created = not env_file.exists()
    if created:
        env_file.write_text((ROOT / ".env.example").read_text())
    try:
        result = subprocess.run(["docker", "compose", "config", "--quiet"], cwd=ROOT, capture_output=True, text=True)
    finally:
        if created:
            env_file.unlink()
    assert result.returncode == 0, result.stderr
