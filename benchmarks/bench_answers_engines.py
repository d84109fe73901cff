"""Which engine answers: ours (index.py + rank.js), MiniSearch and Pagefind, side by side.

Generated sites of 100, 1,000 and 10,000 pages (text with a Zipf vocabulary of
20,000 words, as real prose has, in 4 sections a page, with a code block and a list;
gen_site.py's 34-word text would make every word appear on every page). Each engine
indexes the same pages:

- ours: mkdocs_chatspark.answers.build() over the pages' HTML (per-term shards),
  written as the plugin writes them (each file a script: answering.index_scripts) and
  loaded by the widget's own loader (panel.js scriptLoader, paced);
- MiniSearch 7.2.0 (npm, pinned in package.json): one JSON index of the same
  sections, built in Node, loaded with MiniSearch.loadJSON; fields title, heading,
  text; prefix and fuzzy search, as a docs search box would use it;
- Pagefind 1.5.2 (PyPI `pagefind[bin]`): its CLI over the same pages as HTML files;
  its index loads in chunks, its WASM decodes them. It is asked the question's words
  less the commonest (`keywords`): it finds only pages that hold every word.

In headless Chromium with the CPU slowed 4x (CDP Emulation.setCPUThrottlingRate),
served gzipped by a local server, each engine answers 31 questions made from
words of random sections (the first loads the engine and its index):

- first kB: bytes the server sent (gzipped bodies) for the first answer, engine code
  included (counted at the server: a worker's fetches count too);
- first ms: time from the question to the first answer's three sources;
- later p95: 95th percentile of the next 20 answers' times, each question typed first
  (TYPING_MS a character, Enter TYPING_MS after the last) and timed from Enter;
- sent at once p95: the same for the last 10, sent without typing (pasted);
- long task: the longest task the page saw (PerformanceObserver), by the clock: on a
  loaded machine it counts the time the OS gave other processes;
- longest, thread ms: the longest task of the page's main thread in that thread's own
  time (Chromium's trace), which load does not inflate; under the 4x throttle it
  counts only part of the throttle's wait (a 80 ms loop at 1x: 215 ms of thread time
  at 4x, 575 ms by the clock at load 8), so it is a floor, not the figure;
- heap MB: JavaScript heap after the answers, less before (after a garbage collection);
- build s: the engine's index build (the clock's); at 1,000 pages also its share of a
  real MkDocs build of the same Markdown (theme mkdocs, search plugin), both in CPU
  seconds (the clock counts other processes' work on a shared machine).
- hit@3: the question's page among the first three sources (a sanity check only);
- a word with a typing slip (ours only, rank.js in Node, each question an index of its
  own): every question again with two letters of its longest word swapped; the term
  and word files each loads and their gzipped kB (meta.json and the section files aside);
- load: the machine's 1-minute load average as the engine's run began and ended (on
  a shared machine, times under a load over the core count are inflated and noisy).

    python benchmarks/bench_answers_engines.py           # 100, 1,000, 10,000 pages (~15 min)
    python benchmarks/bench_answers_engines.py --quick   # 100 pages, no MkDocs build (~1 min)
    python benchmarks/bench_answers_engines.py --pages 1000 --engines ours  # one engine
"""

from __future__ import annotations

import bisect
import gzip
import http.server
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
from benchlib import arg_parser, header, int_list, section, str_list, table, verdict
from playwright.sync_api import sync_playwright

from mkdocs_chatspark.answering import INDEX_FOLDER, index_scripts
from mkdocs_chatspark.answers import Page, build, sections

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support import CHROMIUM, CHROMIUM_ARGS

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "mkdocs_chatspark" / "assets" / "src"
ENGINES = ("ours", "minisearch", "pagefind")
CPU_SLOWDOWN = 4
QUESTIONS = 21
SENT_AT_ONCE = 10
"""Questions after those, sent without typing (pasted): no engine sees them coming."""
TYPING_MS = 80
"""A later question is typed a character every TYPING_MS (about 150 words a minute,
faster than nearly every reader: less time to get ready) and sent TYPING_MS after
its last character; its time runs from that Enter to the answer."""

FIRST_KB = {1000: 100, 10000: 300}
"""Gzipped kB fetched for the first answer, at most (issue 21)."""
LATER_MS = 50.0
LONG_TASK_MS = 50.0
BUILD_SHARE = 0.10
"""The index build adds at most this share to a 1,000-page MkDocs build."""

