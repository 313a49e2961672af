"""The benchmark's verdicts (bench/run.py): an operator reads "met" or "MISSED" per target, so a page over its
limit, a query count that grows with the data, or a fat server process must each show as MISSED."""

from bench.run import table, verdicts


def page(name, p95, queries, method="GET", errors=0):
    return {
        "page": name,
        "method": method,
        "p50_ms": p95 / 2,
        "p95_ms": p95,
        "p99_ms": p95,
        "rps": 10.0,
        "errors": errors,
        "queries": queries,
    }


def results(scale, pages, rss=150.0, broadcast_p95=300.0):
    return {
        "scale": scale,
        "pages": pages,
        "broadcast": {
            "clients": 500,
            "connected": 500,
            "p50_ms": 200.0,
            "p95_ms": broadcast_p95,
            "max_ms": 400.0,
            "lost": 0,
        },
        "peak_rss_mb": {101: rss},
    }


def missed(checks):
    return [check["target"] for check in checks if not check["met"]]


def test_every_target_met_reads_met():
    run = results(1, [page("project page", 80, 12), page("post a reply", 140, 25, method="POST")])
    assert missed(verdicts(run)) == []


def test_a_slow_page_a_slow_write_too_many_queries_and_a_fat_process_are_missed():
    run = results(
        1,
        [page("project page", 101, 16), page("post a reply", 151, 40, method="POST", errors=2)],
        rss=201.0,
        broadcast_p95=501.0,
    )
    checks = verdicts(run)
    assert missed(checks) == [
        "project page: p95 ≤ 100 ms",
        "project page: ≤ 15 queries",
        "post a reply: p95 ≤ 150 ms",
        "post a reply: no errors",
        "broadcast to 500: p95 ≤ 500 ms, none lost",
        "server 101: ≤ 200 MB resident",
    ]
    assert "MISSED  project page: p95 ≤ 100 ms" in table({**run, "targets": checks})


def test_a_page_whose_queries_grow_with_the_data_is_missed():
    full = results(1, [page("thread", 90, 13), page("post a reply", 100, 30, method="POST")])
    tenth = results(0.1, [page("thread", 50, 12), page("post a reply", 80, 21, method="POST")])
    assert missed(verdicts(full, tenth)) == ["same queries per page at scale 0.1 as at 1"]
    same = results(0.1, [page("thread", 50, 13), page("post a reply", 80, 21, method="POST")])
    assert missed(verdicts(full, same)) == []  # a write may differ: the query target is for pages
