"""Lighthouse on a page with an inline call to action, plugin disabled/enabled.

Lighthouse 12.2.3 (pinned in benchmarks/package.json: 13 needs Node 22) is
installed from benchmarks/package-lock.json with `npm ci` into
benchmarks/node_modules the first time, and runs Debian's Chromium headless.
Its default preset is the one that matters here: a mobile device on a simulated
slow 4G connection with the CPU slowed 4x.

A generated site (gen_site.py, three site actions; Material with
`navigation.instant`) is built with the plugin enabled and disabled. One page
gets an inline call to action near its top, `[Book a demo](chatspark:book_demo)`;
without the plugin it stays a plain link, so the two pages differ by the
plugin's work alone. Both builds are served on 127.0.0.1 from a child process,
as GitHub Pages serves a site: gzip, and `Cache-Control: max-age=600`. Lighthouse
empties the cache before each run, so each is a first visit; an uncompressed
`no-store` server would have charged every page for files no real host sends
twice (the old server made Material fetch its stylesheet twice, and boot.css three
times) and for bytes no real host sends uncompressed.
Runs alternate, off on, on off, ... on the same page, and the report gives the
medians of each and the median of the pairs' differences, on Material and on
the mkdocs theme.

The pairs' differences carry the page's own noise: on this machine Material's page
alone gets from 0 to 300 ms of total blocking time from one run to the next, which
no 5 pairs average out. So each run's trace is read as well (Lighthouse's
`--save-assets`) for what is ours alone: our scripts' main-thread time, and the
blocking time it adds to the tasks it runs in (see `our_share`), checked against the
same 10 ms in every run.

    python benchmarks/bench_lighthouse.py            # 5 pairs per theme  (~8 min)
    python benchmarks/bench_lighthouse.py --quick    # 1 pair per theme   (~1.5 min)
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Callable

from bench_browser import serve
from benchlib import alternate, arg_parser, build_site, header, section, str_list, table, verdict
from gen_site import THEMES, generate, page_paths
from lighthouse_trace import (
    LANTERN_LABELS,
    lcp_element,
    observed_blocking,
    our_share,
    sharing,
    simulated_blocking,
    simulation,
)

from mkdocs_chatspark.render import ASSET_DIR

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
LIGHTHOUSE_VERSION = "12.2.3"
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CTA = "Ready to see it live? [Book a demo](chatspark:book_demo)\n\n"
MATERIAL_FEATURES = ("navigation.instant",)
RUN_TIMEOUT_S = 180

# Targets of issue 11 (medians of 5 pairs).
CLS_DELTA = 0.0
SCORE_DELTA = 0.0
TBT_DELTA_MS = 10.0
FID_FLOOR_MS = 50.0


class Broken(Exception):
    """Lighthouse did not produce a report we can read; the figures would mean nothing."""


# --- Lighthouse ------------------------------------------------------------------------


@contextmanager
def serve_http2(root: Path) -> Iterator[str]:
    """Serve root over HTTP/2 with TLS (h2_server.mjs) on 127.0.0.1; yield the base URL.
    The certificate is made here, self-signed, for this run only; Chromium is told
    to accept it (--ignore-certificate-errors)."""
    with tempfile.TemporaryDirectory(prefix="chatspark-h2-") as tmp:
        cert, key = Path(tmp) / "cert.pem", Path(tmp) / "key.pem"
        subprocess.run(
            [
                *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
                *("-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)),
            ],
            check=True,
            capture_output=True,
        )
        with subprocess.Popen(
            ["node", str(HERE / "h2_server.mjs"), str(root), str(cert), str(key)],
            stdout=subprocess.PIPE,
            text=True,
        ) as server:  # closes its pipe and waits for it on the way out
            try:
                assert server.stdout is not None
                port = server.stdout.readline().strip()
                if not port.isdigit():
                    raise Broken(f"h2_server.mjs did not start (it printed {port!r})")
                yield f"https://127.0.0.1:{port}/"
            finally:
                server.terminate()


def install_lighthouse() -> None:
    """`npm ci` from the project's own lock file, once; nothing else is fetched."""
    if LIGHTHOUSE.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise Broken("npm is not installed (Debian: apt-get install npm)")
    print(f"   installing Lighthouse {LIGHTHOUSE_VERSION} into {HERE / 'node_modules'} (npm ci)")
    subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=HERE,
        check=True,
        stdout=subprocess.DEVNULL,
    )