STOP = """the a of to and in is for that it with as on be this are by or from an at can
you not which when your if will all has more how do i"""
"""The commonest words, drawn most often: a question's "how do I" is in the text, as in
real docs (Pagefind finds only pages that have every word of a query)."""
SYLLABLES = """ba be bi bo bu ca ce co da de di do fa fe fi ga ge go ka ke ki ko la le li lo
ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi zo"""


class Vocabulary:
    """Stop words first, then 20,000 made-up words, drawn with Zipf's law (1/rank)."""

    def __init__(self, size: int = 20_000) -> None:
        rng = random.Random(7)
        syllables = SYLLABLES.split()
        made: set[str] = set()
        while len(made) < size:
            made.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
        # sorted first: a set's order changes with each interpreter's string hashing.
        self.words = STOP.split() + sorted(sorted(made), key=lambda w: (rng.random(), w))
        total = 0.0
        self.cumulative = []
        for rank in range(len(self.words)):
            total += 1 / (rank + 1)
            self.cumulative.append(total)

    def pick(self, rng: random.Random) -> str:
        return self.words[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def sentence(self, rng: random.Random, words: int) -> str:
        text = " ".join(self.pick(rng) for _ in range(words))
        return text[0].upper() + text[1:] + "."


@dataclass(frozen=True)
class SitePage:
    url: str
    title: str
    markdown: str


def site_pages(pages: int, vocabulary: Vocabulary) -> list[SitePage]:
    """Deterministic pages: a title, an intro, four sections (one with code, one a list)."""
    out = []
    for n in range(pages):
        rng = random.Random(n)
        title = " ".join(vocabulary.words[40 + rng.randrange(3000)] for _ in range(3)).title()
        parts = [f"# {title}\n", " ".join(vocabulary.sentence(rng, 12) for _ in range(3)) + "\n"]
        for k in range(4):
            heading = " ".join(vocabulary.words[40 + rng.randrange(5000)] for _ in range(2))
            parts.append(f"## {heading.title()}\n")
            parts.append(
                " ".join(vocabulary.sentence(rng, rng.randint(8, 16)) for _ in range(4)) + "\n"
            )
            if k == 1:
                parts.append(f"```python\ndef {heading.replace(' ', '_')}(x):\n    return x\n```\n")
            if k == 2:
                parts.append("".join(f"- {vocabulary.sentence(rng, 6)}\n" for _ in range(4)))
        folder = f"section-{n // 50:03d}/" if n else ""
        url = f"{folder}page-{n:05d}/" if n else ""
        out.append(SitePage(url, title, "\n".join(parts)))
    return out


def html_of(pages: list[SitePage]) -> list[str]:
    md = markdown.Markdown(extensions=["toc", "fenced_code"])
    out = []
    for page in pages:
        out.append(md.reset().convert(page.markdown))
    return out


def questions(pages: list[SitePage], html: list[str], vocabulary: Vocabulary) -> list[Any]:
    """Three words from a random section of a random page: (question, page URL)."""
    rng = random.Random(11)
    stop = set(vocabulary.words[:300])
    out = []
    while len(out) < QUESTIONS + SENT_AT_ONCE:
        n = rng.randrange(len(pages))
        parts = sections(html[n], pages[n].title)
        text = rng.choice(parts).text.lower().replace(".", "").split()
        words = [w for w in text if w not in stop]
        if len(words) >= 3:
            picked = rng.sample(words, 3)
            out.append((f"how do I {picked[0]} the {picked[1]} {picked[2]}", pages[n].url))
    return out


def children_cpu() -> float:
    """CPU seconds (user and system) of the subprocesses that have ended."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def write_site(
    root: Path, pages: list[SitePage], html: list[str], engines: list[str]
) -> tuple[dict[str, float], dict[str, float]]:
    """Each engine's index under root (ours always); the seconds each build took, and
    its CPU seconds."""
    seconds: dict[str, float] = {}
    cpu: dict[str, float] = {}
    start, start_cpu = time.perf_counter(), time.process_time()
    files = build(Page(p.url, p.title, h) for p, h in zip(pages, html))
    # As the plugin writes them: each JSON file as a script (answering.index_scripts).
    scripts, _ = index_scripts({n.removeprefix("en/"): t for n, t in files.items()}, "en")
    seconds["ours"] = time.perf_counter() - start
    cpu["ours"] = time.process_time() - start_cpu
    for name, text in files.items():  # the JSON too, for slips() in Node
        path = root / "ours-json" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, text in scripts.items():
        path = root / "ours" / name.removeprefix(f"{INDEX_FOLDER}/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if "minisearch" in engines:
        build_minisearch(root, pages, html, seconds, cpu)
    if "pagefind" in engines:
        build_pagefind(root, pages, html, seconds, cpu)
    return seconds, cpu


def build_minisearch(
    root: Path,
    pages: list[SitePage],
    html: list[str],
    seconds: dict[str, float],
    cpu: dict[str, float],
) -> None:
    rows = []
    for p, h in zip(pages, html):
        for s in sections(h, p.title):
            rows.append(
                {
                    "id": len(rows),
                    "url": p.url,
                    "title": p.title,
                    "heading": s.heading,
                    "anchor": s.anchor,
                    "text": f"{s.text} {s.code}",
                }
            )
    (root / "sections.json").write_text(json.dumps(rows), encoding="utf-8")
    (root / "minisearch").mkdir()
    start, start_cpu = time.perf_counter(), children_cpu()
    subprocess.run(
        [
            "node",
            str(HERE / "answers" / "minisearch_build.mjs"),
            "sections.json",
            "minisearch",
        ],
        cwd=root,
        check=True,
    )
    seconds["minisearch"] = time.perf_counter() - start
    cpu["minisearch"] = children_cpu() - start_cpu


def build_pagefind(
    root: Path,
    pages: list[SitePage],
    html: list[str],
    seconds: dict[str, float],
    cpu: dict[str, float],
) -> None:
    site = root / "html"
    for p, h in zip(pages, html):
        path = site / p.url / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{p.title}</title>'
            f"</head><body><main data-pagefind-body>{h}</main></body></html>",
            encoding="utf-8",
        )
    start, start_cpu = time.perf_counter(), children_cpu()
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path",
         str(root / "pagefind"), "--quiet"],
        check=True,
    )  # fmt: skip
    seconds["pagefind"] = time.perf_counter() - start
    cpu["pagefind"] = children_cpu() - start_cpu


def slipped(question: str) -> str:
    """The question with a typing slip in its longest word: two letters in its middle swapped."""
    word = max(question.split(), key=len)
    i = len(word) // 2
    return question.replace(word, word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :], 1)


def slips(root: Path, asked: list[Any]) -> tuple[float, int, float, float, int]:
    """Ours in Node (answers/ask.mjs, each question an index of its own) on every
    question with a typing slip: the term and word files each loads (meta.json and the
    section files aside), their kB gzipped, median and max; and the answers found."""
    folder = root / "ours-json" / "en"
    done = subprocess.run(
        ["node", str(HERE / "answers" / "ask.mjs"), str(folder)],
        input=json.dumps({"questions": [slipped(q) for q, _ in asked], "fresh": True}),
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    counts, sizes, found = [], [], 0
    for result in json.loads(done.stdout):
        names = [n for n in result["files"] if n[0] in "tw"]
        counts.append(len(names))
        sizes.append(sum(len(gzip.compress((folder / n).read_bytes(), 6, mtime=0)) for n in names))
        found += int(result["found"])
    median = statistics.median
    return median(counts), max(counts), median(sizes) / 1000, max(sizes) / 1000, found


def mkdocs_build_cpu(root: Path, pages: list[SitePage]) -> float:
    """A real MkDocs build of the same Markdown (theme mkdocs, search), in a fresh
    process: its CPU seconds. CPU time, not the clock's: on a machine others share,
    the clock counts their work too, and the two builds are not timed together."""
    docs = root / "mkdocs" / "docs"
    for page in pages:
        path = docs / (f"{page.url}index.md" if page.url else "index.md")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
    config = root / "mkdocs" / "mkdocs.yml"
    config.write_text(
        "site_name: Engines\ntheme: {name: mkdocs, highlightjs: false}\n"
        "markdown_extensions: [toc, fenced_code]\nplugins: [search]\n",
        encoding="utf-8",
    )
    start = children_cpu()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True)
    return children_cpu() - start


TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
         ".html": "text/html", ".wasm": "application/wasm", ".css": "text/css"}  # fmt: skip


SENT = {"bytes": 0}
"""Body bytes the server has sent: counted here, not in the page's resource timings,
which miss what a worker fetches (Pagefind loads its WASM and index in one)."""


def serve(roots: dict[str, Path], page: str) -> http.server.ThreadingHTTPServer:
    """A local server: gzip for text (as a web server sends it), files as they are otherwise."""
    cache: dict[Path, bytes] = {}
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            if path == "/engines.html":
                body, kind, zipped = page.encode(), "text/html", False
            else:
                prefix, _, rest = path.lstrip("/").partition("/")
                base = roots.get(prefix)
                file = (base / rest) if base else None
                if file is None or not file.is_file():
                    self.send_error(404)
                    return
                kind = TYPES.get(file.suffix, "application/octet-stream")
                zipped = kind != "application/octet-stream" and kind != "application/wasm"
                with lock:
                    if file not in cache:
                        raw = file.read_bytes()
                        cache[file] = gzip.compress(raw, 6, mtime=0) if zipped else raw
                    body = cache[file]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Cache-Control", "no-store")
            if zipped:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            with lock:
                SENT["bytes"] += len(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>engines</title></head><body>"
    "<script type='module' src='/answers/engines.mjs'></script></body></html>"
)


def keywords(question: str) -> str:
    """The question as a reader types it into a search box: without its commonest words.
    Pagefind finds only pages that hold every word of a query, and no page holds the
    "how do I" of every question (with the whole question it found 8 of 21 at 100 pages)."""
    stop = set(STOP.split())
    return " ".join(word for word in question.split() if word.lower() not in stop)


def longest_task_thread_ms(trace: bytes) -> float:
    """The longest task of the page's main thread in the thread's own time (Chromium's
    trace: a RunTask's `tdur`), which leaves out the time the OS gave other processes:
    on a loaded machine the long-task observer sees 200 ms tasks of 5 ms of work."""
    events = json.loads(trace)["traceEvents"]
    main = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"
    }
    return max(
        (
            e.get("tdur", 0) / 1000
            for e in events
            if e.get("ph") == "X"
            and e.get("name") == "ThreadControllerImpl::RunTask"
            and (e.get("pid"), e.get("tid")) in main
        ),
        default=0.0,
    )


def measure(browser: Any, base: str, engine: str, site: str, asked: list[Any]) -> dict[str, Any]:
    if engine == "pagefind":
        asked = [(keywords(question), url) for question, url in asked]
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{base}/engines.html?engine={engine}&site={site}")
        page.wait_for_function("window.engineReady === true")
        cdp = context.new_cdp_session(page)
        cdp.send("HeapProfiler.enable")
        cdp.send("HeapProfiler.collectGarbage")
        heap_before = cdp.send("Runtime.getHeapUsage")["usedSize"]
        seen = SENT["bytes"]
        browser.start_tracing(page=page, categories=["toplevel"])
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        first = page.evaluate("q => window.ask(q)", asked[0][0])
        fetched = SENT["bytes"] - seen
        later = []
        hits = int(any(s.split("#")[0] == asked[0][1] for s in first["sources"]))
        for question, url in asked[1:QUESTIONS]:
            page.evaluate("([q, ms]) => window.type(q, ms)", [question, TYPING_MS])
            result = page.evaluate("q => window.ask(q)", question)
            later.append(result["ms"])
            hits += int(any(s.split("#")[0] == url for s in result["sources"]))
        at_once = [page.evaluate("q => window.ask(q)", q)["ms"] for q, _ in asked[QUESTIONS:]]
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        thread_ms = longest_task_thread_ms(browser.stop_tracing())
        cdp.send("HeapProfiler.collectGarbage")
        heap_after = cdp.send("Runtime.getHeapUsage")["usedSize"]
        long_tasks = page.evaluate("window.longTasks")
        return {
            "first_kb": fetched / 1000,
            "first_ms": first["ms"],
            "later_p95": statistics.quantiles(later, n=20)[-1] if len(later) > 1 else later[0],
            "at_once_p95": statistics.quantiles(at_once, n=20)[-1],
            "long_task": max(long_tasks, default=0.0),
            "thread_ms": thread_ms,
            "heap_mb": (heap_after - heap_before) / 1e6,
            "hits": hits,
        }
    finally:
        context.close()


def main() -> None:
    parser = arg_parser(__doc__)
    parser.add_argument("--pages", type=int_list, default=None, help="site sizes: 100,1000,10000")
    parser.add_argument(
        "--engines", type=str_list, default=list(ENGINES), help="ours,minisearch,pagefind"
    )
    args = parser.parse_args()
    if unknown := set(args.engines) - set(ENGINES):
        parser.error(f"--engines: {', '.join(sorted(unknown))} is not one of {', '.join(ENGINES)}")
    sizes = args.pages or ([100] if args.quick else [100, 1000, 10000])
    header("Answers engines: ours, MiniSearch, Pagefind", args.quick)
    vocabulary = Vocabulary()
    rows = []
    slip_rows: list[list[Any]] = []
    tmp = Path(tempfile.mkdtemp(prefix="answers-engines-"))
    try:
        sites: dict[int, Any] = {}
        for size in sizes:
            pages = site_pages(size, vocabulary)
            html = html_of(pages)
            root = tmp / "sites" / str(size)
            root.mkdir(parents=True)
            seconds, cpu = write_site(root, pages, html, args.engines)
            mkdocs_s = mkdocs_build_cpu(root, pages) if size == 1000 else None
            sites[size] = (questions(pages, html, vocabulary), seconds, cpu, mkdocs_s)
            print(
                f"   {size} pages: indexes built"
                + (f", MkDocs build {mkdocs_s:.1f} s of CPU" if mkdocs_s else "")
            )
        roots = {
            "src": SRC,
            "answers": HERE / "answers",
            "node_modules": HERE / "node_modules",
            "sites": tmp / "sites",
        }
        server = serve(roots, PAGE)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print(f"   Chromium {browser.version}, CPU slowed {CPU_SLOWDOWN}x")
            for size in sizes:
                asked, seconds, cpu, mkdocs_s = sites[size]
                for engine in args.engines:
                    load = os.getloadavg()[0]
                    m = measure(browser, base, engine, str(size), asked)
                    load_span = f"{load:.1f}-{os.getloadavg()[0]:.1f}"
                    share = f"{cpu[engine] / mkdocs_s:.1%}" if mkdocs_s else ""
                    rows.append([size, engine, f"{m['first_kb']:.1f}", f"{m['first_ms']:.0f}",
                                 f"{m['later_p95']:.1f}", f"{m['at_once_p95']:.0f}",
                                 f"{m['long_task']:.0f}", f"{m['thread_ms']:.0f}",
                                 f"{m['heap_mb']:.1f}", f"{seconds[engine]:.1f}", share,
                                 f"{m['hits']}/{QUESTIONS}", load_span])  # fmt: skip
            browser.close()
        server.shutdown()
        for size in sizes:
            slip_rows.append([size, *slips(tmp / "sites" / str(size), sites[size][0])])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    section("per site size and engine (CPU 4x slower)")
    table(
        ["pages", "engine", "first kB", "first ms", "later p95 ms", "sent at once p95",
         "long task ms", "longest, thread ms", "heap MB",
         "build s", "of MkDocs", "hit@3", "load"],
        rows,
    )  # fmt: skip
    section("ours, a word with a typing slip: term and word files per question (Node)")
    table(
        ["pages", "files, median", "files, max", "kB gz, median", "kB gz, max", "found"],
        [[size, f"{a:g}", b, f"{c:.1f}", f"{d:.1f}", f"{e}/{len(sites[size][0])}"]
         for size, a, b, c, d, e in slip_rows],
    )  # fmt: skip
    section("targets for ours")
    for row in rows:
        if row[1] != "ours":
            continue
        size = int(row[0])
        if size in FIRST_KB:
            print(
                f"   {size} pages, first answer kB: {verdict(float(row[2]), FIRST_KB[size], ' kB')}"
            )
        print(f"   {size} pages, later answers p95: {verdict(float(row[4]), LATER_MS, ' ms')}")
        print(f"   {size} pages, sent at once p95: {verdict(float(row[5]), LATER_MS, ' ms')}")
        print(f"   {size} pages, longest task: {verdict(float(row[6]), LONG_TASK_MS, ' ms')}")
        print(
            f"   {size} pages, longest task in thread time (a floor): "
            f"{verdict(float(row[7]), LONG_TASK_MS, ' ms')}"
        )
        if row[10]:
            share = float(row[10].rstrip("%")) / 100
            print(f"   {size} pages, build share: {verdict(share, BUILD_SHARE)}")


if __name__ == "__main__":
    main()
