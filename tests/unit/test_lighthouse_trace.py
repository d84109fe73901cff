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
from lighthouse_trace import our_share

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