@dataclass(frozen=True)
class Run:
    """The figures of one Lighthouse report."""

    score: float
    """Performance score, 0-100."""
    fcp: float
    lcp: float
    cls: float
    tbt: float
    max_fid: float
    """Max potential first input delay: the longest task after first contentful paint."""
    bytes: float
    """Total byte weight (as transferred, gzipped)."""
    requests: int
    plugin_bytes: float
    """Transferred bytes of the requests under assets/chatspark/."""
    plugin_requests: int
    plugin_ms: float
    """Main-thread time of the scripts under assets/chatspark/ (their compiling,
    running and callbacks, read from the run's trace), times Lighthouse's CPU
    slowdown, as its simulation counts it."""
    plugin_tbt: float
    """The total blocking time of ours: what the run's tasks would lose from their
    blocking time (each task's time over 50 ms, slowed as above) without the time of
    our scripts in them. Unlike `on - off`, this does not depend on how the page's
    own tasks vary from run to run: this machine gives Material's page anything from
    0 to 300 ms of blocking time of its own."""
    plugin_task: float
    """The most time of ours in one task, slowed as above."""
    observed_fcp: float
    """When the first contentful paint was shown in the real load (ms)."""
    lcp_element: str
    """The LCP element of the real load: tag, type and size (px²)."""
    fcp_graph: tuple[str, ...]
    """Lantern's graph for the first paint (simulate only): its requests' URLs, the
    document left out. A page script in it is one that began to run before the
    observed paint was shown; the graph then holds its download and its run, slowed."""
    lcp_graph: tuple[str, ...]
    """The same for the largest paint."""
    sharing: tuple[str, ...]
    """Our requests that the simulation of TBT has in flight while one of the page's
    scripts downloads (simulate only; lighthouse_trace.sharing)."""
    tbt_by: dict[str, float]
    """Lighthouse's TBT by whose script ran in each long task: "ours" (under
    assets/chatspark/), "page" (any other script), "" (no script: style, layout,
    parsing), read from its simulation (or from the trace, unthrottled or devtools)."""


RETRIES = 2
"""A run whose report lacks a figure (Lighthouse's own hiccup, e.g. a trace with no
paint) is made again, this many times, and counted in the report."""
retried = 0


THROTTLING = ("simulate", "devtools", "provided")
"""Lighthouse's --throttling-method: simulate (its default: Lantern replays the real load's
graph on slow 4G and a 4x slower CPU), devtools (Chromium slows the real load), provided
(no throttling: this machine as it is)."""


def lighthouse(url: str, throttling: str = "simulate", http2: bool = False) -> Run:
    """One Lighthouse run of url, performance category only, default (mobile) preset."""
    global retried
    for attempt in range(RETRIES + 1):
        try:
            return lighthouse_once(url, throttling, http2)
        except Broken as e:
            if attempt == RETRIES:
                raise
            retried += 1
            print(f"   (run again: {e})")
    raise AssertionError("unreachable")


def lighthouse_once(url: str, throttling: str, http2: bool = False) -> Run:
    flags = CHROME_FLAGS + (" --ignore-certificate-errors" if http2 else "")
    with tempfile.TemporaryDirectory(prefix="chatspark-lighthouse-") as tmp:
        output = Path(tmp) / "run.json"
        result = subprocess.run(
            [
                "node",
                str(LIGHTHOUSE),
                url,
                "--only-categories=performance",
                "--output=json",
                f"--output-path={output}",
                "--save-assets",  # the trace, beside: run-0.trace.json
                "--quiet",
                f"--chrome-flags={flags}",
                f"--throttling-method={throttling}",
            ],
            # LANTERN_DEBUG: save each simulation beside, as run-<label>.trace.json
            env={**os.environ, "CHROME_PATH": CHROME, "LANTERN_DEBUG": "1"},
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
        )
        if result.returncode != 0:
            raise Broken(f"lighthouse exited with {result.returncode}: {result.stderr[-2000:]}")
        report = json.loads(output.read_text(encoding="utf-8"))
        traces = sorted(Path(tmp).glob("run-*.trace.json"))
        if not traces:
            raise Broken(f"lighthouse on {url}: no trace saved")
        trace = json.loads(traces[0].read_text(encoding="utf-8"))
        sims: dict[str, Any] = {}
        if throttling == "simulate":
            for label in LANTERN_LABELS:
                saved = Path(tmp) / f"run-{label}.trace.json"
                if not saved.exists():
                    raise Broken(f"lighthouse on {url}: no {saved.name} (LANTERN_DEBUG)")
                sims[label] = json.loads(saved.read_text(encoding="utf-8"))
    return read_report(report, trace, url, sims)


