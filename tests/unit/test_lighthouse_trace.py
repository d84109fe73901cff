"""benchmarks/lighthouse_trace.py, read by bench_lighthouse for each run: which blocking time is ours.

The figure stands in for the on/off difference where the page's own tasks vary
by hundreds of ms between runs, so its arithmetic is checked here on traces made
by hand: the task structure Chromium writes (top-level RunTask events, scripts'
events nested in them, each with its URL)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from lighthouse_trace import (
    Simulation,
    lcp_element,
    observed_blocking,
    our_share,
    sharing,
    simulated_blocking,
    simulation,
)

OURS = "http://127.0.0.1:8000/assets/chatspark/"
THEIRS = "http://127.0.0.1:8000/assets/javascripts/bundle.js"


def event(name: str, ts_ms: float, dur_ms: float, url: str = "", tid: int = 1) -> dict[str, Any]:
    data = {"url": url} if url else {}
    return {
        "ph": "X",
        "name": name,
        "pid": 1,
        "tid": tid,
        "ts": ts_ms * 1000,
        "dur": dur_ms * 1000,
        "args": {"data": data},
    }


def test_only_our_time_in_a_long_task_counts_and_only_its_part_over_50_ms() -> None:
    trace = [
        # a 30 ms task (120 ms slowed 4x), 5 ms of it ours: without us 100, so 20 is ours
        event("RunTask", 100, 30),
        event("EvaluateScript", 101, 5, OURS + "boot.js"),
        event("v8.compile", 101, 1, OURS + "boot.js"),  # nested: not counted twice
        event("FunctionCall", 110, 20, THEIRS),
        # a task of ours alone, 10 ms (40 slowed): no blocking time
        event("RunTask", 200, 10),
        event("FunctionCall", 200, 10, OURS + "widget.js"),
        # a long task with nothing of ours
        event("RunTask", 300, 100),
        event("FunctionCall", 300, 100, THEIRS),
    ]
    share = our_share({"traceEvents": trace}, 4.0, since=0)
    assert share.ms == pytest.approx(60.0)  # (5 + 10) x 4
    assert share.task == pytest.approx(40.0)
    assert share.tbt == pytest.approx(20.0)


def test_tasks_ending_before_the_first_paint_are_not_blocking_time() -> None:
    trace = [
        event("RunTask", 100, 30),
        event("EvaluateScript", 101, 5, OURS + "boot.js"),
        event("RunTask", 200, 30),
        event("FunctionCall", 201, 5, OURS + "boot.js"),
    ]
    share = our_share(trace, 4.0, since=150 * 1000)
    assert share.tbt == pytest.approx(20.0)  # the second task only
    assert share.ms == pytest.approx(40.0)  # main-thread time counts both


def test_another_thread_and_a_trace_without_us() -> None:
    other = [
        event("RunTask", 100, 30, tid=2),
        event("EvaluateScript", 101, 30, OURS + "w.js", tid=2),
    ]
    mine = [event("RunTask", 100, 30), event("EvaluateScript", 101, 5, OURS + "boot.js")]
    # the main thread is the one our scripts ran on: another thread's long task is not ours
    assert our_share([*mine, event("RunTask", 500, 60, tid=3)], 4.0, 0).tbt == pytest.approx(20.0)
    assert our_share([event("RunTask", 100, 90)], 4.0, 0).ms == 0
    assert our_share(other, 1.0, 0).tbt == 0  # 30 ms unslowed is no long task


# --- Lantern's saved simulations (LANTERN_DEBUG=1), as lantern-trace-saver.js writes them --

BASE = 1e9  # the saver's clock zero, µs
PAGE = "http://127.0.0.1:8000/page/"
CSS = "http://127.0.0.1:8000/assets/main.css"


def sim_task(start_ms: float, dur_ms: float, *inner: dict[str, Any]) -> list[dict[str, Any]]:
    """A CPU node: a `Task` box with its events inside (already on the simulated clock)."""
    box = event("Task", 0, dur_ms)
    box["ts"] = BASE + start_ms * 1000
    moved = []
    for e in inner:
        e = dict(e)
        e["ts"] = BASE + e["ts"]
        moved.append(e)
    return [box, *moved]


def sim_request(rid: int, url: str, start_ms: float, end_ms: float) -> list[dict[str, Any]]:
    data = {"requestId": str(rid), "url": url}
    return [
        {
            "ph": "I",
            "name": "ResourceSendRequest",
            "ts": BASE + start_ms * 1000,
            "args": {"data": data},
        },
        {"ph": "I", "name": "ResourceFinish", "ts": BASE + end_ms * 1000, "args": {"data": data}},
    ]


def padding(at_ms: float) -> list[dict[str, Any]]:
    return sim_task(at_ms, 1)


def test_a_simulation_is_its_graph_and_its_end_without_the_padding() -> None:
    trace = [
        *sim_request(1, PAGE, 0, 600),
        *sim_request(2, CSS, 600, 900),
        *sim_request(3, THEIRS, 610, 1200),
        *sim_task(1200, 150, event("EvaluateScript", 1200, 140, THEIRS)),
        *padding(2350),  # a second after the end: not part of it
    ]
    sim = simulation({"traceEvents": trace})
    assert sim.end == pytest.approx(1350)
    assert [r.url for r in sim.requests] == [PAGE, CSS, THEIRS]
    assert (sim.requests[2].start, sim.requests[2].end) == (pytest.approx(610), pytest.approx(1200))
    assert len(sim.tasks) == 1
    assert sim.tasks[0].scripts == {THEIRS: pytest.approx(140)}


def sims_for(tasks: list[dict[str, Any]], fcp: float, lcp: float) -> dict[str, Simulation]:
    """Both sides alike: a first paint at fcp, a largest at lcp, tasks in TBT's simulation."""
    paint = simulation([*sim_request(1, PAGE, 0, fcp), *padding(fcp + 1000)])
    largest = simulation([*sim_request(1, PAGE, 0, lcp), *padding(lcp + 1000)])
    full = simulation([*tasks, *padding(5000)])
    out = {}
    for side in ("optimistic", "pessimistic"):
        out[f"{side}FirstContentfulPaint"] = paint
        out[f"{side}LargestContentfulPaint"] = largest
        out[f"{side}Interactive"] = full
        out[f"{side}TotalBlockingTime"] = full
    return out


