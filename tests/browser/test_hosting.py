"""Where sites are hosted and how they look: a third-party theme, page URLs without
directories, a site under a sub-path, a site opened from file://, and Material's
palette toggle."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from stub_receiver import Receiver
from support import (
    ServeSite,
    StaticServer,
    run_build,
    site_config,
    write_site,
    zensical_build,
    zensical_config,
)


def actions(receiver: Receiver) -> list[dict[str, Any]]:
    return [
        {"id": "go", "type": "button", "label": "See pricing", "url": "pricing.md#plans"},
        {
            "id": "contact",
            "type": "form",
            "label": "Contact",
            "fields": [{"key": "email", "label": "Email", "type": "email", "required": True}],
            "webhook": receiver.origin + "/h",
            "success_message": "Sent!",
        },
    ]


PAGES = {
    "index.md": "# Home\n",
    "pricing.md": "# Pricing\n\n## Plans\n",
    "guide/deep.md": "# Deep\n\n[Ask us](chatspark:contact)\n",
}


def use_widget(page: Page, receiver: Receiver) -> None:
    """Send the form, then take the button to the pricing page."""
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Contact").click()
    page.get_by_label("Email").fill("a@b.co")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Sent!")).to_be_visible()
    assert len(receiver.accepted) == 1
    page.get_by_role("button", name="See pricing").click()


def test_a_third_party_theme(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    config = {**site_config({"actions": actions(receiver)}), "theme": {"name": "dracula"}}
    serve_site(config, PAGES)
    page.goto(server.url + "guide/deep/")
    use_widget(page, receiver)
    page.wait_for_url(server.url + "pricing/#plans")


def test_page_urls_without_directories(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(site_config({"actions": actions(receiver)}, use_directory_urls=False), PAGES)
    page.goto(server.url + "guide/deep.html")
    use_widget(page, receiver)
    page.wait_for_url(server.url + "pricing.html#plans")


def test_a_site_under_a_sub_path(
    page: Page, build_site: Any, server: StaticServer, receiver: Receiver, tmp_path: Path
) -> None:
    config = site_config({"actions": actions(receiver)}, site_url=server.url + "docs/")
    built = build_site(config, PAGES)
    assert built.ok, built.log
    (tmp_path / "host").mkdir()
    os.symlink(built.site, tmp_path / "host" / "docs")
    server.root = tmp_path / "host"
    page.goto(server.url + "docs/guide/deep/")
    use_widget(page, receiver)
    page.wait_for_url(server.url + "docs/pricing/#plans")
    # the 404 page, served for any missing path, loads the widget from the sub-path
    page.goto(server.url + "docs/404.html")
    expect(page.get_by_role("button", name="Open chat")).to_be_visible()


def test_a_site_opened_from_file(page: Page, receiver: Receiver, tmp_path: Path) -> None:
    # Offline docs bundles: no server at all (only the webhook is on 127.0.0.1).
    write_site(
        tmp_path, site_config({"actions": actions(receiver)}, use_directory_urls=False), PAGES
    )
    built = run_build(tmp_path)
    assert built.ok, built.log
    page.goto((built.site / "guide" / "deep.html").as_uri())
    use_widget(page, receiver)
    page.wait_for_url((built.site / "pricing.html").as_uri() + "#plans")


def test_a_material_site_with_instant_navigation_opened_from_file(
    page: Page, receiver: Receiver, tmp_path: Path
) -> None:
    """Material turns instant navigation off under file:// by completing its
    `document$` before it ever emits: the widget, which drew itself on that
    emission, never came (Uvicorn's docs with `navigation.instant`, opened from disk:
    the launcher did nothing)."""
    config = site_config({"actions": actions(receiver)}, theme="material", use_directory_urls=False)
    config["theme"]["features"] = ["navigation.instant"]
    write_site(tmp_path, config, PAGES)
    built = run_build(tmp_path)
    assert built.ok, built.log
    page.goto((built.site / "guide" / "deep.html").as_uri())
    use_widget(page, receiver)
    page.wait_for_url((built.site / "pricing.html").as_uri() + "#plans")
    # The call to action in the prose works there too.
    page.goto((built.site / "guide" / "deep.html").as_uri())
    page.get_by_role("button", name="Ask us").click()
    expect(page.get_by_label("Email")).to_be_focused()


def test_material_palette_toggle_recolours_the_widget_live(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    config = site_config({"actions": actions(receiver)}, theme="material")
    config["theme"]["palette"] = [
        {
            "scheme": "default",
            "primary": "indigo",
            "toggle": {"icon": "material/brightness-4", "name": "Dark"},
        },
        {
            "scheme": "slate",
            "primary": "deep orange",
            "toggle": {"icon": "material/brightness-7", "name": "Light"},
        },
    ]
    serve_site(config, PAGES)
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()

    def colours() -> tuple[str, str]:
        return (
            page.locator(".chatspark-launcher").evaluate(
                "el => getComputedStyle(el).backgroundColor"
            ),
            page.locator(".chatspark-panel").evaluate("el => getComputedStyle(el).backgroundColor"),
        )

    light = colours()
    page.locator("label[title='Dark']").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    dark = colours()
    assert light[0] != dark[0] and light[1] != dark[1]
    assert dark[1] == page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert page.get_by_role("dialog", name="Chat with us").is_visible()  # open through the toggle


@pytest.mark.parametrize("width", [360, 1280])
def test_calls_to_action_work_at_every_width(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, width: int
) -> None:
    serve_site(site_config({"actions": actions(receiver)}, theme="material"), PAGES)
    page.set_viewport_size({"width": width, "height": 700})
    page.goto(server.url + "guide/deep/")
    page.wait_for_selector(".chatspark-launcher")
    page.get_by_role("button", name="Ask us").click()
    expect(page.get_by_label("Email")).to_be_focused()
    expect(page.get_by_label("Email")).to_be_in_viewport()


def test_a_zensical_site_with_instant_navigation(
    page: Page, server: StaticServer, receiver: Receiver, tmp_path: Path
) -> None:
    options = {"chatbot_id": "zen", "actions": actions(receiver)}
    config = zensical_config(options, site_url=server.url)
    config["theme"]["features"] = ["navigation.instant"]
    config["nav"] = ["index.md", "pricing.md", "guide/deep.md"]
    config["extra_javascript"] = ["author.js"]
    pages = {
        **PAGES,
        "author.js": "window.__seen = 0; window.ChatSpark.on('action-triggered', () => window.__seen++);",
    }
    write_site(tmp_path, config, pages)
    built = zensical_build(tmp_path)
    assert built.ok, built.log
    server.root = built.site
    page.set_viewport_size({"width": 1300, "height": 800})
    page.goto(server.url)
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-sidebar--primary").get_by_role("link", name="Deep").click()
    expect(page.locator("h1")).to_have_text("Deep")
    page.get_by_role("button", name="Ask us").click()  # a call to action on the new page
    page.get_by_label("Email").fill("a@b.co")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Sent!")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True
    assert page.locator("[data-chatspark]").count() == 1
    assert page.evaluate("window.__seen") == 1
    assert receiver.posts()[0].json()["chatbotId"] == "zen"
    page.get_by_role("button", name="See pricing").click()
    page.wait_for_url(server.url + "pricing/#plans")