def group(url: str) -> str:
    """Whose a script is, for the blocking time: ours, the page's, or none."""
    if f"/{ASSET_DIR}/" in url:
        return "ours"
    return "page" if url else ""


def file_name(url: str) -> str:
    return url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]


def is_script(url: str) -> bool:
    return url.split("?")[0].endswith((".js", ".mjs"))


def read_report(
    report: dict[str, Any], trace: Any, url: str, sims: dict[str, Any] | None = None
) -> Run:
    if report.get("runtimeError"):
        raise Broken(f"lighthouse on {url}: {report['runtimeError']}")
    audits = report["audits"]

    def value(audit: str) -> float:
        number = audits[audit].get("numericValue")
        if number is None:
            raise Broken(f"lighthouse on {url}: no {audit}: {audits[audit].get('errorMessage')}")
        return float(number)

    requests = audits["network-requests"]["details"]["items"]
    mine = f"/{ASSET_DIR}/"
    ours = [r for r in requests if mine in r["url"]]
    settings = report.get("configSettings", {})
    slowdown = 1.0
    if settings.get("throttlingMethod") == "simulate":
        slowdown = float(settings["throttling"]["cpuSlowdownMultiplier"])
    observed = audits["metrics"]["details"]["items"][0]
    share = our_share(trace, slowdown, float(observed["observedFirstContentfulPaintTs"]))
    fcp_graph: tuple[str, ...] = ()
    lcp_graph: tuple[str, ...] = ()
    in_flight: tuple[str, ...] = ()
    if sims:
        simulations = {label: simulation(t) for label, t in sims.items()}
        tbt_by = simulated_blocking(simulations, group)
        in_flight = sharing(
            simulations["optimisticTotalBlockingTime"], lambda u: group(u) == "ours"
        )
        fcp_graph, lcp_graph = (
            tuple(r.url for r in simulations[f"pessimistic{m}"].requests[1:])
            for m in ("FirstContentfulPaint", "LargestContentfulPaint")
        )
    else:
        origin = float(observed["observedTimeOriginTs"])
        tbt_by = observed_blocking(
            trace,
            float(observed["observedFirstContentfulPaintTs"]),
            origin + value("interactive") * 1000,
            group,
        )
    score = report["categories"]["performance"]["score"]
    if score is None:
        missing = [k for k, a in audits.items() if a.get("scoreDisplayMode") == "error"]
        raise Broken(f"lighthouse on {url}: no performance score (errors in {missing[:5]})")
    return Run(
        score=score * 100,
        fcp=value("first-contentful-paint"),
        lcp=value("largest-contentful-paint"),
        cls=value("cumulative-layout-shift"),
        tbt=value("total-blocking-time"),
        max_fid=value("max-potential-fid"),
        bytes=value("total-byte-weight"),
        requests=len(requests),
        plugin_bytes=sum(r.get("transferSize", 0) for r in ours),
        plugin_requests=len(ours),
        plugin_ms=share.ms,
        plugin_tbt=share.tbt,
        plugin_task=share.task,
        observed_fcp=float(observed["observedFirstContentfulPaint"]),
        lcp_element=lcp_element(trace),
        fcp_graph=fcp_graph,
        lcp_graph=lcp_graph,
        sharing=in_flight,
        tbt_by=tbt_by,
    )


# --- the site ------------------------------------------------------------------------------


def build(root: Path, theme: str, pages: int) -> str:
    """Generate and build the site in root/{on,off}; the target page's URL path."""
    features = MATERIAL_FEATURES if theme == "material" else ()
    config_file = generate(root, pages, theme, features=features)
    # A page with the site actions alone, one folder deep; its call to action in view.
    target = next(p for p in page_paths(pages) if not p.own_actions and p.url_depth == 2)
    page = root / "docs" / target.path
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("## Overview\n", CTA + "## Overview\n", 1), encoding="utf-8")
    build_site(config_file, root / "on", plugin=True)
    build_site(config_file, root / "off", plugin=False)
    if "chatspark:book_demo" in (root / "on" / target.url / "index.html").read_text("utf-8"):
        raise Broken("the call to action was not rendered by the plugin")
    return target.url


# --- the report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Metric:
    name: str
    get: Callable[[Run], float]
    fmt: str
    unit: str = ""


