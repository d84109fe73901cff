"""What of a Lighthouse run is ours, read from its trace (bench_lighthouse.py).

Apart from bench_lighthouse so that the unit tests check it with nothing more than
the package installed (tests/unit/test_bench_lighthouse.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

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
    mine = f"/{ASSET_DIR}/"
    complete = [e for e in _events(trace) if e.get("ph") == "X" and "dur" in e]
    main = {
        (e["pid"], e["tid"]) for e in complete if e["name"] == "EvaluateScript" and mine in _url(e)
    }
    if not main:
        return Ours(0.0, 0.0, 0.0)
    thread = sorted(main)[0]
    on_thread = sorted(
        (e for e in complete if (e["pid"], e["tid"]) == thread), key=lambda e: e["ts"]
    )

    tasks = outermost([e for e in on_thread if e["name"] == "RunTask"])
    scripts = outermost([e for e in on_thread if mine in _url(e)])
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


# --- Why LCP and TBT move: Lighthouse's own graphs ---------------------------------------
#
# Lighthouse's default throttling is simulated (Lantern): it rebuilds a dependency graph of
# requests and main-thread tasks from the one real load, and replays it on a slow 4G
# network and a 4x slower CPU. Its first and largest contentful paint are the end of a
# graph cut at the *observed* paint: a request that ended before it, and a script that
# began to run before it, are taken as holding the paint back. So on a page whose own
# script arrives within a few ms of the first frame, which of the two comes first on this
# machine decides whether the page's script (its download, and its run slowed 4x) is in the
# paint's graph. With `LANTERN_DEBUG=1` and `--save-assets`, Lighthouse 12 saves each
# simulation as a trace (run-<label>.trace.json); these read them.

LANTERN_BASE_US = 1e9
"""The simulated clock's zero in the saved traces (lantern-trace-saver.js: `baseTs`)."""

LANTERN_LABELS = tuple(
    f"{side}{metric}"
    for metric in (
        "FirstContentfulPaint",
        "LargestContentfulPaint",
        "Interactive",
        "TotalBlockingTime",
    )
    for side in ("optimistic", "pessimistic")
)
"""The simulations that make Lighthouse's FCP, LCP and TBT, each half optimistic and half
pessimistic (their coefficients in Lighthouse 12: 0.5 and 0.5)."""

_SCRIPT_EVENTS = frozenset({"EvaluateScript", "FunctionCall", "v8.compile", "TimerFire"})


@dataclass(frozen=True)
class Task:
    """A simulated main-thread task: start and end (ms), and its scripts' time by URL."""

    start: float
    end: float
    scripts: dict[str, float]


@dataclass(frozen=True)
class Request:
    """A simulated request: its URL, and when it started and ended (ms)."""

    url: str
    start: float
    end: float


@dataclass(frozen=True)
class Simulation:
    """One Lantern simulation: the graph it replayed and its estimate."""

    end: float
    """When its last node ends (ms): the estimate, for a paint's graph."""
    requests: tuple[Request, ...]
    """The graph's requests, in the order they started (data: URLs left out)."""
    tasks: tuple[Task, ...]


def _events(trace: Any) -> list[dict[str, Any]]:
    return list(trace["traceEvents"] if isinstance(trace, dict) else trace)


def _url(event: dict[str, Any]) -> str:
    data = (event.get("args") or {}).get("data") or {}
    return str(data.get("url") or "")


def simulation(trace: Any) -> Simulation:
    """Read one saved Lantern simulation. Its saver writes each CPU node as a `Task` with
    the node's events inside it, each request as ResourceSendRequest/ResourceFinish, and
    one last 1 ms `Task` a second after the end, to pad the view, which is not counted."""
    events = _events(trace)
    us = LANTERN_BASE_US
    finish = {
        e["args"]["data"]["requestId"]: e["ts"] for e in events if e.get("name") == "ResourceFinish"
    }
    sends = sorted(
        (e for e in events if e.get("name") == "ResourceSendRequest"), key=lambda e: e["ts"]
    )
    boxes = sorted(
        (e for e in events if e.get("name") == "Task" and e.get("ph") == "X"), key=lambda e: e["ts"]
    )[:-1]  # the padding
    inner = [
        e for e in events if e.get("ph") == "X" and e.get("name") in _SCRIPT_EVENTS and _url(e)
    ]
    tasks = []
    for box in boxes:
        start, end = box["ts"], box["ts"] + box["dur"]
        scripts = _scripts_in(inner, start, end)
        tasks.append(Task((start - us) / 1000, (end - us) / 1000, scripts))
    requests = tuple(
        Request(
            _url(e),
            (e["ts"] - us) / 1000,
            (finish.get(e["args"]["data"]["requestId"], e["ts"]) - us) / 1000,
        )
        for e in sends
    )
    return Simulation(
        end=max([t.end for t in tasks] + [r.end for r in requests], default=0.0),
        requests=requests,
        tasks=tuple(tasks),
    )


def sharing(sim: Simulation, mine: Callable[[str], bool]) -> tuple[str, ...]:
    """The requests of mine that the simulation has in flight while one of the page's
    scripts downloads: they share its simulated bandwidth (and, over HTTP/1.1, each
    opens a connection of its own). Lantern starts a request once the task that made
    it has run, and it links a task only to what its events name (a script's URL, a
    timer's installer), not to a requestIdleCallback's caller: a widget loaded when
    the browser is idle after the load event can start, in the simulation, while the
    page's own scripts are still on their way."""
    theirs = [r for r in sim.requests if not mine(r.url) and r.url.split("?")[0].endswith(".js")]
    return tuple(
        r.url
        for r in sim.requests
        if mine(r.url) and any(r.start < t.end and t.start < r.end for t in theirs)
    )


