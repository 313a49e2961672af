"""`make bench` / `make bench-quick`: build Mitros-scale data, serve it as production would, load it, report.

1. A fresh PostgreSQL database (`renovatie_bench` on the server of DATABASE_URL, default this machine's), migrated
   and filled by bench/generate.py at --scale (1 = Mitros, 0.1 = bench-quick).
2. --workers daphne processes sharing one listening socket (DEBUG off, the Redis channel layer, static files
   collected, QUERY_COUNT_HEADER on) and one Celery worker, as docker-compose runs them.
3. bench/load.py from this process: 20 people per page for --duration seconds each, each reading 1–3 s between
   requests (--think; 0 = as fast as possible, the capacity), then --clients websockets.
4. bench/results.json (scale 1; other scales bench/results-quick.json) and a table: p50/p95/p99, requests per
   second, errors, SQL queries per request, peak resident memory per server process, broadcast p50/p95 — each
   checked against the targets of issue 8, and the query counts against the other scale's latest run.
"""

import argparse
import asyncio
import json
import os
import platform
import socket
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.load import run_load
from bench.servers import BIN, ROOT, manage, recreate_database, start_celery_worker, start_daphne, stop, wait_until_live

RESULTS = ROOT / "bench" / "results.json"  # `make bench`, scale 1: the figures the README shows
QUICK_RESULTS = ROOT / "bench" / "results-quick.json"  # any other scale (`make bench-quick`: 0.1)
TARGETS = {"page_p95_ms": 100, "write_p95_ms": 150, "queries": 15, "broadcast_p95_ms": 500, "rss_mb": 200}


def bench_database_url():
    base = urlsplit(os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres")
    if not base.scheme.startswith("postgres"):
        raise SystemExit("The benchmark runs on PostgreSQL: set DATABASE_URL to a PostgreSQL server.")
    return urlunsplit(base._replace(path="/renovatie_bench"))


def server_environment(database_url):
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-secret-key-not-for-production",
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/8"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "REQUIRE_STAFF_2FA": "0",  # the staff session is made directly; the check itself still runs per request
        "POSTING_RATE": "100000/1m",  # twenty people posting as fast as they can are not spammers here
        "VOTING_RATE": "100000/1m",  # nor are twenty people changing their votes in a loop
        "QUERY_COUNT_HEADER": "1",
        "LOG_LEVEL": "WARNING",
    }


def fresh_database(env, scale):
    recreate_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "-v0")
    started = time.monotonic()
    subprocess.run([BIN / "python", "-m", "bench.generate", "--scale", str(scale)], cwd=ROOT, env=env, check=True)
    return round(time.monotonic() - started, 1)


def start_servers(env, workers, port):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(2048)
    listener.set_inheritable(True)
    servers = [start_daphne(env, fd=listener.fileno()) for _ in range(workers)]
    worker = start_celery_worker(env)
    if wait_until_live(f"http://127.0.0.1:{port}"):
        return listener, servers, worker
    stop([*servers, worker])
    raise SystemExit("the benchmark servers did not start within a minute")