METRICS = (
    Metric("performance score", lambda r: r.score, "{:.0f}"),
    Metric("first contentful paint", lambda r: r.fcp, "{:,.0f}", " ms"),
    Metric("largest contentful paint", lambda r: r.lcp, "{:,.0f}", " ms"),
    Metric("cumulative layout shift", lambda r: r.cls, "{:.4f}"),
    Metric("total blocking time", lambda r: r.tbt, "{:,.0f}", " ms"),
    Metric("max potential FID", lambda r: r.max_fid, "{:,.0f}", " ms"),
    Metric("bytes transferred", lambda r: r.bytes, "{:,.0f}"),
    Metric("requests", lambda r: r.requests, "{:.0f}"),
    Metric(f"  of them under {ASSET_DIR}/: bytes", lambda r: r.plugin_bytes, "{:,.0f}"),
    Metric(f"  of them under {ASSET_DIR}/: requests", lambda r: r.plugin_requests, "{:.0f}"),
    Metric(f"main-thread time of {ASSET_DIR}/ scripts", lambda r: r.plugin_ms, "{:,.0f}", " ms"),
    Metric("  the most of it in one task", lambda r: r.plugin_task, "{:,.0f}", " ms"),
    Metric("  blocking time it adds", lambda r: r.plugin_tbt, "{:,.0f}", " ms"),
    Metric("TBT: the page's scripts' share", lambda r: r.tbt_by.get("page", 0), "{:,.0f}", " ms"),
    Metric("TBT: our scripts' share", lambda r: r.tbt_by.get("ours", 0), "{:,.0f}", " ms"),
    Metric("TBT: no script's (style, layout)", lambda r: r.tbt_by.get("", 0), "{:,.0f}", " ms"),
    Metric("first paint shown, real load", lambda r: r.observed_fcp, "{:,.0f}", " ms"),
)


def signed(fmt: str, value: float) -> str:
    text = fmt.format(value + 0.0)  # + 0.0: no "-0"
    return text if text.startswith("-") else f"+{text}"


def report(theme: str, pairs: Sequence[tuple[Run, Run]], throttling: str = "simulate") -> None:
    off = [a for a, _ in pairs]
    on = [b for _, b in pairs]
    section(
        f"{theme}: Lighthouse {LIGHTHOUSE_VERSION}, mobile preset, "
        f"--throttling-method={throttling}, {len(pairs)} pairs"
    )
    rows = []
    for m in METRICS:
        deltas = [m.get(b) - m.get(a) for a, b in pairs]
        rows.append(
            [
                m.name + (f" ({m.unit.strip()})" if m.unit else ""),
                m.fmt.format(statistics.median(m.get(r) for r in off)),
                m.fmt.format(statistics.median(m.get(r) for r in on)),
                signed(m.fmt, statistics.median(deltas)),
                f"{signed(m.fmt, min(deltas))} .. {signed(m.fmt, max(deltas))}",
            ]
        )
    table(["median", "off", "on", "on - off", "range of the pairs"], rows)
    print("on - off: median of the pairs' differences; range: the smallest and largest of them.")

    def delta(get: Callable[[Run], float]) -> float:
        return statistics.median(get(b) - get(a) for a, b in pairs)

    fid_limit = max(FID_FLOOR_MS, statistics.median(r.max_fid for r in off))
    table(
        ["target (medians)", "figure", "verdict"],
        [
            [
                "CLS on - off = 0",
                signed("{:.4f}", delta(lambda r: r.cls)),
                verdict(delta(lambda r: r.cls), CLS_DELTA),
            ],
            [
                "score on - off = 0 (or better)",
                signed("{:.0f}", delta(lambda r: r.score)),
                verdict(-delta(lambda r: r.score), SCORE_DELTA),
            ],
            [
                f"TBT on - off <= {TBT_DELTA_MS:.0f} ms",
                signed("{:.0f}", delta(lambda r: r.tbt)) + " ms",
                verdict(delta(lambda r: r.tbt), TBT_DELTA_MS, " ms"),
            ],
            [
                f"blocking time of {ASSET_DIR}/ scripts <= {TBT_DELTA_MS:.0f} ms, in every run",
                f"{max(r.plugin_tbt for r in on):.0f} ms",
                verdict(max(r.plugin_tbt for r in on), TBT_DELTA_MS, " ms"),
            ],
            [
                f"max potential FID on <= {fid_limit:.0f} ms (max of 50 and off)",
                f"{statistics.median(r.max_fid for r in on):.0f} ms",
                verdict(statistics.median(r.max_fid for r in on), fid_limit, " ms"),
            ],
        ],
    )
    why(pairs, throttling)


