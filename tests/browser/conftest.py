"""Browser tests: Debian's Chromium driven by Playwright, sites built for real and
served on 127.0.0.1, webhooks received by a real HTTP server on another port."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from receiver_support import Running
from stub_receiver import Receiver
from support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    STANDIN,
    BuildSite,
    Built,
    ServeSite,
    StaticServer,
)

# A wait, not a speed check (speed is measured under benchmarks/): on a 2-core machine
# under load 8 a form's answer took over Playwright's default 5 s to show once in
# 1,516 tests. A check that passes returns as soon as it holds.
expect.set_options(timeout=10_000)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def server() -> Iterator[StaticServer]:
    s = StaticServer()
    yield s
    s.stop()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver().start()
    yield r
    r.stop()


@pytest.fixture
def serve_site(build_site: BuildSite, server: StaticServer) -> ServeSite:
    """Build a site whose site_url is the test server's address, and serve it."""

    def serve(config: dict[str, Any], pages: dict[str, str], **files: str) -> Built:
        config = {**config, "site_url": server.url}
        built = build_site(config, pages)
        assert built.ok, built.log
        for name, text in files.items():
            (built.site / name).write_text(text, encoding="utf-8")
        server.root = built.site
        return built

    return serve


@pytest.fixture
def console_errors(page: Any) -> list[str]:
    """Errors the page logs or throws; most tests assert there are none."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


@pytest.fixture
def cdn() -> Iterator[StaticServer]:
    """Another origin, serving the stand-in hosted script with CORS, as a CDN does."""
    s = StaticServer()
    s.root = STANDIN.parent
    s.headers["Access-Control-Allow-Origin"] = "*"
    yield s
    s.stop()


@pytest.fixture
def receiving() -> Iterator[list[Running]]:
    """chatspark-receiver processes a test starts (receiver_support.start): stopped after it."""
    started: list[Running] = []
    yield started
    for running in started:
        running.stop()
