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
