"""A Redis and a PostgreSQL of the test's own, on free ports in a temporary folder, to stop and start at will.

The failure tests must not stop the machine's shared servers: other test runs use them at the same time, and a
test that died half-way would leave them down for everyone. These are real servers all the same (the same
binaries), just private to one test. PostgreSQL's initdb refuses to run as root, so as root (CI) the cluster
belongs to the `postgres` user and its commands run through `runuser`.
"""

import glob
import os
import shutil
import subprocess
import time

import redis

from bench.servers import free_port

# Debian's server binaries (initdb, pg_ctl) are not on PATH: the newest installed version's folder.
POSTGRES_BIN = (sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb")) or ["/usr/lib/postgresql/15/bin/initdb"])[-1][:-7]


class OwnRedis:
    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder),
             "--save", "", "--appendonly", "no", "--logfile", str(self.folder / "redis.log")],
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server on port {self.port} did not start")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


class OwnPostgres:
    def __init__(self, folder):
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/renovatie"

    def _run(self, *command):
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*as_postgres, *command], check=True, capture_output=True, cwd=self.folder)

    def create(self):
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(f"{POSTGRES_BIN}/initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")
        self.start()
        self._run(f"{POSTGRES_BIN}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "renovatie")

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(f"{POSTGRES_BIN}/pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
                  "-w", "start")  # fmt: skip

    def stop(self, mode="fast"):
        self._run(f"{POSTGRES_BIN}/pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self):
        self.stop()
        self.start()

    def destroy(self):
        if (self.data / "postmaster.pid").exists():
            self.stop(mode="immediate")
