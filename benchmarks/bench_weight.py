"""Bytes: what the plugin adds to each page, and the size of its bundled files.

A generated site (gen_site.py) is built with the plugin enabled and disabled;
each page's HTML is compared between the two builds. The page-weight target is
for pages that show only the site actions (no front matter of their own); pages
with their own actions are shown for information. The bundled widget files are
measured as the built site ships them, raw and gzipped at level 9 (as `gzip -9`
compresses them, without the file name `gzip` would store in the header: a web
server's gzip sends none).

    python benchmarks/bench_weight.py            # 100-page sites
    python benchmarks/bench_weight.py --quick    # 20-page sites
"""

from __future__ import annotations

import gzip
import re
import statistics
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from benchlib import (
    Variants,
    arg_parser,
    build_variants,
    header,
    section,
    str_list,
    table,
    verdict,
)
from gen_site import THEMES, PageInfo, page_paths

from mkdocs_chatspark.render import ASSET_DIR, BOOT_STYLE_ID, ISLAND_ID, STATIC_ASSETS

PAGE_TARGET = 600
"""Bytes the plugin may add to a page that shows only the site actions."""
BUNDLE_TARGET = 10_000
"""Bytes of the shared files, gzipped (10 kB)."""
FIRST_TARGET = 2_048
"""Bytes of what a page loads before the reader reaches for the chat, gzipped (2 kB):
boot.js and boot.css (issue 11)."""
BEFORE_INTERACTION = ("boot.js", "boot.css")
CORE_TARGET = 8_000
"""Bytes of the widget's core, widget.js, gzipped: what loads on intent or idle
(issue 19). Its parts (outbox.js, form.js, measure.js, feedback.js, answers.js)
load only when needed."""
CORE = "widget.js"

# Everything the plugin puts into a page: the data island, the bootstrap (with its
# data attributes; `async` or `defer` when it sits in <head>, see render.boot_tag),
# with `load: eager` the deferred scripts, and on a page with
# calls to action boot.css inline, which gives them their size at the first paint.
PLUGIN_TAGS = re.compile(
    rf'<script type="application/json" id="{ISLAND_ID}">.*?</script>'
    rf'|<script(?: async| defer)? src="[^"]*{ASSET_DIR}/[^"]+"(?: data-[a-z]+="[^"]*")*></script>'
    rf'|<style id="{BOOT_STYLE_ID}">.*?</style>',
    re.S,
)


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def html_path(page: PageInfo) -> str:
    """The built file of a docs page."""
    return f"{page.url}index.html"


@dataclass(frozen=True)
class PageDiff:
    page: PageInfo
    added: int
    added_gzipped: int
    tags: list[str]
    only_tags: bool
    """Removing the plugin's tags gives the page built without the plugin, byte for byte."""


def compare(variants: Variants, page: PageInfo) -> PageDiff:
    rel = html_path(page)
    on = (variants.on / rel).read_bytes()
    off = (variants.off / rel).read_bytes()
    on_text = on.decode("utf-8")
    return PageDiff(
        page,
        len(on) - len(off),
        gzipped(on) - gzipped(off),
        PLUGIN_TAGS.findall(on_text),
        PLUGIN_TAGS.sub("", on_text).encode("utf-8") == off,
    )


def report_pages(theme: str, variants: Variants, pages: int) -> bool:
    """Print the added bytes by kind of page; False if the builds differ beyond our tags."""
    diffs = [compare(variants, page) for page in page_paths(pages)]
    by_kind: dict[tuple[bool, int], list[PageDiff]] = defaultdict(list)
    for d in diffs:
        by_kind[(d.page.own_actions, d.page.url_depth)].append(d)
    section(f"{theme}: bytes added per page, {pages}-page site (target <= {PAGE_TARGET} B)")
    table(
        ["actions", "depth", "pages", "added B min", "median", "max", "gzipped max", "verdict"],
        [
            [
                "own + site" if own else "site only",
                depth,
                len(group),
                min(d.added for d in group),
                int(statistics.median(d.added for d in group)),
                max(d.added for d in group),
                max(d.added_gzipped for d in group),
                "(info)" if own else verdict(max(d.added for d in group), PAGE_TARGET, " B"),
            ]
            for (own, depth), group in sorted(by_kind.items())
        ],
    )
    deepest = max((d for d in diffs if not d.page.own_actions), key=lambda d: d.page.url_depth)
    print(f"tags added to {html_path(deepest.page)} ({deepest.added} B):")
    for tag in deepest.tags:
        print(f"  {tag}")
    not_ours = [d for d in diffs if not d.only_tags]
    for d in not_ours:
        print(f"BROKEN: {html_path(d.page)} differs between the builds beyond the plugin's tags")
    return not not_ours


def report_bundle(variants: Variants) -> None:
    section(f"Bundled widget files (target <= {BUNDLE_TARGET:,} B gzipped together)")
    sizes = {}
    # Source maps are shipped too, but a browser fetches one only for its developer tools.
    for name in (n for n in STATIC_ASSETS if not n.endswith(".map")):
        data = (variants.on / ASSET_DIR / name).read_bytes()  # as the site ships it
        sizes[name] = (len(data), gzipped(data))
    raw, packed = (sum(size[i] for size in sizes.values()) for i in (0, 1))
    table(
        ["file", "raw B", "gzip -9 B"],
        [[name, *size] for name, size in sizes.items()] + [["total", raw, packed]],
    )
    print(f"bundle: {packed:,} B gzipped: {verdict(packed, BUNDLE_TARGET, ' B')}")
    first = sum(sizes[name][1] for name in BEFORE_INTERACTION)
    print(
        f"before the reader reaches for the chat ({' + '.join(BEFORE_INTERACTION)}): "
        f"{first:,} B gzipped: {verdict(first, FIRST_TARGET, ' B')}"
    )
    core = sizes[CORE][1]
    print(
        f"the core that loads on intent or idle ({CORE}): {core:,} B gzipped: "
        f"{verdict(core, CORE_TARGET, ' B')}"
    )
    parts = [n for n in sizes if n.endswith(".js") and n not in (CORE, *BEFORE_INTERACTION)]
    print(f"(info) parts, loaded only when needed: {', '.join(parts)}")
    [site_file] = (variants.on / ASSET_DIR).glob("site.*.js")
    data = site_file.read_bytes()
    print(
        f"(info) {site_file.name}, the site's settings and actions: "
        f"{len(data):,} B raw, {gzipped(data):,} B gzipped"
    )
    part = (variants.on / ASSET_DIR / "answers.js").read_bytes()
    print(
        f"(info) answers.js, the answers part, fetched when a reader first focuses the Ask "
        f"box: {len(part):,} B raw, {gzipped(part):,} B gzipped"
    )


def main() -> int:
    parser = arg_parser(__doc__)
    parser.add_argument("--pages", type=int, help="site size (full: 100)")
    parser.add_argument("--themes", type=str_list, default=list(THEMES), help="mkdocs,material")
    args = parser.parse_args()
    pages = args.pages or (20 if args.quick else 100)

    header("bench_weight: page weight and bundle size", args.quick)
    intact = True
    with tempfile.TemporaryDirectory(prefix="chatspark-bench-") as tmp:
        for theme in args.themes:
            variants = build_variants(Path(tmp) / theme, pages, theme)
            intact = report_pages(theme, variants, pages) and intact
        report_bundle(variants)
    return 0 if intact else 1


if __name__ == "__main__":
    sys.exit(main())