def peak_rss_mb(pid):
    """The process's peak resident set (VmHWM) in MB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def results_path(scale):
    return RESULTS if scale == 1 else QUICK_RESULTS


def same_queries_at_less_data(results, other):
    """Whether each page costs the same queries as in the other run (the other scale), where both measured it."""
    theirs = {page["page"]: page["queries"] for page in other["pages"]}
    differing = [
        page["page"]
        for page in results["pages"]
        if page["method"] == "GET" and theirs.get(page["page"]) is not None and page["queries"] != theirs[page["page"]]
    ]
    return (f"same queries per page at scale {other['scale']} as at {results['scale']}", not differing)


def verdicts(results, other=None):
    checks = []
    for page in results["pages"]:
        limit = TARGETS["write_p95_ms"] if page["method"] == "POST" else TARGETS["page_p95_ms"]
        checks.append((f"{page['page']}: p95 ≤ {limit} ms", page["p95_ms"] <= limit))
        checks.append((f"{page['page']}: no errors", page["errors"] == 0))
        if page["queries"] is not None and page["method"] == "GET":  # the query target is for pages
            checks.append((f"{page['page']}: ≤ {TARGETS['queries']} queries", page["queries"] <= TARGETS["queries"]))
    broadcast = results["broadcast"]
    checks.append(
        (
            f"broadcast to {broadcast['clients']}: p95 ≤ {TARGETS['broadcast_p95_ms']} ms, none lost",
            broadcast["p95_ms"] is not None
            and broadcast["p95_ms"] <= TARGETS["broadcast_p95_ms"]
            and not broadcast["lost"],
        )
    )
    if other is not None and other["scale"] != results["scale"]:
        checks.append(same_queries_at_less_data(results, other))
    for pid, rss in results["peak_rss_mb"].items():
        checks.append(
            (f"server {pid}: ≤ {TARGETS['rss_mb']} MB resident", rss is not None and rss <= TARGETS["rss_mb"])
        )
    return [{"target": target, "met": met} for target, met in checks]


def table(results):
    lines = [
        f"{'page':<24} {'p50':>7} {'p95':>7} {'p99':>7} {'req/s':>7} {'errors':>6} {'queries':>7}",
    ]
    for page in results["pages"]:
        lines.append(
            f"{page['page']:<24} {page['p50_ms']:>7} {page['p95_ms']:>7} {page['p99_ms']:>7} {page['rps']:>7}"
            f" {page['errors']:>6} {page['queries'] if page['queries'] is not None else '–':>7}"
        )
    broadcast = results["broadcast"]
    lines.append(
        f"broadcast to {broadcast['connected']}/{broadcast['clients']} websockets: p50 {broadcast['p50_ms']} ms,"
        f" p95 {broadcast['p95_ms']} ms, max {broadcast['max_ms']} ms, lost {broadcast['lost']}"
    )
    lines.append(
        "peak resident memory per server process (MB): " + ", ".join(map(str, results["peak_rss_mb"].values()))
    )
    lines += [f"{'met' if check['met'] else 'MISSED':>6}  {check['target']}" for check in results["targets"]]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load per page")
    parser.add_argument("--workers", type=int, default=3, help="daphne processes")
    parser.add_argument("--clients", type=int, default=500, help="websocket clients for the broadcast")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--reuse", action="store_true", help="keep the data of the previous run")
    parser.add_argument(
        "--think",
        default="1-3",
        help="seconds each person reads between requests, as 'min-max' (default 1-3); 0 measures capacity instead",
    )
    options = parser.parse_args()
    think = tuple(float(part) for part in options.think.split("-")) if options.think != "0" else (0.0, 0.0)

    env = server_environment(bench_database_url())
    generation = None if options.reuse else fresh_database(env, options.scale)
    manage(env, "collectstatic", "--noinput", "-v0")
    world = json.loads((ROOT / "bench" / "var" / "world.json").read_text())
    listener, servers, worker = start_servers(env, options.workers, options.port)
    try:
        load = asyncio.run(
            run_load(f"http://127.0.0.1:{options.port}", world, options.duration, options.clients, think)
        )
        rss = {server.pid: peak_rss_mb(server.pid) for server in servers}
    finally:
        stop([*servers, worker])
        listener.close()
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.node()}: {os.cpu_count()} cores, {platform.platform()}",
        "scale": world["scale"],
        "data": world["counts"],
        "generation_seconds": generation,
        "workers": options.workers,
        "users_per_page": 20,
        "think_seconds": list(think),
        "duration_per_page_s": options.duration,
        **load,
        "peak_rss_mb": rss,
    }
    written, other = results_path(world["scale"]), results_path(1 if world["scale"] != 1 else 0.1)
    results["targets"] = verdicts(results, json.loads(other.read_text()) if other.exists() else None)
    written.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"\nwritten to {written.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
