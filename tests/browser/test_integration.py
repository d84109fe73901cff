"""The widget among other code: the author's own listeners, a hosted ChatSpark
script, Material's instant navigation, and the themes authors use."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from stub_receiver import Receiver
from support import AUTHOR_JS, STANDIN, ServeSite, StaticServer, hosted_actions, site_config


def seen(page: Page) -> list[Any]:
    return page.evaluate("window.__seen")


def test_a_listener_added_after_the_widget_loaded_also_hears(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    config = site_config({"actions": hosted_actions(receiver)})
    serve_site(config, {"index.md": "# Home\n"})
    page.goto(server.url)
    page.wait_for_selector(".chatspark-launcher")
    page.evaluate(
        """() => {
        window.__late = [];
        const fn = p => window.__late.push(p.actionId);
        window.ChatSpark.on('action-triggered', fn);
        window.ChatSpark.on('action-triggered', fn);  // twice: still one listener
        window.ChatSpark.off('action-triggered', () => {});  // never added: none goes
        window.__lateFn = fn;
    }"""
    )
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Tell listeners").click()
    assert page.evaluate("window.__late") == ["plain"]
    page.evaluate("() => { window.ChatSpark.off('action-triggered', window.__lateFn) }")
    page.get_by_role("button", name="Tell listeners").click()
    assert page.evaluate("window.__late") == ["plain"]


def sri(path: Path) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def test_a_hosted_script_takes_over_with_every_listener_once(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, cdn: StaticServer
) -> None:
    options = {
        "chatbot_id": "bot-42",
        "script": cdn.url + STANDIN.name,
        "script_integrity": sri(STANDIN),
        "actions": hosted_actions(receiver),
    }
    config = {**site_config(options), "extra_javascript": ["author.js"]}
    serve_site(config, {"index.md": "# Home\n", "author.js": AUTHOR_JS})
    page.goto(server.url)
    # a facade until the reader presses the launcher (tests/browser/test_cost.py)
    page.get_by_role("button", name="Open chat").click()
    page.wait_for_selector("#hosted-widget button")
    # no bundled widget: the hosted one renders the actions it was given
    assert page.locator("[data-chatspark]").count() == 0
    expect(page.locator(".chatspark-facade button")).to_have_count(0)  # the bootstrap's went
    [given] = page.evaluate("window.__hostedConfigs")
    assert given["chatbotId"] == "bot-42"
    assert [a["id"] for a in given["data"]["actions"]] == ["plain", "contact"]
    # the author's two listeners and our handler, each once
    assert page.evaluate("window.ChatSpark.listenerCount()") == 3
    page.get_by_role("button", name="hosted Contact").click()
    page.wait_for_function("window.__seen.length === 1")
    assert seen(page) == [
        {"actionId": "contact", "actionType": "form", "data": {"email": "reader@example.com"}}
    ]
    page.wait_for_timeout(200)
    [post] = receiver.posts()
    assert post.json()["chatbotId"] == "bot-42"
    assert post.json()["data"] == {"email": "reader@example.com"}


def test_a_hosted_script_gets_links_that_work_from_any_page(
    page: Page, serve_site: ServeSite, server: StaticServer, cdn: StaticServer
) -> None:
    options = {
        "chatbot_id": "bot-42",
        "script": cdn.url + STANDIN.name,
        "actions": [
            {"id": "plans", "type": "button", "label": "Plans", "url": "pricing.md#plans"},
            {"id": "tool", "type": "link", "label": "Tool", "url": "downloads/tool.zip"},
            {"id": "ext", "type": "link", "label": "Ext", "url": "https://example.com/x"},
        ],
    }
    pages = {
        "index.md": "# Home\n",
        "pricing.md": "# Pricing\n\n## Plans\n",
        "guide/install.md": "# I\n",
    }
    serve_site(site_config(options), pages)
    page.goto(server.url + "guide/install/")
    page.get_by_role("button", name="Open chat").click()
    page.wait_for_selector("#hosted-widget button")
    [given] = page.evaluate("window.__hostedConfigs")
    # Whole addresses, read from the site root, as the bundled widget resolves them;
    # nothing of the plugin's own routing keys.
    assert [(a["id"], a["url"]) for a in given["data"]["actions"]] == [
        ("plans", server.url + "pricing/#plans"),
        ("tool", server.url + "downloads/tool.zip"),
        ("ext", "https://example.com/x"),
    ]
    assert not any("siteRelative" in a for a in given["data"]["actions"])


def test_a_hosted_script_with_the_wrong_integrity_hash_is_not_run(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, cdn: StaticServer
) -> None:
    options = {
        "chatbot_id": "bot-42",
        "script": cdn.url + STANDIN.name,
        "script_integrity": "sha384-" + base64.b64encode(b"x" * 48).decode(),
        "actions": hosted_actions(receiver),
    }
    serve_site(site_config(options), {"index.md": "# Home\n"})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__hostedConfigs") == "undefined"
    assert any("integrity" in e for e in errors), errors


# --- Material's instant navigation ---------------------------------------------------

INSTANT_PAGES = {
    "index.md": "# Home\n\nStart here.\n",
    "pricing.md": (
        "---\nchatspark:\n  greeting: Pricing help\n  actions:\n"
        "    - {id: trial, type: button, label: Start a trial, data: {plan: pro}}\n---\n# Pricing\n"
    ),
    "guide.md": "---\nchatspark:\n  hide: [plain]\n---\n# Guide\n",
    "off.md": "---\nchatspark: false\n---\n# Off\n",
    "author.js": AUTHOR_JS,
}


def material_instant(receiver: Receiver) -> dict[str, Any]:
    config = site_config({"actions": hosted_actions(receiver)}, theme="material")
    config["theme"]["features"] = ["navigation.instant", "navigation.instant.prefetch"]
    config["extra_javascript"] = ["author.js"]
    config["nav"] = ["index.md", "pricing.md", "guide.md", "off.md"]
    return config


def go(page: Page, name: str) -> None:
    page.locator(".md-sidebar--primary").get_by_role("link", name=name, exact=True).click()
    expect(page.locator("h1")).to_have_text(name)


def reopen(page: Page) -> None:
    """After a link in the page, the panel has closed (focus was not in it)."""
    expect(page.get_by_role("dialog", name="Chat with us")).to_be_hidden()
    page.get_by_role("button", name="Open chat").click()


def panel_labels(page: Page) -> list[str]:
    return page.locator(".chatspark-actions > .chatspark-item > :first-child").all_inner_texts()


def test_instant_navigation_keeps_one_widget_and_shows_each_pages_actions(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(material_instant(receiver), INSTANT_PAGES)
    page.set_viewport_size({"width": 1300, "height": 800})
    page.goto(server.url)
    page.wait_for_selector(".chatspark-launcher")
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("button", name="Open chat").click()
    assert panel_labels(page) == ["Tell listeners", "Contact"]

    go(page, "Pricing")
    reopen(page)
    expect(page.get_by_role("dialog").get_by_text("Pricing help")).to_be_visible()
    assert panel_labels(page) == ["Tell listeners", "Contact", "Start a trial"]
    page.get_by_role("button", name="Start a trial").click()

    go(page, "Guide")
    reopen(page)
    expect(page.get_by_role("dialog").get_by_text("Hi! How can we help?")).to_be_visible()
    assert panel_labels(page) == ["Contact"]
    page.get_by_role("button", name="Contact", exact=True).click()
    page.get_by_label("Email").fill("a@b.co")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Sent!")).to_be_visible()

    go(page, "Off")
    expect(page.locator(".chatspark-launcher")).to_be_hidden()

    page.go_back()
    expect(page.locator("h1")).to_have_text("Guide")
    expect(page.get_by_role("button", name="Open chat")).to_be_visible()

    # one document, one widget, and every listener heard each action once
    assert page.evaluate("window.__sameDocument") is True
    assert page.locator("[data-chatspark]").count() == 1
    assert seen(page) == [
        {"actionId": "trial", "actionType": "button", "data": {"plan": "pro"}},
        {"actionId": "contact", "actionType": "form", "data": {"email": "a@b.co"}},
    ]
    assert len(receiver.posts()) == 1
    assert server.paths.count("/assets/chatspark/widget.js") == 1


def test_instant_navigation_from_an_opted_out_first_page(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(material_instant(receiver), INSTANT_PAGES)
    page.set_viewport_size({"width": 1300, "height": 800})
    page.goto(server.url + "off/")
    page.evaluate("window.__sameDocument = true")
    expect(page.locator("[data-chatspark]")).to_have_count(0)
    go(page, "Pricing")
    page.get_by_role("button", name="Open chat").click()
    expect(page.get_by_role("button", name="Start a trial")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True


# --- themes ---------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs", "material"])
def test_each_theme_shows_a_working_widget(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, theme: str
) -> None:
    serve_site(
        site_config({"actions": hosted_actions(receiver)}, theme=theme), {"index.md": "# Home\n"}
    )
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Contact").click()
    page.get_by_label("Email").fill("a@b.co")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Sent!")).to_be_visible()
    assert len(receiver.posts()) == 1
    launcher = page.get_by_role("button", name="Open chat")
    colour = launcher.evaluate("el => getComputedStyle(el).backgroundColor")
    if theme == "material":  # Material's primary colour, read from the page itself
        primary = page.evaluate(
            "() => { const p = document.createElement('p');"
            " p.style.color = 'var(--md-primary-fg-color)'; document.body.append(p);"
            " const c = getComputedStyle(p).color; p.remove(); return c }"
        )
        assert colour == primary
    else:
        assert colour == "rgb(29, 95, 191)"
    assert errors == []


def test_material_dark_palette_changes_the_widget(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    config = site_config({"actions": hosted_actions(receiver)}, theme="material")
    config["theme"]["palette"] = {"scheme": "slate", "primary": "teal"}
    serve_site(config, {"index.md": "# Home\n"})
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    panel_bg = page.locator(".chatspark-panel").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    body_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert panel_bg == body_bg != "rgb(255, 255, 255)"


# --- calls to action in the page ----------------------------------------------------------


def test_a_call_to_action_in_the_prose_opens_the_chat_and_runs_the_action(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    config = {
        **site_config({"actions": hosted_actions(receiver)}),
        "extra_javascript": ["author.js"],
    }
    prose = "# Home\n\nQuestions? [Contact us](chatspark:contact) or [tell](chatspark:plain).\n"
    serve_site(config, {"index.md": prose, "author.js": AUTHOR_JS})
    page.goto(server.url)
    page.wait_for_selector(".chatspark-launcher")
    page.get_by_role("button", name="Contact us").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    expect(page.get_by_label("Email")).to_be_focused()
    page.keyboard.type("a@b.co")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Sent!")).to_be_visible()
    page.get_by_role("button", name="tell", exact=True).click()
    page.wait_for_function("window.__seen.length === 2")
    assert [s["actionId"] for s in seen(page)] == ["contact", "plain"]
    assert len(receiver.posts()) == 1


def test_the_widget_speaks_the_sites_language(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    config = site_config({"actions": hosted_actions(receiver), "messages": {"retry": "Nochmal"}})
    config["theme"]["locale"] = "de"
    receiver.answers = [500]
    serve_site(config, {"index.md": "# Start\n"})
    page.goto(server.url)
    page.get_by_role("button", name="Chat öffnen").click()
    expect(page.get_by_role("dialog", name="Schreiben Sie uns")).to_be_visible()
    page.get_by_role("button", name="Contact").click()
    page.get_by_role("button", name="Senden").click()
    expect(page.get_by_label("Email")).to_have_accessible_description(
        "Dieses Feld ist erforderlich."
    )
    page.get_by_label("Email").fill("a@b.co")
    page.get_by_role("button", name="Senden").click()
    expect(page.get_by_role("button", name="Nochmal")).to_be_visible()
