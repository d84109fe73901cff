"""What the benchmark scripts share: the machine's facts, A/B pairs and their
statistics, builds of a generated site, and the printed report.

The machine these run on is small and noisy, so every comparison is a ratio of
runs made side by side (A B, B A, A B ...), and nothing here asserts a timing: the
scripts print figures and targets, and exit non-zero only when something is
broken (a build fails, the widget never shows).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path
from typing import Callable, TypeVar

# Material prints a notice about MkDocs 2.0 when its templates are first imported.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# Reproducible builds: the mkdocs theme's home page carries the build date, and
# the variants must differ by the plugin's tags alone.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")

from gen_site import ENV_SWITCH, generate
from mkdocs.commands.build import build
from mkdocs.config import load_config

T = TypeVar("T")


# --- the machine -------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return platform.processor() or "unknown"
    for line in out.splitlines():
        if line.startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def _ram() -> str:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            kib = next(int(line.split()[1]) for line in f if line.startswith("MemTotal:"))
    except (OSError, StopIteration):
        return "unknown"
    return f"{kib / 1024**2:.1f} GiB"


def _plugin_revision() -> str:
    """The commit the plugin was measured at, and whether its files had changes on top."""
    git = ["git", "--no-optional-locks", "-C", str(Path(__file__).parent)]  # never takes a lock
    try:
        commit = subprocess.run(
            [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        changed = subprocess.run(
            [*git, "status", "--porcelain", "--", "../mkdocs_chatspark"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit} + uncommitted changes" if changed else commit


def machine() -> dict[str, str]:
    """Date, hardware and versions, for the report's header."""
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": str(os.cpu_count()),
        "cpu": _cpu_model(),
        "ram": _ram(),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "material": version("mkdocs-material"),
        "plugin": _plugin_revision(),
    }


# --- command line and report ---------------------------------------------------------


def arg_parser(doc: str) -> argparse.ArgumentParser:
    """A parser with the --quick switch every script has; the script adds its own."""
    parser = argparse.ArgumentParser(
        description=doc.strip().split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick", action="store_true", help="small sites and few pairs: checks the script works"
    )
    return parser


def int_list(text: str) -> list[int]:
    """An argparse type: `100,300,1000`."""
    return [int(part) for part in text.split(",") if part]


def str_list(text: str) -> list[str]:
    """An argparse type: `mkdocs,material`."""
    return [part for part in text.split(",") if part]


def header(title: str, quick: bool) -> None:
    facts = machine()
    mode = "quick mode (figures are only a smoke test)" if quick else "full mode"
    print(f"== {title}: {mode}")
    print(
        f"   {facts['date']}; {facts['cores']} cores, {facts['cpu']}, {facts['ram']} RAM; "
        f"Python {facts['python']}, mkdocs {facts['mkdocs']}, material {facts['material']}"
    )
    print(f"   mkdocs-chatspark at {facts['plugin']}")


def section(title: str) -> None:
    print(f"\n-- {title}")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Print rows under headers, columns aligned, numbers to the right; short rows end blank."""
    width = len(headers)
    cells = [[str(c) for c in row] + [""] * (width - len(row)) for row in [headers, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(width)]
    numeric = [all(_is_number(row[i]) for row in cells[1:] if row[i]) for i in range(width)]
    for n, row in enumerate(cells):
        print(
            "  ".join(
                c.rjust(w) if right else c.ljust(w) for c, w, right in zip(row, widths, numeric)
            ).rstrip()
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))


def _is_number(text: str) -> bool:
    try:
        float(text.rstrip("x%").replace(",", ""))
    except ValueError:
        return False
    return True


def verdict(value: float, limit: float, unit: str = "") -> str:
    """`ok` when value <= limit, else by how much it misses."""
    if value <= limit:
        return "ok"
    return f"MISSED by {value - limit:.3g}{unit}"


# --- A/B pairs -------------------------------------------------------------------------


@dataclass(frozen=True)
class Pairs:
    """Measurements taken side by side: a[i] and b[i] one right after the other."""

    a: tuple[float, ...]
    b: tuple[float, ...]

    @property
    def ratios(self) -> list[float]:
        """b over a, pair by pair: slow drift of a noisy machine cancels within a pair."""
        return [b / a for a, b in zip(self.a, self.b)]

    @property
    def ratio(self) -> float:
        """The median of the pairs' ratios."""
        return statistics.median(self.ratios)

    @property
    def spread(self) -> str:
        return f"{min(self.ratios):.3f}-{max(self.ratios):.3f}"

    @property
    def best_ratio(self) -> float:
        """Fastest b over fastest a. Noise only ever adds time, so the fastest run of
        each is the one least disturbed by the rest of the machine."""
        return min(self.b) / min(self.a)


def alternate(pairs: int, a: Callable[[], T], b: Callable[[], T]) -> Iterator[tuple[T, T]]:
    """Run a and b side by side, pairs times, and yield each (a, b) as it completes.

    The pairs take turns at going first (a b, b a, a b ...), so neither variant is
    always the one that runs second, after the other has warmed or dirtied the
    machine, and a steady drift cancels out over two pairs.
    """
    for i in range(pairs):
        if i % 2 == 0:
            first = a()
            yield first, b()
        else:
            second = b()
            yield a(), second


# --- builds ------------------------------------------------------------------------------


@contextmanager
def plugin_switch(enabled: bool) -> Iterator[None]:
    """The generated mkdocs.yml reads `enabled: !ENV [CHATSPARK, true]`."""
    before = os.environ.get(ENV_SWITCH)
    os.environ[ENV_SWITCH] = "true" if enabled else "false"
    try:
        yield
    finally:
        if before is None:
            del os.environ[ENV_SWITCH]
        else:
            os.environ[ENV_SWITCH] = before


def build_site(config_file: Path, site_dir: Path, *, plugin: bool) -> float:
    """One strict build in this process, config loading included; its seconds.

    Strict: a warning fails the build, so a broken generator cannot pass for a
    fast one.
    """
    gc.collect()  # earlier garbage is not this build's cost
    with plugin_switch(plugin):
        start = time.perf_counter()
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        build(config)
        return time.perf_counter() - start


@dataclass(frozen=True)
class Variants:
    """The same generated site built with the plugin and without it."""

    root: Path
    on: Path
    off: Path


def build_variants(root: Path, pages: int, theme: str, *, site_url: str = "") -> Variants:
    """Generate a site in root/ and build it into root/on and root/off."""
    config_file = generate(root, pages, theme, site_url=site_url or None)
    variants = Variants(root, root / "on", root / "off")
    build_site(config_file, variants.on, plugin=True)
    build_site(config_file, variants.off, plugin=False)
    return variants
