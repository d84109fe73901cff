"""Shared fixtures. Helpers live in support.py (a module of its own: pytest
imports every conftest.py as `conftest`, so they cannot import each other)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import settings

# Property tests: Hypothesis' own 100 examples a test on every run (the corpus of
# broken input in test_bad_input.py and the tables hold the cases found so far);
# `HYPOTHESIS_PROFILE=deep bash scripts/test tests/unit/test_fuzz.py` digs further.
settings.register_profile("default", max_examples=100)
settings.register_profile("deep", max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

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
