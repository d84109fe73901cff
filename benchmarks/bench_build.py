"""Build time with the plugin over build time without it, and the plugin's own time per page.

For each theme and site size, a generated site (gen_site.py) is built with the
plugin enabled and disabled through `enabled: !ENV [CHATSPARK, true]`: one
unmeasured build of each, then pairs that take turns at going first (off on,
on off, ...). Every build runs in a fresh interpreter, as `mkdocs build` does,
and is timed inside it from loading the config to the end of the build, so
neither interpreter start-up nor what earlier builds left in memory is counted.
The plugin's own code is timed there too, each method wrapped with perf_counter:
its hooks, and the Markdown extension it registers (which runs inside MkDocs'
conversion of each page, outside any hook).

    python benchmarks/bench_build.py            # N = 100, 300, 1000; 8 pairs
    python benchmarks/bench_build.py --quick    # N = 20, 50; 2 pairs
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from benchlib import (
    Pairs,
    alternate,
    arg_parser,
    build_site,
    header,
    int_list,
    section,
    str_list,
    table,
    verdict,
)
from gen_site import THEMES, generate
from markdown.extensions import Extension
from markdown.util import Processor

from mkdocs_chatspark import cta
from mkdocs_chatspark.plugin import ChatSparkPlugin

HOOKS = tuple(name for name in vars(ChatSparkPlugin) if name.startswith("on_"))
"""Every event handler the plugin defines (on_config, on_files, on_post_page ...)."""
MARKDOWN = "markdown"
"""The Markdown extension the plugin registers: it runs inside MkDocs' conversion of
each page, outside the plugin's hooks."""
PARTS = (*HOOKS, MARKDOWN)
RATIO_TARGET = 1.02
RATIO_TARGET_FROM = 300
"""The build-time target applies from this many pages on."""
PER_PAGE_TARGET_MS = 0.2


# --- one build, in a fresh interpreter ------------------------------------------------


def timed_methods() -> list[tuple[str, type, str]]:
    """(part, class, method) for all the plugin's code that a build runs: its hooks,
    and its Markdown extension's extendMarkdown and processors."""
    methods: list[tuple[str, type, str]] = [(name, ChatSparkPlugin, name) for name in HOOKS]
    for cls in vars(cta).values():
        ours = isinstance(cls, type) and cls.__module__ == cta.__name__
        if ours and issubclass(cls, (Extension, Processor)):
            for name in ("extendMarkdown", "run", "handleMatch"):
                if name in vars(cls):
                    methods.append((MARKDOWN, cls, name))
    return methods


@contextmanager
def timed_plugin() -> Iterator[dict[str, float]]:
    """Wrap the plugin's methods (on their classes, before MkDocs creates the plugin)
    with perf_counter accumulators: seconds per part. The originals go back after."""
    seconds = dict.fromkeys(PARTS, 0.0)
    methods = [(part, cls, name, cls.__dict__[name]) for part, cls, name in timed_methods()]

    def timed(part: str, method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)  # keeps `mkdocs_priority` from @event_priority
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                seconds[part] += time.perf_counter() - start

        return wrapper

    for part, cls, name, method in methods:
        setattr(cls, name, timed(part, method))
    try:
        yield seconds
    finally:
        for _, cls, name, method in methods:
            setattr(cls, name, method)


@dataclass(frozen=True)
class Sample:
    seconds: float
    parts: dict[str, float]


def build_here(config_file: Path, site_dir: Path, plugin: bool) -> Sample:
    with timed_plugin() as parts:
        seconds = build_site(config_file, site_dir, plugin=plugin)
    return Sample(seconds, parts)


def build_apart(config_file: Path, site_dir: Path, plugin: bool) -> Sample:
    """build_here in a child interpreter (this script with --one-build)."""
    args = [sys.executable, __file__, "--one-build", str(config_file), str(site_dir)]
    result = subprocess.run(
        [*args, "on" if plugin else "off"], capture_output=True, text=True, check=False
    )
    if result.returncode:
        sys.exit(f"BROKEN: the build of {config_file} failed:\n{result.stderr}")
    data = json.loads(result.stdout)
    return Sample(data["seconds"], data["parts"])


# --- a site size, pairs of builds ---------------------------------------------------------


@dataclass(frozen=True)
class Result:
    theme: str
    pages: int
    times: Pairs
    """Seconds; a: plugin disabled, b: plugin enabled."""
    parts: list[dict[str, float]]
    """Seconds in each part of the plugin, in each enabled build."""

    def part_ms(self, name: str) -> float:
        return statistics.median(p[name] for p in self.parts) * 1000

    @property
    def own_seconds(self) -> float:
        return statistics.median(sum(p.values()) for p in self.parts)

    @property
    def per_page_ms(self) -> float:
        return self.own_seconds * 1000 / self.pages

    @property
    def own_ratio(self) -> float:
        """1 + the plugin's own time over the build without it: the ratio its code alone
        accounts for, which the noise of whole builds does not blur."""
        return 1 + self.own_seconds / statistics.median(self.times.a)


