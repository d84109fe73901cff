"""The widget and the real receiver (chatspark-receiver's app under uvicorn, port 0):
a form the browser lets through but the receiver refuses shows the receiver's words
next to each field; fixed, it is kept once."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from playwright.sync_api import Page, expect
from receiver_support import Running, free_socket, start
from support import ServeSite, StaticServer, site_config, widget_ready

FIELDS: list[dict[str, Any]] = [
    {"key": "name", "label": "Name", "required": True},
    {"key": "email", "label": "Email", "type": "email", "required": True},
    {"key": "campaign", "type": "hidden", "value": "spring"},
]


def test_the_receivers_field_problems_show_next_to_the_fields(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiving: list[Running],
    console_errors: list[str],
) -> None:
    sock = free_socket()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/hooks/contact"
    action = {
        "id": "contact",
        "type": "form",
        "label": "Contact us",
        "submit_label": "Send",
        "success_message": "Thanks, kept.",
        "webhook": url,
        "fields": FIELDS,
    }
    built = serve_site(site_config({"actions": [action]}), {"index.md": "# Home\n"})
    # The receiver runs the form as it is now: the author has since capped the name
    # at 5 characters, and the reader's page was built before.
    config_file = built.root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    stricter = copy.deepcopy(action)
    stricter["fields"][0]["max_length"] = 5
    config["plugins"][1]["chatspark"]["actions"] = [stricter]
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    running = start(
        config_file, str(built.root / "kept.sqlite3"), origins=(server.url.rstrip("/"),), sock=sock
    )
    receiving.append(running)

    page.goto(server.url)
    widget_ready(page)
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Contact us").click()
    name = page.get_by_label("Name", exact=True)
    name.fill("Alexandra")
    page.get_by_label("Email").fill("alex@example.com")
    page.get_by_role("button", name="Send").click()

    expect(name).to_have_accessible_description("Use at most 5 characters.")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_be_focused()
    expect(page.get_by_text("Please correct the fields marked below.")).to_be_visible()
    expect(page.get_by_label("Email")).not_to_have_attribute("aria-invalid", "true")
    assert list(running.store.rows()) == []

    name.fill("Alex")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thanks, kept.")).to_be_visible()
    [row] = running.store.rows()
    assert row.data == {"name": "Alex", "email": "alex@example.com", "campaign": "spring"}
    # The 422 is the browser's own console error for a failed fetch; nothing else.
    assert [e for e in console_errors if "422" not in e] == []
