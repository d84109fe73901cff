"""Smaller things a reader meets (issue 20, items 12 and 17): dates said as the reader
writes them, the required-field asterisk explained, a form's first field whole in view
when it opens, and a campaign's utm_* values kept when the reader moves on before the
widget has come."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from stub_receiver import Receiver
from support import ServeSite, StaticServer, site_config, widget_ready
from test_host_page import panel

DATED = {
    "id": "book",
    "type": "form",
    "label": "Book a call",
    "fields": [
        {"key": "day", "label": "Day", "type": "date", "min": "2027-03-01", "max": "2027-06-30"},
        {"key": "topic", "label": "Topic"},
    ],
}


@pytest.mark.parametrize(
    ("language", "locale", "early", "late"),
    [
        ("en", "en-US", "Choose March 1, 2027 or later.", "Choose June 30, 2027 or earlier."),
        ("en", "en-GB", "Choose 1 March 2027 or later.", "Choose 30 June 2027 or earlier."),
        ("de", "de-DE", "1. März 2027", "30. Juni 2027"),
        ("de", "en-US", "1. März 2027", "30. Juni 2027"),  # the sentence's language wins
    ],
)
def test_a_date_bound_is_said_as_the_reader_writes_dates(
    browser: Browser,
    serve_site: ServeSite,
    server: StaticServer,
    language: str,
    locale: str,
    early: str,
    late: str,
) -> None:
    config = site_config({"actions": [DATED]})
    config["theme"]["locale"] = language
    serve_site(config, {"index.md": "# Home\n"})
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(server.url)
    widget_ready(page)
    page.locator(".chatspark-launcher").click()
    panel(page).locator(".chatspark-button").filter(has_text="Book a call").click()
    day = panel(page).locator("input[type=date]")
    submit = panel(page).locator("form.chatspark-form button[type=submit]")
    day.fill("2027-01-15")
    submit.click()
    error = panel(page).locator(".chatspark-error:not([hidden])")
    expect(error).to_contain_text(early)
    assert "2027-03-01" not in error.inner_text()
    day.fill("2027-07-15")
    submit.click()
    expect(error).to_contain_text(late)
    context.close()


def test_the_asterisk_of_a_required_field_is_explained_above_the_form(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    required = {
        "id": "ask",
        "type": "form",
        "label": "Ask us",
        "fields": [{"key": "email", "label": "Email", "type": "email", "required": True}],
    }
    serve_site(site_config({"actions": [required, DATED]}), {"index.md": "# Home\n"})
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    panel(page).get_by_role("button", name="Ask us").click()
    form = panel(page).locator("form.chatspark-form").first
    note = form.get_by_text("Fields marked * are required.")
    expect(note).to_be_visible()
    # Above the fields, and as hidden from assistive technology as the asterisks
    # (aria-required says it there).
    assert note.evaluate("n => n.compareDocumentPosition(n.parentNode.querySelector('input')) & 4")
    expect(note).to_have_attribute("aria-hidden", "true")
    expect(page.get_by_label("Email")).to_have_attribute("aria-required", "true")
    # A form with no required field says nothing of it.
    panel(page).get_by_role("button", name="Book a call").click()
    expect(panel(page).locator("form.chatspark-form").nth(1)).not_to_contain_text("required")


CLIPPED = """(() => {
    const root = document.querySelector('[data-chatspark]').shadowRoot;
    const field = root.activeElement;
    if (!field || field.tagName !== 'INPUT') return 'focus: ' + (field && field.tagName);
    // The field with its label, as the reader needs to see it.
    const whole = field.closest('.chatspark-field');
    let box = whole.parentElement;
    while (box && getComputedStyle(box).overflowY === 'visible') box = box.parentElement;
    const f = whole.getBoundingClientRect(), b = box.getBoundingClientRect();
    return f.top >= b.top - 0.5 && f.bottom <= b.bottom + 0.5 ? 'whole' : 'clipped';
})()"""


def test_a_form_opened_on_a_wide_screen_focuses_a_field_whole_in_view(
    browser: Browser, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    # The form's opener last, under a long greeting and many buttons: at some
    # window height its first field opens just under the panel's edge.
    buttons = [
        {"id": f"b{i}", "type": "button", "label": f"Option number {i}", "data": {"n": i}}
        for i in range(7)
    ]
    form = {
        "id": "contact",
        "type": "form",
        "label": "Contact sales",
        "fields": [{"key": "email", "label": "Email", "type": "email"}],
        "webhook": receiver.origin + "/h",
    }
    serve_site(site_config({"actions": [*buttons, form]}), {"index.md": "# Home\n"})
    seen = []
    for height in range(560, 900, 24):
        context = browser.new_context(viewport={"width": 1280, "height": height})
        page = context.new_page()
        page.goto(server.url)
        page.get_by_role("button", name="Open chat").click()
        panel(page).get_by_role("button", name="Contact sales").click()
        expect(page.get_by_label("Email")).to_be_attached()
        page.wait_for_function(
            "document.querySelector('[data-chatspark]').shadowRoot.activeElement"
        )
        seen.append((height, page.evaluate(CLIPPED)))
        context.close()
    assert {s for _, s in seen} == {"whole"}, seen


def test_utm_values_of_the_landing_page_reach_a_later_page_the_widget_loaded_on(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    # The reader lands with a campaign link and moves on before the widget came
    # (load: interaction, the mkdocs theme: a full page load): the next page's
    # submission still carries the landing page's utm_* values.
    ping = {
        "id": "ping",
        "type": "button",
        "label": "Ping us",
        "data": {"n": 1},
        "webhook": receiver.origin + "/h",
    }
    config = site_config({"actions": [ping], "context": ["utm"], "load": "interaction"})
    serve_site(config, {"index.md": "# Home\n\n[Next page](next.md)\n", "next.md": "# Next\n"})
    page.goto(server.url + "?utm_source=newsletter&utm_campaign=december&other=1")
    assert page.evaluate("document.querySelector('script[src*=\"widget.js\"]')") is None
    page.get_by_role("link", name="Next page").click()
    page.wait_for_url("**/next/")
    page.get_by_role("button", name="Open chat").click()
    widget_ready(page)
    panel(page).get_by_role("button", name="Ping us").click()
    expect(panel(page).locator(".chatspark-note--success")).to_be_visible()
    (post,) = receiver.posts()
    body: Any = post.json()
    assert body["page"]["utm"] == {"utm_source": "newsletter", "utm_campaign": "december"}
    assert body["page"]["url"].endswith("/next/")
