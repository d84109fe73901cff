"""Our answers engine's browser code at another commit (A) against the working tree's (B).

On a machine others share, the clock's figures of two runs an hour apart compare
the machine's load more than the code. This script builds one generated site (as
bench_answers_engines.py does) twice, its index by each version's own builder
(`mkdocs_chatspark/answers/`, A's in a process of its own), serves the two versions
of `assets/src/answers/` side by side and visits the site in headless
Chromium with the CPU slowed 4x, A and B taking turns (A B, B A, ...). Each visit:

- the first question (the code and meta.json load): the longest task by the clock
  (the long-task observer) and in the main thread's own time (Chromium's trace,
  which leaves out the time the OS gave other processes);
- the other 30 questions sent at once (pasted, no typing): each one's time from
  Enter to its answer, and the index files each fetched (term files, section files;
  mean over the questions of one visit: every visit asks the same).

Each version loads the index as its widget does (panel.js `indexLoader` where it
has one, else `scriptLoader`; paced). It prints each side's medians, 95th
percentiles and the load average before and after.

    python benchmarks/bench_answers_ab.py --base main --pages 10000 --visits 8
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import bench_answers_engines as engines
from benchlib import arg_parser, header, int_list, section, table
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SRC = "mkdocs_chatspark/assets/src"

PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>a/b</title></head><body>"
    "<script type='module' src='/answers/ab.mjs'></script></body></html>"
)


def sources_at(ref: str, into: Path) -> Path:
    """The package of `ref` (git archive), under `into`: its browser sources' folder."""
    data = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "mkdocs_chatspark"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(into, filter="data")
    return into / SRC


BUILD_AT = """
import sys
from pathlib import Path
sys.path[:0] = [sys.argv[1], sys.argv[2]]
import bench_answers_engines as engines
assert engines.build.__module__ == "mkdocs_chatspark.answers.index"
assert sys.modules[engines.build.__module__].__file__.startswith(sys.argv[1])
vocabulary = engines.Vocabulary()
pages = engines.site_pages(int(sys.argv[4]), vocabulary)
engines.write_site(Path(sys.argv[3]), pages, engines.html_of(pages), ["ours"])
"""


def build_site_at(package_root: Path, into: Path, size: int) -> None:
    """The generated site's index, built by the package under `package_root` (A's)."""
    assert (package_root / "mkdocs_chatspark").is_dir()
    into.mkdir(parents=True)
    subprocess.run(
        [sys.executable, "-c", BUILD_AT, str(package_root), str(HERE), str(into), str(size)],
        check=True,
    )


def visit(browser: Any, base: str, side: str, size: int, asked: list[Any]) -> dict[str, Any]:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{base}/engines.html?src=/{side}&site={side}/{size}")
        page.wait_for_function("window.abReady === true")
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": engines.CPU_SLOWDOWN})
        browser.start_tracing(page=page, categories=["toplevel"])
        page.evaluate("q => window.ask(q)", asked[0][0])
        page.wait_for_timeout(100)  # a long task is reported once it ends
        thread = engines.longest_task_thread_ms(browser.stop_tracing())
        clock = max(page.evaluate("window.longTasks"), default=0.0)
        answers = [page.evaluate("q => window.ask(q)", q) for q, _ in asked[1:]]
        pasted = [a["ms"] for a in answers]
        files = [(a["terms"], a["sections"]) for a in answers]
        return {"clock": clock, "thread": thread, "pasted": pasted, "files": files}
    finally:
        context.close()


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = arg_parser(__doc__)
    parser.add_argument("--base", default="main", help="the commit A (git ref): main")
    parser.add_argument("--pages", type=int_list, default=None, help="site sizes: 1000,10000")
    parser.add_argument("--visits", type=int, default=8, help="visits per side and size: 8")
    args = parser.parse_args()
    sizes = args.pages or ([100] if args.quick else [1000, 10000])
    visits = 2 if args.quick else args.visits
    header(f"Answers engine, {args.base} (A) against the working tree (B)", args.quick)
    tmp = Path(tempfile.mkdtemp(prefix="answers-ab-"))
    rows = []
    try:
        roots = {
            "A": sources_at(args.base, tmp / "a"),
            "B": ROOT / SRC,
            "answers": tmp / "page",
            "sites": tmp / "sites",
        }
        (tmp / "page").mkdir()
        shutil.copy(HERE / "answers" / "ab.mjs", tmp / "page" / "ab.mjs")
        vocabulary = engines.Vocabulary()
        sites = {}
        for size in sizes:
            pages = engines.site_pages(size, vocabulary)
            html = engines.html_of(pages)
            (tmp / "sites" / "B" / str(size)).mkdir(parents=True)
            engines.write_site(tmp / "sites" / "B" / str(size), pages, html, ["ours"])
            build_site_at(tmp / "a", tmp / "sites" / "A" / str(size), size)
            sites[size] = engines.questions(pages, html, vocabulary)
        server = engines.serve(roots, PAGE)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with sync_playwright() as p:
            chromium = {"executable_path": engines.CHROMIUM, "args": engines.CHROMIUM_ARGS}
            browser = p.chromium.launch(**chromium)
            for size in sizes:
                load = os.getloadavg()[0]
                got: dict[str, list[dict[str, Any]]] = {"A": [], "B": []}
                for n in range(visits):
                    for side in ("A", "B") if n % 2 == 0 else ("B", "A"):
                        got[side].append(visit(browser, base, side, size, sites[size]))
                span = f"{load:.1f}-{os.getloadavg()[0]:.1f}"
                for side in ("A", "B"):
                    thread = [v["thread"] for v in got[side]]
                    clock = [v["clock"] for v in got[side]]
                    pasted = [ms for v in got[side] for ms in v["pasted"]]
                    # Each visit fetches what its own earlier questions did not: the first's.
                    files = got[side][0]["files"]
                    terms = statistics.mean(t for t, _ in files)
                    chunks = statistics.mean(c for _, c in files)
                    rows.append([size, f"{side} ({args.base if side == 'A' else 'tree'})",
                                 f"{statistics.median(thread):.0f}", f"{max(thread):.0f}",
                                 f"{statistics.median(clock):.0f}", f"{max(clock):.0f}",
                                 f"{statistics.median(pasted):.0f}", f"{p95(pasted):.0f}",
                                 len(pasted), f"{terms:.2f} + {chunks:.2f}", span])  # fmt: skip
            browser.close()
        server.shutdown()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    section(f"per site size, {visits} visits a side, taking turns (CPU 4x slower)")
    table(
        ["pages", "code", "first: thread ms, median", "max", "first: clock ms, median", "max",
         "pasted ms, median", "pasted p95", "questions", "files: term + section", "load"],
        rows,
    )  # fmt: skip


if __name__ == "__main__":
    main()
