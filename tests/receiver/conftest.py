"""The receiver's fixtures: a site folder with two forms, and the receiver on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from receiver_support import Running, start, write_receiver_site


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    return write_receiver_site(tmp_path / "site")


@pytest.fixture
def running(config_file: Path, tmp_path: Path) -> Iterator[Running]:
    r = start(config_file, str(tmp_path / "kept.sqlite3"))
    yield r
    r.stop()
