"""The themes' own features the widget follows: Material's instant navigation for
a button's same-site URL, and the dark modes of the mkdocs and readthedocs themes."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect
from support import ServeSite, StaticServer, site_config

PAGES = {"index.md": "# Home\n\nStart here.\n", "pricing.md": "# Pricing\n\n## Plans\n"}
DEMO = {"id": "demo", "type": "button", "label": "Book a demo", "url": "pricing.md#plans"}


def material(features: list[str]) -> dict[str, Any]:
    config = site_config({"actions": [DEMO]}, theme="material")
    config["theme"]["features"] = features
    return config


@pytest.mark.parametrize(
    ("features", "same_document"),
    [(["navigation.instant"], True), ([], False)],
    ids=["instant", "no-instant"],
)
def test_a_same_site_button_url_uses_instant_navigation_where_it_is_on(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    console_errors: list[str],
    features: list[str],
    same_document: bool,
) -> None:
    serve_site(material(features), PAGES)
    page.goto(server.url)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Book a demo").click()
    page.wait_for_url(server.url + "pricing/#plans")
    expect(page.locator("h1")).to_have_text("Pricing")
    # With instant navigation, Material swapped the page: no reload, the same
    # document (and widget) goes on. Without it, the browser loaded the page.
    assert page.evaluate("window.__sameDocument === true") is same_document
    # the widget, on the loaded page, comes at idle after its load event
    page.wait_for_selector("[data-chatspark]:not([hidden])", state="attached")
    assert server.paths.count("/assets/chatspark/widget.js") == (1 if same_document else 2)
    expect(page.get_by_role("button", name="Open chat")).to_be_visible()
    assert len(page.context.pages) == 1
    assert console_errors == []


def test_an_external_button_url_still_leaves_the_site(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    """Not in Material's sitemap: the browser follows the link itself."""
    config = material(["navigation.instant"])
    elsewhere = StaticServer()  # another origin, standing in for another site
    try:
        away = {"id": "away", "type": "button", "label": "Elsewhere", "url": elsewhere.url}
        config["plugins"][-1]["chatspark"]["actions"] = [away]
        serve_site(config, PAGES)
        elsewhere.root = server.root
        page.goto(server.url)
        page.get_by_role("button", name="Open chat").click()
        page.get_by_role("button", name="Elsewhere").click()
        page.wait_for_url(elsewhere.url)
        expect(page.locator("h1")).to_have_text("Home")
    finally:
        elsewhere.stop()


# --- dark modes ------------------------------------------------------------------------

FORM = {
    "id": "contact",
    "type": "form",
    "label": "Contact",
    "fields": [{"key": "email", "label": "Email", "type": "email", "required": True}],
}


def colours(page: Page) -> dict[str, str]:
    """The open panel's colours beside the page's."""
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Contact").click()
    panel = page.locator(".chatspark-panel")
    return {
        "panel": panel.evaluate("el => getComputedStyle(el).backgroundColor"),
        "text": panel.evaluate("el => getComputedStyle(el).color"),
        "input": page.get_by_label("Email").evaluate("el => getComputedStyle(el).colorScheme"),
        "body": page.evaluate("getComputedStyle(document.body).backgroundColor"),
        "body_text": page.evaluate("getComputedStyle(document.body).color"),
    }


WHITE = "rgb(255, 255, 255)"


@pytest.mark.parametrize(
    ("color_mode", "prefers", "dark"),
    [
        ("dark", "light", True),
        ("auto", "dark", True),
        ("auto", "light", False),
        ("light", "dark", False),
    ],
)
def test_the_mkdocs_themes_colour_mode_is_followed(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    color_mode: str,
    prefers: str,
    dark: bool,
) -> None:
    config = site_config({"actions": [FORM]})
    config["theme"]["color_mode"] = color_mode
    serve_site(config, PAGES)
    page.emulate_media(color_scheme=prefers)  # type: ignore[arg-type]
    page.goto(server.url)
    seen = colours(page)
    assert seen["panel"] == seen["body"] and seen["text"] == seen["body_text"], seen
    assert (seen["panel"] != WHITE) is dark, seen
    assert "dark" in seen["input"] if dark else "dark" not in seen["input"], seen


def test_the_mkdocs_themes_toggle_switches_the_open_widget(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    config = site_config({"actions": [FORM]})
    config["theme"]["user_color_mode_toggle"] = True
    serve_site(config, PAGES)
    page.goto(server.url)
    light = colours(page)
    assert light["panel"] == WHITE
    # What the theme's own toggle does (its menu sits behind the open panel on
    # small screens): darkmode.js sets data-bs-theme on <html>.
    page.evaluate("document.documentElement.setAttribute('data-bs-theme', 'dark')")
    panel = page.locator(".chatspark-panel")
    dark_bg = panel.evaluate("el => getComputedStyle(el).backgroundColor")
    assert dark_bg == page.evaluate("getComputedStyle(document.body).backgroundColor") != WHITE


def test_the_readthedocs_theme_has_no_dark_mode_and_the_widget_stays_light(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    serve_site(site_config({"actions": [FORM]}, theme="readthedocs"), PAGES)
    page.emulate_media(color_scheme="dark")
    page.goto(server.url)
    seen = colours(page)
    assert seen["panel"] == WHITE and seen["body"] != "rgba(0, 0, 0, 0)", seen
    assert "dark" not in seen["input"], seen
