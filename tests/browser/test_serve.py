"""The author's loop: `mkdocs serve` shows edits to actions at once, and `preview`
shows the request a webhook would receive instead of sending it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from stub_receiver import Receiver
from support import TOOL, ServeSite, StaticServer, site_config, write_site


def contact(receiver: Receiver) -> dict[str, Any]:
    return {
        "id": "contact",
        "type": "form",
        "label": "Contact",
        "fields": [{"key": "email", "label": "Email", "type": "email", "required": True}],
        "webhook": receiver.origin + "/h",
    }


def test_preview_shows_the_request_and_sends_nothing(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(
        site_config({"actions": [contact(receiver)], "preview": True}), {"index.md": "# Home\n"}
    )
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Contact").click()
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_role("button", name="Submit").click()
    shown = page.locator(".chatspark-preview")
    expect(shown).to_contain_text(f"POST {receiver.origin}/h")
    text = shown.text_content() or ""
    assert "Content-Type: application/json\nIdempotency-Key: " in text
    assert '"email": "ada@example.com"' in text
    expect(
        page.get_by_text("Preview: nothing was sent (preview: false in the plugin")
    ).to_be_visible()
    assert any(c.startswith("ChatSpark preview, not sent:") for c in console)
    page.wait_for_timeout(200)
    assert receiver.requests == []
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('chatspark-outbox'))")
        == []
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path, receiver: Receiver) -> Iterator[tuple[str, Path]]:
    """A real `mkdocs serve` of a small site, stopped after the test."""
    port = free_port()
    pages = {"index.md": "---\nchatspark:\n  greeting: First words\n---\n# Home\n"}
    write_site(tmp_path, site_config({"actions": [contact(receiver)]}), pages)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", TOOL, "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/", tmp_path / "docs" / "index.md"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_shows_an_edited_action_and_previews_by_default(
    page: Page, served: tuple[str, Path], receiver: Receiver
) -> None:
    url, index = served
    page.goto(url)
    page.get_by_role("button", name="Open chat").click()
    expect(page.get_by_text("First words")).to_be_visible()

    index.write_text(
        "---\nchatspark:\n  greeting: Edited words\n  actions:\n"
        "    - {id: fresh, type: button, label: Fresh action}\n---\n# Home\n",
        encoding="utf-8",
    )
    # livereload rebuilds and reloads the page by itself
    page.wait_for_function(
        "(document.getElementById('chatspark-page') || {}).textContent?.includes('Fresh action')",
        timeout=30_000,
    )
    page.wait_for_selector(".chatspark-launcher")
    page.get_by_role("button", name="Open chat").click()
    expect(page.get_by_role("button", name="Fresh action")).to_be_visible()
    expect(page.get_by_text("Edited words")).to_be_visible()

    # under serve, preview is on unless the author turned it off
    page.get_by_role("button", name="Contact").click()
    page.get_by_label("Email").fill("a@b.co")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator(".chatspark-preview")).to_contain_text('"email": "a@b.co"')
    assert receiver.requests == []