def _scripts_in(inner: list[dict[str, Any]], start: float, end: float) -> dict[str, float]:
    """The time (ms) of each script URL in a task from start to end (the trace's µs):
    the outermost of `inner` (script events that name a URL) that begin in it."""
    scripts: dict[str, float] = {}
    for e in outermost([e for e in inner if start <= e["ts"] < end]):
        scripts[_url(e)] = scripts.get(_url(e), 0.0) + e["dur"] / 1000
    return scripts


def outermost(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events not nested in an earlier one (by start and duration)."""
    kept: list[dict[str, Any]] = []
    for e in sorted(events, key=lambda e: (e["ts"], -e.get("dur", 0))):
        if not kept or e["ts"] >= kept[-1]["ts"] + kept[-1]["dur"]:
            kept.append(e)
    return kept


def _impact(task: Task, start: float, end: float) -> float:
    """Lighthouse's blocking time of one task between start and end (TBTUtils.js)."""
    if task.end - task.start < LONG_TASK_MS or task.end < start or task.start > end:
        return 0.0
    clipped = min(task.end, end) - max(task.start, start)
    return max(0.0, clipped - LONG_TASK_MS)


def simulated_blocking(
    sims: dict[str, Simulation], group: Callable[[str], str]
) -> dict[str, float]:
    """Lighthouse's simulated total blocking time, split by whose script ran in each long task.

    As Lantern counts it (TotalBlockingTime.js, Interactive.js): half the optimistic
    simulation's, from the pessimistic first paint to the optimistic time to interactive,
    and half the pessimistic one's, from the optimistic first paint to the pessimistic
    time to interactive; time to interactive is the later of the LCP estimate and the
    end of the last task over 50 ms. A task's blocking time is shared among the groups
    (`group(url)`) by their scripts' time in it; time in no script (style, layout,
    parsing) is the group "". The parts sum to Lighthouse's figure."""
    parts: dict[str, float] = {}
    for side, other in (("optimistic", "pessimistic"), ("pessimistic", "optimistic")):
        long_end = max(
            (t.end for t in sims[f"{side}Interactive"].tasks if t.end - t.start > LONG_TASK_MS),
            default=0.0,
        )
        until = max(sims[f"{side}LargestContentfulPaint"].end, long_end)
        since = sims[f"{other}FirstContentfulPaint"].end
        for task in sims[f"{side}TotalBlockingTime"].tasks:
            impact = _impact(task, since, until) / 2
            if not impact:
                continue
            _share(parts, task, impact, group)
    return parts


def _share(parts: dict[str, float], task: Task, impact: float, group: Callable[[str], str]) -> None:
    """Add a task's blocking time to parts, shared by its scripts' time (the saver
    scales a node's events to its simulated length, so shares hold); the time in no
    script (style, layout, parsing) goes to the group ""."""
    whole = task.end - task.start
    total = sum(task.scripts.values())
    scripted = min(total, whole) / whole if whole > 0 else 1.0
    for url, ms in task.scripts.items():
        key = group(url)
        parts[key] = parts.get(key, 0.0) + impact * scripted * ms / total
    if scripted < 1:
        parts[""] = parts.get("", 0.0) + impact * (1 - scripted)


def lcp_element(trace: Any) -> str:
    """The observed LCP element as Chromium's trace names it: tag, type and size (px²)
    of the last `largestContentfulPaint::Candidate`, or "" without one. (Lighthouse's
    own largest-contentful-paint-element audit fails on Debian's Chromium 13x: its
    RootCauses gatherer reads a field the browser no longer sends.)"""
    candidates = [e for e in _events(trace) if e.get("name") == "largestContentfulPaint::Candidate"]
    if not candidates:
        return ""
    data = (candidates[-1].get("args") or {}).get("data") or {}
    return f"{data.get('nodeName', '?')} {data.get('type', '?')} {data.get('size', '?')}"


def main_thread(trace: Any) -> tuple[Any, Any] | None:
    """The page's main thread: the renderer thread where its first contentful paint is."""
    for e in _events(trace):
        if e.get("name") == "firstContentfulPaint":
            return (e.get("pid"), e.get("tid"))
    return None


def observed_blocking(
    trace: Any, since: float, until: float, group: Callable[[str], str]
) -> dict[str, float]:
    """The blocking time of the trace's own tasks (devtools or no throttling: Lighthouse
    reads TBT from the real load), between since and until (µs, the trace's clock),
    shared among groups as in `simulated_blocking`. Rebuilt from the top-level tasks of
    the main thread, so it can differ from Lighthouse's own figure by a few ms where
    its task model joins or splits tasks otherwise."""
    thread = main_thread(trace)
    on_thread = [
        e
        for e in _events(trace)
        if (e.get("pid"), e.get("tid")) == thread and e.get("ph") == "X" and "dur" in e
    ]
    inner = [e for e in on_thread if e.get("name") in _SCRIPT_EVENTS and _url(e)]
    parts: dict[str, float] = {}
    for box in outermost([e for e in on_thread if e["name"] == "RunTask"]):
        start, end = box["ts"], box["ts"] + box["dur"]
        task = Task(start / 1000, end / 1000, _scripts_in(inner, start, end))
        impact = _impact(task, since / 1000, until / 1000)
        if impact:
            _share(parts, task, impact, group)
    return parts
