"""Smoke tests in a real browser for rows of the interoperability matrix whose
trouble would only show there: a multilingual site, and minified pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from stub_receiver import Receiver
from support import AUTHOR_JS, ServeSite, StaticServer, hosted_actions, site_config


def test_minified_pages_and_scripts_keep_the_widget_working(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
    console_errors: list[str],
) -> None:
    minify = {
        "minify": {
            "minify_html": True,
            "minify_js": True,
            "minify_css": True,
            "js_files": ["author.js"],
        }
    }
    config = site_config({"actions": hosted_actions(receiver)}, extra_javascript=["author.js"])
    config["plugins"] = ["search", minify, config["plugins"][-1]]
    prose = "# Home\n\nQuestions? [Contact us](chatspark:contact).\n"
    serve_site(config, {"index.md": prose, "author.js": AUTHOR_JS})
    page.goto(server.url)
    page.get_by_role("button", name="Contact us").click()  # the call to action, minified
    expect(page.get_by_role("dialog", name="Chat with us")).to_be_visible()
    page.get_by_label("Email").fill("a@b.co")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Sent!")).to_be_visible()
    page.get_by_role("button", name="Tell listeners").click()
    # The author's script, minified and renamed by the plugin, still hears both.
    page.wait_for_function("window.__seen.length === 2")
    assert [s["actionId"] for s in page.evaluate("window.__seen")] == ["contact", "plain"]
    assert len(receiver.posts()) == 1
    # Nothing failed but the author's listener that throws on purpose, once per action.
    assert len(console_errors) == 2, console_errors
    assert all("a broken listener" in e for e in console_errors), console_errors


I18N = {
    "i18n": {
        "docs_structure": "suffix",
        "languages": [
            {"locale": "en", "default": True, "name": "English", "build": True},
            {"locale": "fr", "name": "Français", "build": True},
        ],
    }
}


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_each_language_shows_the_widget_in_that_language(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, theme: str
) -> None:
    own = hosted_actions(receiver)
    own[1] = {**own[1], "label": {"en": "Contact", "fr": "Écrivez-nous"}}
    config = site_config(
        {"actions": own, "title": {"en": "Talk to us", "fr": "Parlons-en"}}, theme=theme
    )
    config["plugins"] = ["search", I18N, config["plugins"][-1]]
    if theme == "material":
        config["theme"]["language"] = "en"
    pages = {
        "index.md": "# Home\n\n[Contact us](chatspark:contact)\n",
        "index.fr.md": "# Accueil\n\n[Contactez-nous](chatspark:contact)\n",
    }
    serve_site(config, pages)
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    english = page.get_by_role("dialog", name="Talk to us")
    expect(english.get_by_role("button", name="Contact", exact=True)).to_be_visible()
    expect(english.get_by_text("Hi! How can we help?")).to_be_visible()

    page.goto(server.url + "fr/")
    page.get_by_role("button", name="Contactez-nous").click()  # the call to action
    french = page.get_by_role("dialog", name="Parlons-en")
    expect(french).to_be_visible()
    expect(french.get_by_role("button", name="Écrivez-nous")).to_be_visible()
    expect(french.get_by_text("Bonjour ! Comment pouvons-nous vous aider ?")).to_be_visible()
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_label("Email")).to_have_accessible_description("Ce champ est obligatoire.")
