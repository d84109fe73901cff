"""The Ask box gets ready while the reader types, in a real Chromium: typing loads the
index files the question needs, so Enter fetches nothing more; files loaded once stay
for the later questions, on this page and after an instant page swap. Over http the
files are fetched, and scripts serve where a policy refuses the fetch."""

from __future__ import annotations

import re
import time
from typing import Callable

import pytest
from playwright.sync_api import Page, expect
from stub_receiver import Receiver
from support import ServeSite, StaticServer
from test_answers import PAGES, QUESTION, config, log, open_chat

INDEX_FILE = re.compile(r"/assets/chatspark/answers/en/([a-z]+)\d*\.js")


def index_files(paths: list[str]) -> list[str]:
    """The index files requested, by name (`meta`, `t0`, `c0`), in order."""
    return [m.group(0).rsplit("/", 1)[1] for p in paths if (m := INDEX_FILE.match(p))]


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Polls the test server's log; the limit only ends a test that would hang."""
    limit = time.monotonic() + 15
    while not condition():
        assert time.monotonic() < limit, what
        time.sleep(0.05)


def test_typing_loads_what_the_answer_needs_and_enter_fetches_nothing(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(config(receiver), PAGES)
    page.goto(server.url)
    open_chat(page)
    box = page.get_by_role("textbox", name=re.compile("Ask"))
    with page.expect_response(re.compile(r"/answers/en/meta\.js")):
        box.focus()
    assert index_files(server.paths) == ["meta.js"]
    box.press_sequentially(QUESTION)  # no Enter yet
    # This small site's index is one term file and one section file: both come
    # while the reader types, the section file because the question is answered ahead.
    wait_for(
        lambda: {"t0.js", "c0.js"} <= set(index_files(server.paths)),
        f"typing loaded only {index_files(server.paths)}",
    )
    typed = len(server.paths)
    box.press("Enter")
    expect(log(page).locator(".chatspark-source").first).to_be_visible()
    expect(log(page).locator(".chatspark-source-link").first).to_have_attribute(
        "href", re.compile(r"guide/install/#install-with-pip$")
    )
    assert index_files(server.paths[typed:]) == []
    assert box.input_value() == ""  # taken once, as without typing ahead


def test_a_question_typed_and_changed_is_answered_as_sent(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(config(receiver), PAGES)
    page.goto(server.url)
    open_chat(page)
    box = page.get_by_role("textbox", name=re.compile("Ask"))
    box.press_sequentially(QUESTION)
    wait_for(lambda: "c0.js" in index_files(server.paths), "the question was not answered ahead")
    # The reader changes their mind before Enter: the answer is to what is sent.
    box.fill("how do I switch the colour theme to dark?")
    box.press("Enter")
    expect(log(page).locator(".chatspark-asked")).to_have_text(
        ["how do I switch the colour theme to dark?"]
    )
    expect(log(page).locator(".chatspark-source-link").first).to_have_attribute(
        "href", re.compile(r"guide/deep/configure/#change-the-colour-theme$")
    )


def test_files_loaded_once_stay_for_a_later_question_after_an_instant_swap(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(config(receiver, "material"), PAGES)
    page.goto(server.url)
    open_chat(page)
    box = page.get_by_role("textbox", name=re.compile("Ask"))
    box.fill(QUESTION)
    box.press("Enter")
    expect(log(page).locator(".chatspark-source").first).to_be_visible()
    assert {"meta.js", "t0.js", "c0.js"} <= set(index_files(server.paths))
    page.evaluate("window.__samePage = true")
    log(page).locator(".chatspark-source-link").first.click()
    page.wait_for_url(re.compile(r"guide/install/#install-with-pip$"))
    assert page.evaluate("window.__samePage") is True  # swapped, not loaded
    swapped = len(server.paths)
    page.get_by_role("button", name="Open chat").click()
    box = page.get_by_role("textbox", name=re.compile("Ask"))
    box.fill("upgrade acme with pip")
    box.press("Enter")
    expect(log(page).locator(".chatspark-turn")).to_have_count(2)
    expect(
        log(page).locator(".chatspark-turn").nth(1).locator(".chatspark-source").first
    ).to_be_visible()
    assert index_files(server.paths[swapped:]) == []


INDEX_REQUEST = re.compile(r"/assets/chatspark/answers/en/[a-z]+\d*\.js")


@pytest.mark.parametrize("csp", [False, True], ids=["fetched", "connect-src-none"])
def test_over_http_the_index_is_fetched_and_a_refused_fetch_falls_back_to_scripts(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, csp: bool
) -> None:
    # Fetching a file costs the page less than a script element (panel.js
    # indexLoader); where a policy forbids fetching, the scripts still answer.
    serve_site(config(receiver), PAGES)
    if csp:
        server.headers["Content-Security-Policy"] = "connect-src 'none'"
    kinds: list[tuple[str, str]] = []
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else 0)
    page.on(
        "request",
        lambda r: (
            kinds.append((r.url.rsplit("/", 1)[1].split("?")[0], r.resource_type))
            if INDEX_REQUEST.search(r.url)
            else None
        ),
    )
    page.goto(server.url)
    open_chat(page)
    box = page.get_by_role("textbox", name=re.compile("Ask"))
    box.fill(QUESTION)
    box.press("Enter")
    expect(log(page).locator(".chatspark-source-link").first).to_have_attribute(
        "href", re.compile(r"guide/install/#install-with-pip$")
    )
    names = {name for name, _ in kinds}
    assert {"meta.js", "t0.js", "c0.js"} <= names
    if not csp:
        assert {kind for _, kind in kinds} == {"fetch"}
    else:
        # The policy refuses the fetch before it is sent: every file comes as a script.
        assert {kind for _, kind in kinds} == {"script"}
        assert any("connect-src" in text for text in refused)
