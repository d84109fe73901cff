"""Shared helpers: real `mkdocs build` runs of small fixture sites in a temp dir."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "example_site"))  # receiver.py, shared with the example

ISLAND = re.compile(r'<script type="application/json" id="chatspark-page">(.*?)</script>', re.S)


@dataclass
class Built:
    root: Path
    result: subprocess.CompletedProcess[str]

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def ok(self) -> bool:
        return self.result.returncode == 0

    @property
    def log(self) -> str:
        return self.result.stdout + self.result.stderr

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def island(self, path: str) -> Optional[Any]:
        match = ISLAND.search(self.html(path))
        return json.loads(match.group(1)) if match else None

    def site_data(self) -> Any:
        [data_file] = (self.site / "assets" / "chatspark").glob("site.*.js")
        text = data_file.read_text(encoding="utf-8")
        prefix = "window.__chatsparkSite="
        assert text.startswith(prefix) and text.endswith(";\n")
        return json.loads(text[len(prefix) : -2])


def write_site(root: Path, config: dict[str, Any], pages: dict[str, str]) -> Path:
    docs = root / "docs"
    for name, text in pages.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return config_file


def run_build(root: Path, *, strict: bool = True) -> Built:
    """`mkdocs build` as an author runs it, from the project folder."""
    args = [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml"]
    if strict:
        args.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, timeout=120)
    return Built(root, result)


def site_config(
    plugin: Optional[dict[str, Any]] = None, *, theme: str = "mkdocs", **extra: Any
) -> dict[str, Any]:
    theme_config: dict[str, Any] = {"name": theme}
    if theme == "material":
        theme_config["font"] = False  # no Google Fonts: tests talk to 127.0.0.1 only
    return {
        "site_name": "Test Docs",
        "theme": theme_config,
        "plugins": ["search", {"chatspark": plugin or {}}],
        **extra,
    }


BuildSite = Callable[..., Built]


@pytest.fixture
def build_site(tmp_path: Path) -> BuildSite:
    """Write a site (config + pages) into a fresh folder and build it for real."""
    count = 0

    def build(
        config: dict[str, Any],
        pages: Optional[dict[str, str]] = None,
        *,
        strict: bool = True,
    ) -> Built:
        nonlocal count
        count += 1
        root = tmp_path / f"site{count}"
        write_site(root, config, pages or {"index.md": "# Home\n"})
        return run_build(root, strict=strict)

    return build
