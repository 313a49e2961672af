"""The production shape in docker-compose.yml and deploy/: a proxy in front of several web processes, workers, one
beat, PostgreSQL and Redis, each with a health check; validated by the real compose client and by Caddy.

The two validators are installed by .ci/run (Debian's docker-compose and caddy), so in CI (CI=true) a missing
one fails the test instead of skipping it.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
CADDYFILE_TEXT = (ROOT / "deploy" / "Caddyfile").read_text()
CADDYFILE = "\n".join(line.split("#", 1)[0] for line in CADDYFILE_TEXT.splitlines())  # directives, no comments
ENV_EXAMPLE = (ROOT / ".env.example").read_text()


def tool(*candidates):
    """The first of the commands that runs here, or skip (or fail in CI, where .ci/run installs it)."""
    for command in candidates:
        if shutil.which(command[0]) and subprocess.run([*command, "version"], capture_output=True).returncode == 0:
            return list(command)
    if os.environ.get("CI"):
        pytest.fail(f"CI must have {candidates[-1][0]} (.ci/run installs it)")
    pytest.skip(f"needs {' or '.join(' '.join(c) for c in candidates)}")


def test_compose_defines_the_production_services():
    assert {"proxy", "postgres", "redis", "web", "worker", "beat"} <= set(SERVICES)


@pytest.mark.parametrize("service", ["proxy", "postgres", "redis", "web", "worker", "beat"])
def test_every_long_running_service_has_a_health_check(service):
    assert SERVICES[service]["healthcheck"]["test"]


def test_app_services_use_the_services_not_the_embedded_defaults():
    for service in ("web", "worker", "beat"):
        env = SERVICES[service]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://redis:")


@pytest.mark.django_db
def test_web_health_check_answers_plain_http_on_the_container_address(client):
    assert "http://127.0.0.1:8000/health/ready" in str(SERVICES["web"]["healthcheck"]["test"])
    assert client.get("/health/ready", HTTP_HOST="127.0.0.1:8000").status_code == 200
    assert client.get("/health/live", HTTP_HOST="127.0.0.1:8000").status_code == 200


def test_only_the_proxy_is_reachable_from_outside_and_it_spreads_over_several_web_processes():
    assert [s for s, spec in SERVICES.items() if spec.get("ports")] == ["proxy"]
    assert SERVICES["web"]["scale"] >= 2
    assert "dynamic a" in CADDYFILE and "name web" in CADDYFILE  # every web container, however many run


def test_the_proxy_serves_no_media_and_hides_the_metrics():
    assert not any("media" in volume for volume in SERVICES["proxy"].get("volumes", []))
    assert "file_server" not in CADDYFILE and "root " not in CADDYFILE
    assert "respond @metrics 404" in CADDYFILE


def test_there_is_exactly_one_beat():
    beat = SERVICES["beat"]
    assert beat.get("scale", 1) == 1 and "deploy" not in beat
    assert [s for s, spec in SERVICES.items() if " beat" in " ".join(map(str, spec.get("command", [])))] == ["beat"]


def test_real_secrets_file_is_ignored_and_an_example_is_committed():
    assert ".env" in (ROOT / ".gitignore").read_text().split()
    for variable in ("SECRET_KEY=", "POSTGRES_PASSWORD=", "METRICS_TOKEN=", "AWS_STORAGE_BUCKET_NAME="):
        assert variable in ENV_EXAMPLE


def test_docker_compose_accepts_the_file(tmp_path):
    compose = tool(("docker", "compose"), ("docker-compose",))
    # A copy with the example secrets, so a developer's real .env is neither needed nor touched.
    shutil.copy(ROOT / "docker-compose.yml", tmp_path)
    shutil.copytree(ROOT / "deploy", tmp_path / "deploy")
    (tmp_path / ".env").write_text(ENV_EXAMPLE)

    result = subprocess.run([*compose, "config", "--quiet"], cwd=tmp_path, capture_output=True, text=True)

    assert result.returncode == 0, result.stderr


def test_docker_compose_refuses_to_start_without_the_database_password(tmp_path):
    compose = tool(("docker", "compose"), ("docker-compose",))
    shutil.copy(ROOT / "docker-compose.yml", tmp_path)
    (tmp_path / ".env").write_text(ENV_EXAMPLE.replace("POSTGRES_PASSWORD=", "#"))
    env = {k: v for k, v in os.environ.items() if k != "POSTGRES_PASSWORD"}

    result = subprocess.run([*compose, "config", "--quiet"], cwd=tmp_path, capture_output=True, text=True, env=env)

    assert result.returncode != 0
    assert "set POSTGRES_PASSWORD in .env" in result.stderr


def test_caddy_accepts_the_proxy_configuration():
    caddy = tool(("caddy",))
    result = subprocess.run(
        [*caddy, "validate", "--adapter", "caddyfile", "--config", str(ROOT / "deploy" / "Caddyfile")],
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_ADDRESS": "renovatie.example.nl"},
    )
    assert result.returncode == 0, result.stderr
    assert "Valid configuration" in result.stdout + result.stderr