def measure(theme: str, pages: int, pairs: int, *, control: bool = False) -> Result:
    """Pairs of builds without and with the plugin; with `control`, without it in both
    (an A/A run: what the machine's noise alone does to the ratios)."""
    with tempfile.TemporaryDirectory(prefix="chatspark-bench-") as tmp:
        root = Path(tmp)
        config_file = generate(root, pages, theme)
        off = functools.partial(build_apart, config_file, root / "off", False)
        on = functools.partial(build_apart, config_file, root / "on", not control)
        on()  # warm-up: the file cache, Python's bytecode cache
        off()
        samples = list(alternate(pairs, off, on))
    return Result(
        theme,
        pages,
        Pairs(tuple(a.seconds for a, _ in samples), tuple(b.seconds for _, b in samples)),
        [b.parts for _, b in samples],
    )


def report(results: list[Result], *, control: bool = False) -> None:
    title = "control: both without the plugin" if control else "plugin on / off"
    section(f"Build time, {title} (target <= {RATIO_TARGET} from N = {RATIO_TARGET_FROM})")
    table(
        [
            *("theme", "pages", "pairs", "off s", "on s"),
            *("on/off", "spread", "fastest", "1 + own", "verdict"),
        ],
        [
            [
                r.theme,
                r.pages,
                len(r.times.a),
                f"{statistics.median(r.times.a):.2f}",
                f"{statistics.median(r.times.b):.2f}",
                f"{r.times.ratio:.3f}",
                r.times.spread,
                f"{r.times.best_ratio:.3f}",
                f"{r.own_ratio:.3f}",
                verdict(r.times.ratio, RATIO_TARGET) if r.pages >= RATIO_TARGET_FROM else "(info)",
            ]
            for r in results
        ],
    )
    print(
        "off s, on s: medians. on/off: median of the pairs' ratios (the verdict's); spread: "
        "their range;\nfastest: fastest on / fastest off; 1 + own: 1 + the plugin's own time "
        "(below) / off s."
    )
    if control:
        return
    section(f"The plugin's own time, enabled builds (target < {PER_PAGE_TARGET_MS} ms per page)")
    table(
        ["theme", "pages", *(f"{p.removeprefix('on_')} ms" for p in PARTS), "ms/page", "verdict"],
        [
            [
                r.theme,
                r.pages,
                *(f"{r.part_ms(p):.2f}" for p in PARTS),
                f"{r.per_page_ms:.4f}",
                verdict(r.per_page_ms, PER_PAGE_TARGET_MS, " ms"),
            ]
            for r in results
        ],
    )
    for theme in dict.fromkeys(r.theme for r in results):
        runs = sorted((r for r in results if r.theme == theme), key=lambda r: r.pages)
        if len(runs) > 1:
            small, large = runs[0], runs[-1]
            print(
                f"flatness, {theme}: per page at N = {large.pages} is "
                f"{large.per_page_ms / small.per_page_ms:.2f}x that at N = {small.pages}"
            )


def main() -> int:
    parser = arg_parser(__doc__)
    parser.add_argument("--pages", type=int_list, help="site sizes, e.g. 100,300,1000")
    parser.add_argument("--pairs", type=int, help="off/on pairs per size (full: 8)")
    parser.add_argument("--themes", type=str_list, default=list(THEMES), help="mkdocs,material")
    parser.add_argument(
        "--control",
        action="store_true",
        help="build without the plugin in both arms: the ratios show the machine's noise",
    )
    parser.add_argument("--one-build", nargs=3, help=argparse.SUPPRESS)  # the child's work
    args = parser.parse_args()
    if args.one_build:
        config_file, site_dir, switch = args.one_build
        sample = build_here(Path(config_file), Path(site_dir), switch == "on")
        print(json.dumps({"seconds": sample.seconds, "parts": sample.parts}))
        return 0

    sizes = args.pages or ([20, 50] if args.quick else [100, 300, 1000])
    pairs = args.pairs or (2 if args.quick else 8)
    arms = "plugin disabled in both (control)" if args.control else "plugin disabled/enabled"
    header(f"bench_build: one build per interpreter, {arms}", args.quick)
    results = []
    for theme in args.themes:
        for pages in sizes:
            result = measure(theme, pages, pairs, control=args.control)
            print(
                f"   {theme:8} N={pages:<5} on/off {result.times.ratio:.3f} "
                f"({result.times.spread}), fastest {result.times.best_ratio:.3f}; "
                f"plugin {result.per_page_ms:.4f} ms/page",
                flush=True,
            )
            results.append(result)
    report(results, control=args.control)
    return 0


if __name__ == "__main__":
    sys.exit(main())
