"""What of a Lighthouse run is ours, read from its trace (bench_lighthouse.py).

Apart from bench_lighthouse so that the unit tests check it with nothing more than
the package installed (tests/unit/test_bench_lighthouse.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs_chatspark.render import ASSET_DIR

LONG_TASK_MS = 50.0
"""A task's time over this much is blocking time."""


@dataclass(frozen=True)
class Ours:
    ms: float
    tbt: float
    task: float


def our_share(trace: Any, slowdown: float, since: float) -> Ours:
    """Our scripts' share of the main thread in a Lighthouse trace.

    The page's main thread is the renderer thread that ran our scripts. Its tasks are
    its top-level RunTask events; our time in a task is the sum of the outermost
    events (a script's evaluation, compiling, or a call into one of its functions)
    whose URL is one of ours. Times are slowed by Lighthouse's CPU slowdown, as its
    simulation does. Blocking time is counted, as Lighthouse counts it, from the
    first contentful paint (`since`, on the trace's clock; a task across it counts),
    but with no end at time to interactive, so this errs towards charging us."""
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    mine = f"/{ASSET_DIR}/"

    def url(event: dict[str, Any]) -> str:
        data = (event.get("args") or {}).get("data") or {}
        return str(data.get("url") or "")

    complete = [e for e in events if e.get("ph") == "X" and "dur" in e]
    main = {
        (e["pid"], e["tid"]) for e in complete if e["name"] == "EvaluateScript" and mine in url(e)
    }
    if not main:
        return Ours(0.0, 0.0, 0.0)
    thread = sorted(main)[0]
    on_thread = sorted(
        (e for e in complete if (e["pid"], e["tid"]) == thread), key=lambda e: e["ts"]
    )

    def outermost(candidates: list[dict[str, Any]]) -> list[dict[str, Any]]:
        kept: list[dict[str, Any]] = []
        for e in candidates:
            if not kept or e["ts"] >= kept[-1]["ts"] + kept[-1]["dur"]:
                kept.append(e)
        return kept

    tasks = outermost([e for e in on_thread if e["name"] == "RunTask"])
    scripts = outermost([e for e in on_thread if mine in url(e)])
    total = tbt = most = 0.0
    for task in tasks:
        start, end = task["ts"], task["ts"] + task["dur"]
        own = sum(e["dur"] for e in scripts if start <= e["ts"] < end) / 1000 * slowdown
        if not own:
            continue
        whole = task["dur"] / 1000 * slowdown
        total += own
        most = max(most, own)
        if end > since:
            tbt += max(0.0, whole - LONG_TASK_MS) - max(0.0, whole - own - LONG_TASK_MS)
    return Ours(total, tbt, most)
