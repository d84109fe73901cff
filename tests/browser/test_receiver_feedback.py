"""Page feedback and the Ask box's hand-off, from a real Chromium to the real receiver
(chatspark-receiver's app under uvicorn on port 0, SQLite): a vote and its comment
are one row with the comment; a question the site does not answer, handed to a form,
is in that form's row."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from receiver_support import Running, free_socket, start, wait_for
from support import ServeSite, StaticServer, site_config, widget_ready

YES = "[data-chatspark-vote='1']"
UNANSWERED = "what is the price of a zeppelin ticket?"


def test_a_vote_and_its_comment_are_one_row_with_the_comment(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiving: list[Running],
    console_errors: list[str],
) -> None:
    sock = free_socket()
    hook = f"http://127.0.0.1:{sock.getsockname()[1]}/hooks/feedback"
    plugin = {"feedback": {"webhook": hook}}
    built = serve_site(site_config(plugin), {"index.md": "# Install guide\n\nPip.\n"})
    running = start(
        built.root / "mkdocs.yml",
        str(built.root / "kept.sqlite3"),
        origins=(server.url.rstrip("/"),),
        sock=sock,
    )
    receiving.append(running)

    page.goto(server.url)
    page.click(YES)
    expect(page.get_by_role("status")).to_have_text("Thank you for your feedback!")
    assert wait_for(lambda: len(list(running.store.rows())) == 1)
    page.get_by_label("Tell us more (optional)").fill("The proxy section is missing.")
    page.get_by_role("button", name="Send").click()
    assert wait_for(lambda: "comment" in next(iter(running.store.rows())).data)
    [row] = running.store.rows()
    assert row.action == "feedback"
    assert row.data == {
        "rating": 1,
        "path": "/",
        "title": "Install guide",
        "language": "en",
        "comment": "The proxy section is missing.",
    }
    assert row.page_url == server.url
    assert console_errors == []


@pytest.mark.parametrize("fmt", ["json", "form"])
def test_an_unanswered_question_handed_to_a_form_is_in_its_row(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiving: list[Running],
    console_errors: list[str],
    fmt: str,
) -> None:
    sock = free_socket()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/hooks/contact"
    action: dict[str, Any] = {
        "id": "contact",
        "type": "form",
        "label": "Ask the team",
        "fields": [
            {"key": "email", "label": "Email", "type": "email", "required": True},
            {"key": "message", "label": "Message", "type": "textarea"},
        ],
        "webhook": url if fmt == "json" else {"url": url, "format": "form"},
        "success_message": "Sent!",
    }
    pages = {"index.md": "# Home\n\nRun `pip install acme` to install the Acme package.\n"}
    built = serve_site(site_config({"actions": [action]}), pages)
    running = start(
        built.root / "mkdocs.yml",
        str(built.root / "kept.sqlite3"),
        origins=(server.url.rstrip("/"),),
        sock=sock,
    )
    receiving.append(running)

    page.goto(server.url)
    widget_ready(page)
    page.get_by_role("button", name="Open chat").click()
    box = page.get_by_role("textbox", name=re.compile("Ask"))
    box.fill(UNANSWERED)
    box.press("Enter")
    refusal = page.get_by_role("log").locator(".chatspark-answer--none")
    refusal.get_by_role("button", name="Ask the team").click()
    expect(page.get_by_label("Message", exact=True)).to_have_value(UNANSWERED)
    page.get_by_label("Email", exact=True).fill("reader@example.com")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Sent!")).to_be_visible()
    [row] = running.store.rows()
    assert row.data == {"email": "reader@example.com", "message": UNANSWERED}
    assert row.meta["page"]["asked"] == {"question": UNANSWERED, "pages": []}
    assert console_errors == []
