"""An automated audit (axe-core: WCAG 2.1 A/AA and its best practices): the widget
adds no violation that the same page without it does not already have."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from stub_receiver import Receiver
from support import ServeSite, StaticServer, site_config

WCAG = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    }
}


def violations(page: Page) -> set[tuple[str, str]]:
    results: Any = Axe().run(page, options=WCAG)
    return {
        (v["id"], " ".join(map(str, node["target"])))
        for v in results.response["violations"]
        for node in v["nodes"]
    }


@pytest.mark.parametrize("theme", ["mkdocs", "material", "readthedocs"])
def test_no_violation_of_our_own_closed_open_or_with_errors(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, theme: str
) -> None:
    actions = [
        {"id": "demo", "type": "button", "label": "Book a demo", "primary": True, "url": "#x"},
        {"id": "api", "type": "link", "label": "API", "url": "https://example.com/api"},
        {
            "id": "contact",
            "type": "form",
            "label": "Contact sales",
            "fields": [
                {"key": "name", "label": "Name", "required": True},
                {"key": "email", "label": "Email", "type": "email", "required": True},
                {"key": "size", "label": "Size", "type": "select", "options": ["S", "M"]},
                {"key": "ok", "label": "Agree", "type": "checkbox", "required": True},
                {"key": "note", "label": "Note", "type": "textarea"},
                # issue 15: a radio group, a date with help, a multiple select, a
                # pattern, a hidden field; and the honeypot every form carries
                {
                    "key": "plan",
                    "label": "Plan",
                    "type": "radio",
                    "options": ["Free", "Team"],
                    "required": True,
                },
                {"key": "start", "label": "Start", "type": "date", "help": "Any weekday."},
                {
                    "key": "topics",
                    "label": "Topics",
                    "type": "select",
                    "options": ["A", "B"],
                    "multiple": True,
                },
                {"key": "code", "label": "Code", "pattern": "[0-9]{4}", "help": "Four digits."},
                {"key": "campaign", "type": "hidden", "value": "x"},
            ],
            "webhook": receiver.origin + "/h",
        },
    ]
    serve_site(site_config({"actions": actions}, theme=theme), {"index.md": "# Home\n\nText.\n"})
    page.goto(server.url)
    page.wait_for_selector(".chatspark-launcher")
    closed = violations(page)

    page.get_by_role("button", name="Open chat").click()
    opened = violations(page)

    page.get_by_role("button", name="Contact sales").click()
    page.get_by_label("Email").fill("nope")
    page.get_by_label("Code").fill("12")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_label("Name")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("radiogroup", name="Plan")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Code")).to_have_accessible_description(
        "Four digits. Use the format asked for."
    )
    with_errors = violations(page)

    page.evaluate("document.querySelector('[data-chatspark]').remove()")
    baseline = violations(page)

    assert closed - baseline == set()
    assert opened - baseline == set()
    assert with_errors - baseline == set()
