"""Shared fixtures. Helpers live in support.py (a module of its own: pytest
imports every conftest.py as `conftest`, so they cannot import each other)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Optional

import pytest

if os.environ.get("CHATSPARK_TEST_TOOL") == "properdocs":
    # What `properdocs` does on start: `mkdocs.*` imports (ours and the tests')
    # resolve to ProperDocs from here on.
    import properdocs.replacement  # noqa: F401

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from support import BuildSite, Built, run_build, write_site  # noqa: E402


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