def whose(url: str) -> str:
    return "ours" if "/chatspark/" in url else ("page" if url else "")


def test_simulated_blocking_counts_from_the_simulated_first_paint_and_splits_by_script() -> None:
    tasks = [
        # before the first paint (1000): no blocking time, however long
        *sim_task(500, 300, event("EvaluateScript", 500, 300, THEIRS)),
        # 100 ms after it: 50 ms blocking, 80 of the 100 theirs, 10 ours, 10 style
        *sim_task(
            1100,
            100,
            event("FunctionCall", 1100, 80, THEIRS),
            event("FunctionCall", 1180, 10, OURS + "boot.js"),
        ),
        # across the first paint: only its part after it counts (150 - 50)
        *sim_task(900, 250, event("FunctionCall", 900, 250, THEIRS)),
    ]
    parts = simulated_blocking(sims_for(tasks, fcp=1000, lcp=1000), whose)
    assert sum(parts.values()) == pytest.approx(50 + 100)
    assert parts["ours"] == pytest.approx(5)
    assert parts[""] == pytest.approx(5)
    assert parts["page"] == pytest.approx(40 + 100)


def test_a_later_simulated_first_paint_hides_the_page_s_long_task() -> None:
    # The same task counts in full when the paint's graph ends before it, and not at all
    # when the paint's graph holds it (the race bench_lighthouse shows).
    tasks = sim_task(1200, 300, event("EvaluateScript", 1200, 300, THEIRS))
    assert simulated_blocking(sims_for(tasks, fcp=1000, lcp=1000), whose) == {
        "page": pytest.approx(250)
    }
    assert simulated_blocking(sims_for(tasks, fcp=1500, lcp=1500), whose) == {}


def test_observed_blocking_reads_the_main_thread_between_paint_and_interactive() -> None:
    fcp = {"ph": "I", "name": "firstContentfulPaint", "pid": 1, "tid": 1, "ts": 100_000}
    trace = [
        fcp,
        event("RunTask", 50, 200),  # across the paint: 150 of it counts
        event("EvaluateScript", 50, 200, THEIRS),
        event("RunTask", 400, 80),
        event("FunctionCall", 400, 40, OURS + "widget.js"),
        event("RunTask", 400, 300, tid=2),  # another thread
        event("RunTask", 900, 100),  # after interactive (800)
    ]
    parts = observed_blocking(trace, 100_000, 800_000, whose)
    assert parts == {"page": pytest.approx(100), "ours": pytest.approx(15), "": pytest.approx(15)}


def test_lcp_element_is_the_last_candidate() -> None:
    def candidate(name: str, size: int) -> dict[str, Any]:
        data = {"nodeName": name, "type": "text", "size": size}
        return {"ph": "I", "name": "largestContentfulPaint::Candidate", "args": {"data": data}}

    assert lcp_element([candidate("H1", 100), candidate("P", 64430)]) == "P text 64430"
    assert lcp_element([]) == ""


def test_our_requests_beside_the_page_s_script_downloads() -> None:
    trace = [
        *sim_request(1, PAGE, 0, 600),
        *sim_request(2, THEIRS, 600, 1300),
        *sim_request(3, OURS + "boot.js", 600, 900),  # beside the bundle
        *sim_request(4, OURS + "widget.js", 1300, 1500),  # starts as it ends: not beside
        *sim_request(5, CSS, 600, 1000),  # not a script: sharing with it is not counted
        *sim_request(6, OURS + "widget.css", 1400, 1450),
        *padding(2500),
    ]
    sim = simulation(trace)
    assert sharing(sim, lambda url: "/chatspark/" in url) == (OURS + "boot.js",)
    assert sharing(sim, lambda url: False) == ()
