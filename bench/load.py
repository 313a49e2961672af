"""The load: 20 simulated people per page for a fixed time, and a broadcast to 500 websocket clients.

A small asyncio client (aiohttp) in its own process, so the load generator does not share the servers'
interpreter. Each person has their own signed-in session (bench/generate.py made them). Per page it records
every request's latency, its status and the X-Query-Count header the benchmark server adds.
"""

import asyncio
import random
import statistics
import time

import aiohttp

CSRF = "benchcsrftokenbenchcsrftoken0000"  # a 32-character CSRF secret, sent as cookie and header alike
USERS = 20


def percentile(values, share):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def pages(world):
    """(label, method, path, form data or None, signed in as "tenant" or "staff") for every measured page."""
    slug, proposal = world["project"], world["proposal"]
    thread, opening = world["thread_2000"], world["thread_2000_opening"]
    return [
        ("Mijn renovatie", "GET", "/mijn-renovatie/", None, "tenant"),
        ("project page", "GET", f"/projecten/{slug}/", None, "tenant"),
        ("thread, 2,000 replies", "GET", f"/gesprekken/{thread}/", None, "tenant"),
        ("proposal page", "GET", f"/projecten/{slug}/voorstellen/{proposal}/", None, "tenant"),
        ("staff dashboard", "GET", f"/beheer/projecten/{slug}/", None, "staff"),
        ("post a reply", "POST", f"/gesprekken/{thread}/bericht/{opening}/reageren/", "reply", "tenant"),
        ("cast a vote", "POST", f"/projecten/{slug}/voorstellen/{proposal}/stemmen/", "vote", "tenant"),
    ]


def session_for(base, key):
    jar = aiohttp.CookieJar(unsafe=True)
    jar.update_cookies({"sessionid": key, "csrftoken": CSRF}, response_url=aiohttp.client.URL(base))
    return aiohttp.ClientSession(
        base_url=base,
        cookie_jar=jar,
        headers={"X-CSRFToken": CSRF, "Referer": base + "/", "Accept-Language": "nl"},
        timeout=aiohttp.ClientTimeout(total=30),
    )


async def measure(base, world, page, duration, think=(1.0, 3.0)):
    """20 people on one page: each arrives within the first `think` interval, asks, reads for `think` seconds
    (uniform; (0, 0) for as fast as possible, all at once), asks again. With people reading, latency is what a
    person waits; without, the table shows the servers' capacity."""
    label, method, path, form, who = page
    latencies, queries, errors, statuses = [], [], 0, {}
    ok = 302 if method == "POST" else 200
    deadline = time.monotonic() + duration

    async def person(number):
        nonlocal errors
        key = world["staff_session"] if who == "staff" else world["tenant_sessions"][number]
        async with session_for(base, key) as client:
            turn = 0
            if think[1]:  # people arrive one by one, as they would, not all in the same millisecond
                await asyncio.sleep(random.uniform(0, think[1]))
            while time.monotonic() < deadline:
                turn += 1
                data = None
                if form == "reply":
                    data = {"body": f"Bench-reactie {number}-{turn}: hier ook tocht bij het raam."}
                elif form == "vote":
                    data = {"choice": "agree" if (number + turn) % 3 else "disagree"}
                started = time.perf_counter()
                async with client.request(method, path, data=data, allow_redirects=False) as response:
                    await response.read()
                latencies.append((time.perf_counter() - started) * 1000)
                statuses[response.status] = statuses.get(response.status, 0) + 1
                if response.status != ok:
                    errors += 1
                if "X-Query-Count" in response.headers:
                    queries.append(int(response.headers["X-Query-Count"]))
                if think[1]:
                    await asyncio.sleep(min(random.uniform(*think), max(0, deadline - time.monotonic())))

    started = time.monotonic()
    await asyncio.gather(*(person(number) for number in range(USERS)))
    elapsed = time.monotonic() - started
    return {
        "page": label,
        "method": method,
        "path": path,
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "errors": errors,
        "statuses": statuses,
        "queries": max(queries) if queries else None,
    }


async def first_message(socket):
    """The moment the next message arrives, or None after ten seconds."""
    try:
        await asyncio.wait_for(socket.receive(), timeout=10)
    except TimeoutError:
        return None
    return time.perf_counter()


async def drain(socket):
    while True:
        try:
            await asyncio.wait_for(socket.receive(), timeout=0.05)
        except TimeoutError:
            return


async def broadcast(base, world, clients, rounds=5):
    """Connect `clients` websockets to the project's discussion, post a reply, time its arrival at each."""
    slug, thread, opening = world["project"], world["thread_2000"], world["thread_2000_opening"]
    keys = world["tenant_sessions"]
    sessions = [session_for(base, keys[number % len(keys)]) for number in range(clients)]
    sockets = []
    try:
        for session in sessions:
            sockets.append(await session.ws_connect(f"/ws/gesprekken/project/{slug}/", origin=base, heartbeat=None))
        await asyncio.sleep(2)
        await asyncio.gather(*(drain(socket) for socket in sockets))  # whatever a connection sent to catch up
        arrivals, lost = [], 0
        async with session_for(base, keys[0]) as poster:
            for turn in range(rounds):
                waiting = [asyncio.create_task(first_message(socket)) for socket in sockets]
                await asyncio.sleep(0.2)
                sent = time.perf_counter()
                async with poster.post(
                    f"/gesprekken/{thread}/bericht/{opening}/reageren/",
                    data={"body": f"Broadcast {turn}"},
                    allow_redirects=False,
                ) as response:
                    await response.read()
                for moment in await asyncio.gather(*waiting):
                    if moment is None:
                        lost += 1
                    else:
                        arrivals.append((moment - sent) * 1000)
                await asyncio.sleep(1)
                await asyncio.gather(*(drain(socket) for socket in sockets))  # a reply sends several messages
        return {
            "clients": clients,
            "connected": len(sockets),
            "rounds": rounds,
            "p50_ms": round(percentile(arrivals, 0.50), 1) if arrivals else None,
            "p95_ms": round(percentile(arrivals, 0.95), 1) if arrivals else None,
            "max_ms": round(max(arrivals), 1) if arrivals else None,
            "mean_ms": round(statistics.mean(arrivals), 1) if arrivals else None,
            "lost": lost,
        }
    finally:
        for socket in sockets:
            await socket.close()
        for session in sessions:
            await session.close()
        await asyncio.sleep(2)  # the servers leave the discussion's group for each closed socket before they stop


async def run_load(base, world, duration, clients, think=(1.0, 3.0)):
    results = []
    for page in pages(world):
        await measure(base, world, page, 2, think=(0, 0))  # warm up: connections, caches, the interpreter
        results.append(await measure(base, world, page, duration, think=think))
        print(
            f"  {results[-1]['page']}: p95 {results[-1]['p95_ms']} ms, {results[-1]['errors']} errors,"
            f" {results[-1]['queries']} queries",
            flush=True,
        )
    return {"pages": results, "broadcast": await broadcast(base, world, clients)}
