"""Starting the platform as production runs it, shared by the benchmark and the scale-out and failure tests:
a fresh PostgreSQL database migrated with manage.py, daphne processes, a Celery worker, waiting until they serve."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def manage(env, *args):
    subprocess.run([BIN / "python", "manage.py", *args], cwd=ROOT, env=env, check=True)


def database_named(database_url, name):
    """The same server as `database_url`, another database."""
    return urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))


def recreate_database(database_url):
    """Drop (disconnecting whoever uses it) and create the database of `database_url`, empty."""
    name = urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(database_named(database_url, "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(database_url):
    name = urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(database_named(database_url, "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_daphne(env, *, port=None, fd=None):
    """One daphne process on its own port, or on a listening socket shared with others (`fd`)."""
    where = ["--fd", str(fd)] if fd is not None else ["-b", "127.0.0.1", "-p", str(port)]
    command = [BIN / "daphne", "-v", "0", *where, "--proxy-headers", "renovatie.asgi:application"]
    return subprocess.Popen(command, cwd=ROOT, env=env, pass_fds=[fd] if fd is not None else [])


def start_celery_worker(env):
    command = [BIN / "celery", "-A", "renovatie", "worker", "--concurrency", "1", "--loglevel", "WARNING"]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def wait_until_live(base, timeout=60):
    """True once `base`/health/live answers 200, False after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/health/live", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def stop(processes, timeout=30):
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
