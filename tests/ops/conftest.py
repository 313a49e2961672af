"""Real servers for the scale-out, failure and backup tests: the platform's processes (daphne, a Celery worker)
on a database of their own that every process sees, and, for the failure tests, a Redis and a PostgreSQL of their
own to stop and start (never the machine's shared ones, which other test runs use at the same moment)."""

import json
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
import redis
from django.conf import settings

from bench.servers import (
    BIN,
    ROOT,
    database_named,
    drop_database,
    free_port,
    manage,
    recreate_database,
    start_celery_worker,
    start_daphne,
    stop,
    wait_until_live,
)

from .clusters import OwnPostgres, OwnRedis


def ops_database_prefix():
    return settings.DATABASES["default"]["TEST"]["NAME"]


def server_environment(database_url, redis_url, media_root, **extra):
    """What docker-compose gives a web or worker process: production settings, configured from the environment."""
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "ops-test-secret-key-not-for-production",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "REQUIRE_STAFF_2FA": "0",
        "MEDIA_ROOT": str(media_root),
        "LOG_LEVEL": "WARNING",
        "EMAIL_URL": "consolemail://",
        **extra,
    }


@pytest.fixture(scope="session")
def world_template(tmp_path_factory):
    """A migrated database with tests/ops/world.py's world, made once per run and copied for each test."""
    url = database_named(os.environ["DATABASE_URL"], ops_database_prefix() + "_ops_template")
    media = tmp_path_factory.mktemp("ops-media")
    env = server_environment(url, settings.REDIS_URL, media, CELERY_BROKER_URL="memory://")
    manage(env, "collectstatic", "--noinput", "-v0")  # DEBUG off serves the collected, hashed files
    recreate_database(url)
    manage(env, "migrate", "--noinput", "-v0")
    made = subprocess.run(
        [BIN / "python", "-m", "tests.ops.world"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    yield url, json.loads(made.stdout.splitlines()[-1]), media
    drop_database(url)


@contextmanager
def world_copy(world_template, folder, suffix="_scaleout"):
    """(database url, world, media folder): a copy of the template that the servers and the test all see."""
    template_url, world, template_media = world_template
    name = ops_database_prefix() + suffix
    url = database_named(template_url, name)
    drop_database(url)
    with psycopg.connect(database_named(url, "postgres"), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{ops_database_prefix()}_ops_template"')
    media = folder / "media"
    shutil.copytree(template_media, media)
    try:
        yield url, world, media
    finally:
        drop_database(url)


@pytest.fixture
def world_database(world_template, tmp_path):
    with world_copy(world_template, tmp_path) as copy:
        yield copy


@contextmanager
def web_servers(env, count=1):
    """`count` daphne processes, each on its own free port; yields their base addresses."""
    ports = [free_port() for _ in range(count)]
    processes = [start_daphne(env, port=port) for port in ports]
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base in bases:
            assert wait_until_live(base, timeout=30), f"{base} did not start"
        yield bases
    finally:
        stop(processes)


@contextmanager
def celery_worker(env):
    worker = start_celery_worker(env)
    try:
        yield worker
    finally:
        stop([worker])


@pytest.fixture
def own_redis(tmp_path):
    server = OwnRedis(tmp_path / "redis")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def own_postgres():
    with tempfile.TemporaryDirectory(prefix="ops-pg-") as folder:
        server = OwnPostgres(Path(folder))
        try:
            server.create()
            yield server
        finally:
            server.destroy()


def shared_redis_url():
    return settings.REDIS_URL


def flush(url):
    redis.Redis.from_url(url).flushdb()


def wait_for(predicate, timeout=15, every=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    return predicate()
