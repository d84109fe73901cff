"""The Ask box as a reader meets it: the real widget on a real MkDocs site, timed from Enter.

bench_answers_engines.py times each engine's `answer()` on a bare page; a reader waits
for more: the widget's own work (the turn drawn, the answer's nodes, the layout, the
conversation kept in sessionStorage) on a theme's page. Here the same generated pages
(bench_answers_engines.py: a Zipf vocabulary of 20,000 words, 4 sections a page) are
built by MkDocs with Material and the plugin (`mkdocs build`, the package as installed),
served gzipped and cacheable as GitHub Pages serves a site, and asked in headless
Chromium with the CPU slowed 4x, through the page's own Ask box:

- first ms: the first question, sent as soon as the box has focus (the answers part
  and the index start loading at that focus), from Enter to its answer in the log;
- typed: the next 20 questions typed a key at a time (Playwright's key events,
  TYPING_MS apart: faster than nearly every reader), Enter TYPING_MS after the last;
- pasted: the last 10 put in the box at once (one input event, as a paste gives) and
  sent with no pause at all (Playwright's `fill` then Enter): no answer ahead has time
  to finish, so each waits for its index files;
- each time runs from the Enter key's `keydown` to the answer's node in the log (a
  MutationObserver): what the reader sees follows at the next frame;
- long task: the longest the page's long-task observer saw while the questions were
  asked (by the clock: on a loaded machine it counts the time the OS gave others);
- load: the 1-minute load average as each size began and ended.

Material draws the whole navigation into every page (12,000 elements at 1,000
pages) and watches it with IntersectionObservers: every frame the page draws
while a reader types (in our box or in Material's own search box alike) spends
40-150 ms of the slowed main thread computing their intersections (Chromium's
trace, 3 Dec 2026). Those frames are the page's own long tasks, and they delay
an answer drawn behind them; `--theme mkdocs` times the same widget without them.

`--latency MS` adds MS to each request once the page has loaded (Chromium's network
emulation: a reader's round trip to the site's host); `--first-only` times only the
first question of each visit, the one a round trip more or less moves most.

`--against DIST` times a second copy of each site whose widget files are those of
another build of `mkdocs_chatspark/assets/dist` (main's, say), the two taking turns
visit by visit, so a change to the widget is compared in one run on one machine.

    python benchmarks/bench_answers_widget.py             # 100 and 1,000 pages, 2 visits (~15 min)
    python benchmarks/bench_answers_widget.py --quick     # 100 pages, 1 visit (~2 min)
    python benchmarks/bench_answers_widget.py --pages 1000 --visits 4 --against /tmp/main-dist
    python benchmarks/bench_answers_widget.py --pages 1000 --visits 8 --first-only \
        --latency 100 --theme mkdocs --against /tmp/main-dist   # the first question only
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

from bench_answers_engines import (
    CPU_SLOWDOWN,
    LATER_MS,
    LONG_TASK_MS,
    QUESTIONS,
    TYPING_MS,
    Vocabulary,
    questions,
    site_pages,
)
from bench_answers_engines import html_of as pages_html
from bench_browser import serve
from benchlib import arg_parser, header, int_list, section, table, verdict
from gen_site import THEMES
from playwright.sync_api import sync_playwright

from mkdocs_chatspark.render import ASSET_DIR

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support import CHROMIUM, CHROMIUM_ARGS

WATCH = """() => {
  const root = document.querySelector('div[data-chatspark]').shadowRoot;
  const log = root.querySelector('[role=log]');
  const seen = log.querySelectorAll('.chatspark-answer').length;
  const t = (window.__answers = { enter: 0, ms: [], seen });
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') t.enter = performance.now();
  }, true);
  new MutationObserver(() => {
    const n = log.querySelectorAll('.chatspark-answer').length;
    if (n > t.seen) { t.seen = n; t.ms.push(performance.now() - t.enter); }
  }).observe(log, { childList: true, subtree: true });
}"""
"""Times each answer from its Enter to its node in the log."""

LONG_TASKS = """window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push(e.duration);
}).observe({ type: 'longtask', buffered: true });"""


def write_site(root: Path, size: int, vocabulary: Vocabulary, theme: str) -> list[Any]:
    """The generated pages as an MkDocs site (the theme, search, chatspark), built; the
    questions to ask of it."""
    pages = site_pages(size, vocabulary)
    docs = root / "docs"
    for page in pages:
        path = docs / (f"{page.url}index.md" if page.url else "index.md")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        f"site_name: Answers\ntheme: {{name: {theme}}}\n"
        "markdown_extensions: [toc, fenced_code]\nplugins: [search, chatspark]\n",
        encoding="utf-8",
    )
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")],
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return questions(pages, pages_html(pages), vocabulary)


def with_dist(site: Path, dist: Path, out: Path) -> Path:
    """A copy of the built site whose widget files are those of another dist folder."""
    shutil.copytree(site, out)
    for file in dist.iterdir():
        target = out / ASSET_DIR / file.name
        if target.exists():
            shutil.copyfile(file, target)
    return out


def visit(
    browser: Any, url: str, asked: list[Any], latency: float = 0, first_only: bool = False
) -> dict[str, Any]:
    """One reader's visit: the first question, the typed ones, the pasted ones.
    `latency`: ms added to each request after the page has loaded (Chromium's network
    emulation), as a reader's round trip to the site's host adds them."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.add_init_script(LONG_TASKS)
        page.goto(url)
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        if latency:
            cdp.send("Network.enable")
            cdp.send(
                "Network.emulateNetworkConditions",
                {
                    "offline": False,
                    "latency": latency,
                    "downloadThroughput": -1,
                    "uploadThroughput": -1,
                },
            )
        page.get_by_role("button", name="Open chat").click()
        box = page.get_by_role("textbox", name=re.compile("Ask")).element_handle()
        page.evaluate(WATCH)
        box.click()

        def answered(count: int) -> None:
            page.wait_for_function("n => window.__answers.ms.length >= n", arg=count, polling=20)

        box.fill(asked[0][0])
        box.press("Enter")
        answered(1)
        if first_only:
            ms = page.evaluate("window.__answers.ms")
            return {"first": ms[0], "typed": [], "pasted": [], "long": 0.0}
        page.evaluate("window.__longTasks = []")
        for n, (question, _) in enumerate(asked[1:QUESTIONS], start=2):
            box.type(question, delay=TYPING_MS)
            time.sleep(TYPING_MS / 1000)
            box.press("Enter")
            answered(n)
        for n, (question, _) in enumerate(asked[QUESTIONS:], start=QUESTIONS + 1):
            box.fill(question)
            box.press("Enter")
            answered(n)
        ms = page.evaluate("window.__answers.ms")
        return {
            "first": ms[0],
            "typed": ms[1:QUESTIONS],
            "pasted": ms[QUESTIONS:],
            "long": max(page.evaluate("window.__longTasks"), default=0.0),
        }
    finally:
        context.close()


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = arg_parser(__doc__)
    parser.add_argument("--pages", type=int_list, default=None, help="site sizes: 100,1000")
    parser.add_argument("--visits", type=int, default=None, help="visits per site (2)")
    parser.add_argument("--theme", choices=THEMES, default="material", help="material or mkdocs")
    parser.add_argument(
        "--against", type=Path, default=None, help="another build's assets/dist, timed in turns"
    )
    parser.add_argument(
        "--latency", type=float, default=0, help="ms added to each request (a round trip)"
    )
    parser.add_argument(
        "--first-only", action="store_true", help="only the first question of each visit"
    )
    args = parser.parse_args()
    sizes = args.pages or ([100] if args.quick else [100, 1000])
    visits = args.visits or (1 if args.quick else 2)
    against: Optional[Path] = args.against
    if against is not None and not (against / "answers.js").is_file():
        parser.error(f"--against: {against} has no answers.js (give an assets/dist folder)")
    header(
        f"Answers in the real widget (theme {args.theme}, CPU 4x slower"
        + (f", {args.latency:.0f} ms latency" if args.latency else "")
        + ")",
        args.quick,
    )
    vocabulary = Vocabulary()
    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="answers-widget-"))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print(f"   Chromium {browser.version}, CPU slowed {CPU_SLOWDOWN}x")
            for size in sizes:
                root = tmp / str(size)
                asked = write_site(root, size, vocabulary, args.theme)
                sites = {"this": root / "site"}
                if against is not None:
                    sites["against"] = with_dist(root / "site", against, tmp / f"{size}-against")
                page = "section-000/page-00001/"
                load = os.getloadavg()[0]
                got: dict[str, list[dict[str, Any]]] = {name: [] for name in sites}
                for n in range(visits):
                    # Taking turns, and each going first in turn: drift of a shared
                    # machine falls on both.
                    names = list(sites) if n % 2 == 0 else list(reversed(sites))
                    for name in names:
                        with serve(sites[name], like_pages=True) as base:
                            got[name].append(
                                visit(browser, base + page, asked, args.latency, args.first_only)
                            )
                span = f"{load:.1f}-{os.getloadavg()[0]:.1f}"
                for name, runs in got.items():
                    typed = [ms for r in runs for ms in r["typed"]]
                    pasted = [ms for r in runs for ms in r["pasted"]]
                    firsts = sorted(round(r["first"]) for r in runs)
                    longest = max(r["long"] for r in runs)
                    if args.first_only:
                        rows.append([size, name, f"{statistics.median(firsts):.0f}",
                                     " ".join(map(str, firsts)), span])  # fmt: skip
                        continue
                    rows.append([size, name, f"{statistics.median(firsts):.0f}",
                                 f"{statistics.median(typed):.0f}", f"{p95(typed):.0f}",
                                 f"{statistics.median(pasted):.0f}", f"{p95(pasted):.0f}",
                                 f"{longest:.0f}", len(typed) + len(pasted), span])  # fmt: skip
            browser.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.first_only:
        section(
            f"The first question, sent as the box gets focus: Enter to answer, ms ({visits} visits)"
        )
        table(["pages", "widget", "first, median", "each visit", "load"], rows)
        return
    section(f"Enter to the answer in the log, ms ({visits} visits a site)")
    table(
        ["pages", "widget", "first", "typed median", "typed p95", "pasted median", "pasted p95",
         "long task", "questions", "load"],
        rows,
    )  # fmt: skip
    section("targets (this build)")
    for row in rows:
        if row[1] != "this":
            continue
        print(f"   {row[0]} pages, typed p95: {verdict(float(row[4]), LATER_MS, ' ms')}")
        print(f"   {row[0]} pages, pasted p95: {verdict(float(row[6]), LATER_MS, ' ms')}")
        print(f"   {row[0]} pages, longest task: {verdict(float(row[7]), LONG_TASK_MS, ' ms')}")


if __name__ == "__main__":
    main()