def why(pairs: Sequence[tuple[Run, Run]], throttling: str) -> None:
    """Each run side by side with what moves its LCP and TBT (lighthouse_trace.py)."""
    simulated = throttling == "simulate"
    rows = []
    for i, (a, b) in enumerate(pairs, 1):
        for arm, r in (("off", a), ("on", b)):
            row = [
                f"{i} {arm}",
                f"{r.fcp:,.0f}",
                f"{r.lcp:,.0f}",
                f"{r.observed_fcp:,.0f}",
                r.lcp_element or "-",
            ]
            if simulated:
                scripts = [file_name(u) for u in r.fcp_graph if is_script(u)]
                extra = [file_name(u) for u in r.lcp_graph if u not in r.fcp_graph]
                row += [
                    ", ".join(scripts) or "-",
                    ", ".join(extra) or "-",
                    ", ".join(file_name(u) for u in r.sharing) or "-",
                ]
            shares = (r.tbt_by.get(g, 0.0) for g in ("page", "ours", ""))
            row += [f"{r.tbt:,.0f}", " / ".join(f"{ms:,.0f}" for ms in shares)]
            rows.append(row)
    headers = ["pair", "FCP", "LCP", "paint shown (real)", "LCP element"]
    if simulated:
        headers += ["scripts in FCP's graph", "LCP's graph adds", "ours beside page scripts"]
    headers += ["TBT", "TBT: page / ours / none"]
    table(headers, rows)
    if simulated:
        print(
            "Lantern (simulate) replays the real load's graph cut at the paint it observed: a\n"
            "script that began to run before that paint was shown is in the paint's graph with\n"
            "its download and its run slowed 4x, and every request that ended before it is in\n"
            "LCP's. TBT counts the simulated tasks from the simulated FCP on. Ours beside page\n"
            "scripts: our requests the TBT simulation downloads while a page script does\n"
            "(sharing its bandwidth, which moves the page's tasks later)."
        )
    elements = {r.lcp_element for pair in pairs for r in pair}
    print(f"LCP element in every run: {' | '.join(sorted(elements))}")
    if simulated:
        for arm, runs in (("off", [a for a, _ in pairs]), ("on", [b for _, b in pairs])):
            held = sum(any(is_script(u) for u in r.fcp_graph) for r in runs)
            ours = sum(any(group(u) == "ours" for u in r.lcp_graph) for r in runs)
            beside = sum(bool(r.sharing) for r in runs)
            print(
                f"   {arm}: a page script in FCP's graph in {held} of {len(runs)} runs; "
                f"a request of ours in LCP's in {ours}; ours beside page scripts in {beside}"
            )


def main() -> int:
    parser = arg_parser(__doc__)
    parser.add_argument("--pages", type=int, help="site size (default 20)")
    parser.add_argument("--pairs", type=int, help="off/on run pairs per theme (full: 5)")
    parser.add_argument(
        "--themes", type=str_list, default=["material", "mkdocs"], help="material,mkdocs"
    )
    parser.add_argument(
        "--throttling",
        choices=THROTTLING,
        default="simulate",
        help="Lighthouse's --throttling-method (default simulate, Lighthouse's own default)",
    )
    parser.add_argument(
        "--http2",
        action="store_true",
        help="serve over HTTP/2 with TLS (h2_server.mjs, Node), as GitHub Pages does",
    )
    args = parser.parse_args()
    pages = args.pages or 20
    count = args.pairs or (1 if args.quick else 5)
    for theme in args.themes:
        if theme not in THEMES:
            parser.error(f"--themes: {theme!r} is not one of {', '.join(THEMES)}")

    header("bench_lighthouse: Lighthouse, plugin disabled/enabled", args.quick)
    try:
        install_lighthouse()
        with tempfile.TemporaryDirectory(prefix="chatspark-bench-") as tmp:
            root = Path(tmp)
            targets = {theme: build(root / theme, theme, pages) for theme in args.themes}
            server = serve_http2(root) if args.http2 else serve(root, like_pages=True)
            with server as base:
                print(
                    f"   Lighthouse {LIGHTHOUSE_VERSION}, {CHROME}; the page with a call to "
                    f"action of a {pages}-page site; Material with {', '.join(MATERIAL_FEATURES)}; "
                    f"served over {'HTTP/2 (TLS)' if args.http2 else 'HTTP/1.1'}"
                )
                for theme in args.themes:
                    url_off, url_on = (f"{base}{theme}/{v}/{targets[theme]}" for v in ("off", "on"))
                    pairs = list(
                        alternate(
                            count,
                            partial(lighthouse, url_off, args.throttling, args.http2),
                            partial(lighthouse, url_on, args.throttling, args.http2),
                        )
                    )
                    report(theme, pairs, args.throttling)
    except Broken as e:
        print(f"BROKEN: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
