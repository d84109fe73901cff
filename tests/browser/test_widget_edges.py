"""Defects a verification pass found in the widget: English words on a right-to-left
page, keyboard focus behind the full-screen panel on a phone, a page with a scrollbar
gutter, the step of a number field, the mail link a form without a backend leaves."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import BrowserType, Page, expect
from stub_receiver import Receiver
from support import CHROMIUM, CHROMIUM_ARGS, ServeSite, StaticServer, site_config

PAGES = {"index.md": "# Home\n\nWelcome.\n", "next.md": "# Next\n\nMore text.\n"}


def form(receiver: Receiver, *fields: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "id": "contact",
        "type": "form",
        "label": "Contact sales",
        "fields": list(fields),
        "webhook": receiver.origin + "/h",
        **extra,
    }


def open_form(page: Page) -> None:
    page.get_by_role("button", name="Open chat").click()
    page.locator("#chatspark-panel").get_by_role("button", name="Contact sales").click()


def language(locator: Any) -> list[Any]:
    """The lang and dir the words of this element are read with, inside the widget."""
    return list(
        locator.evaluate(
            """el => { const l = el.closest('[lang]'), d = el.closest('[dir]');
            return [l && l.getAttribute('lang'), d && d.getAttribute('dir')]; }"""
        )
    )


# --- 1. English words on a right-to-left page -------------------------------------------


def test_every_english_fallback_word_is_marked_and_no_other(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    config = site_config(
        {
            "actions": [
                form(
                    receiver,
                    {"key": "name", "label": "الاسم", "required": True},
                    {
                        "key": "code",
                        "label": "الرمز",
                        "pattern": "[0-9]{4}",
                        "pattern_message": "أربعة أرقام",
                    },
                    {"key": "plan", "label": "الخطة", "type": "select", "options": ["أ", "ب"]},
                    success_message="شكرا لك",
                )
            ]
        },
        theme="material",
    )
    config["theme"]["language"] = "ar"
    serve_site(config, PAGES)
    page.goto(server.url + "next/")
    open_form(page)
    submit = page.get_by_role("button", name="Submit")
    assert language(submit) == ["en", "ltr"]
    prompt = page.locator("#chatspark-panel option[value='']")
    assert language(prompt) == ["en", "ltr"]
    submit.click()
    fix = page.get_by_text("Please correct the fields marked below.")
    expect(fix).to_be_visible()
    assert language(fix) == ["en", "ltr"]
    required = page.get_by_text("This field is required.")
    assert language(required) == ["en", "ltr"]
    # The same error line, now with the author's own (Arabic) words: no stale English.
    page.get_by_label("الاسم").fill("علي")
    page.get_by_label("الرمز").fill("12")
    submit.click()
    own = page.get_by_text("أربعة أرقام")
    expect(own).to_be_visible()
    assert language(own) == [None, None]
    page.get_by_label("الرمز").fill("1234")
    submit.click()
    thanks = page.get_by_text("شكرا لك")
    expect(thanks).to_be_visible()
    assert language(thanks) == [None, None]
    assert language(page.get_by_role("heading", name="Chat with us")) == ["en", "ltr"]


# --- 2. a phone: the full-screen panel is modal -----------------------------------------

IN_PANEL = """() => { const host = document.querySelector('[data-chatspark]');
    const a = host && host.shadowRoot.activeElement;
    return document.activeElement === host && !!a && !!a.closest('#chatspark-panel'); }"""

FOCUSED = "() => document.querySelector('[data-chatspark]').shadowRoot.activeElement.outerHTML"


def test_on_a_phone_focus_stays_in_the_open_panel(
    browser: Any, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    action = form(receiver, {"key": "name", "label": "Name"}, {"key": "mail", "label": "Mail"})
    serve_site(site_config({"actions": [action]}, theme="material"), PAGES)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server.url + "next/")
    launcher = page.get_by_role("button", name="Open chat")
    launcher.focus()
    page.keyboard.press("Enter")
    opener = page.locator("#chatspark-panel").get_by_role("button", name="Contact sales")
    expect(opener).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Name")).to_be_focused()
    close = page.get_by_role("button", name="Close chat")
    submit = page.get_by_role("button", name="Submit")
    seen = set()
    for _ in range(
        10
    ):  # round and round: close, the Ask box and its button, opener, two fields, submit
        page.keyboard.press("Tab")
        assert page.evaluate(IN_PANEL), page.evaluate("document.activeElement.outerHTML")
        seen.add(page.evaluate(FOCUSED))
    assert len(seen) == 7
    submit.focus()
    page.keyboard.press("Tab")
    expect(close).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(submit).to_be_focused()
    for _ in range(8):
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(IN_PANEL), page.evaluate("document.activeElement.outerHTML")
    # Wider than a phone the panel is no full screen: Tab goes on to the page.
    page.set_viewport_size({"width": 1280, "height": 800})
    submit.focus()
    page.keyboard.press("Tab")
    assert not page.evaluate(IN_PANEL)
    context.close()


# --- 3. a page that keeps room for its scrollbar ------------------------------------------

# The room is kept on a page too short to scroll: Zensical's theme does this.
GUTTER_CSS = "html { scrollbar-gutter: stable; }\n"
SCROLLING_CSS = "html { scrollbar-gutter: stable; overflow-y: scroll; }\n"

# Where a fixed layer's right edge is: the viewport less the scrollbar or its room.
EDGE = """() => { const probe = document.createElement('div');
    probe.style.cssText = 'position: fixed; right: 0; width: 1px; height: 1px';
    document.body.appendChild(probe); const right = probe.getBoundingClientRect().right;
    probe.remove(); return right; }"""


def test_the_launcher_is_not_under_a_scrollbar_or_its_room(
    browser_type: BrowserType, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    action = form(receiver, {"key": "name", "label": "Name"})
    config = {**site_config({"actions": [action]}), "extra_css": ["gutter.css"]}
    serve_site(config, PAGES)
    # Headless, Playwright hides scrollbars; a reader's desktop browser shows them.
    browser = browser_type.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, ignore_default_args=["--hide-scrollbars"]
    )
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    for css in (GUTTER_CSS, SCROLLING_CSS):
        (server.root / "gutter.css").write_text(css)  # type: ignore[operator]
        page.goto(server.url + "next/")
        launcher = page.get_by_role("button", name="Open chat")
        expect(launcher).to_be_visible()
        page.wait_for_timeout(300)  # the layer is placed on the next frame too
        edge = page.evaluate(EDGE)
        assert edge < 1280  # the scrollbar, or its room, is there: the case in question
        assert edge <= page.evaluate("document.documentElement.clientWidth")
        b = launcher.bounding_box()
        assert b is not None and b["x"] >= 0 and b["x"] + b["width"] <= edge, css
        launcher.click()
        panel = page.get_by_role("dialog", name="Chat with us").bounding_box()
        assert panel is not None and panel["x"] + panel["width"] <= edge, css
    browser.close()


# --- 4. a number off its step --------------------------------------------------------------


def test_a_number_off_the_step_is_told_its_neighbours_in_the_sites_language(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    amount = {"key": "amount", "label": "Menge", "type": "number", "min": 0.1, "step": 0.25}
    step = {"key": "step", "label": "Stufe", "type": "number", "step": 5}
    config = site_config({"actions": [form(receiver, amount, step)]}, theme="material")
    config["theme"]["language"] = "de"
    serve_site(config, PAGES)
    page.goto(server.url + "next/")
    page.get_by_role("button", name="Chat öffnen").click()
    page.get_by_role("button", name="Contact sales").click()
    page.get_by_label("Menge").fill("0.5")  # 0.1, 0.35, 0.6...: no rounding error shown
    page.get_by_label("Stufe").fill("7")  # counted from 0: a step says it all
    page.get_by_role("button", name="Senden").click()
    expect(page.get_by_text("Zum Beispiel 0.35 oder 0.6.")).to_be_visible()
    expect(page.get_by_text("Nur in Schritten von 5.")).to_be_visible()
    page.get_by_label("Menge").fill("0.6")
    page.get_by_label("Stufe").fill("10")
    page.get_by_role("button", name="Senden").click()
    expect(page.get_by_text("Danke! Ihre Nachricht ist angekommen.")).to_be_visible()
    assert receiver.posts()[0].json()["data"] == {"amount": 0.6, "step": 10}
