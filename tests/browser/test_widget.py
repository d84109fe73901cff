"""What a reader does with the bundled widget, in a real Chromium: open it, press,
type, submit; and what arrives at the webhook receiver."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from stub_receiver import Receiver
from support import AUTHOR_JS, ServeSite, StaticServer, site_config


def demo(
    receiver: Receiver, server: StaticServer, theme: str = "mkdocs", **options: Any
) -> dict[str, Any]:
    hook = receiver.origin + "/hooks/"
    actions = [
        {
            "id": "go",
            "type": "button",
            "label": "Book a demo",
            "primary": True,
            "url": "pricing.md#plans",
        },
        {"id": "docs", "type": "link", "label": "Read the API", "url": server.url + "api/"},
        {
            "id": "contact",
            "type": "form",
            "label": "Contact sales",
            "fields": [
                {"key": "name", "label": "Name", "required": True, "max_length": 20},
                {"key": "email", "label": "Email", "type": "email", "required": True},
                {"key": "site", "label": "Website", "type": "url"},
                {"key": "seats", "label": "Seats", "type": "number"},
                {"key": "size", "label": "Team size", "type": "select", "options": ["1-10", "11+"]},
                {"key": "note", "label": "Note", "type": "textarea"},
                {"key": "phone", "label": "Phone", "type": "tel"},
                {"key": "news", "label": "Send news", "type": "checkbox"},
            ],
            "webhook": hook + "contact",
            "submit_label": "Send",
            "success_message": "Thanks, we will be in touch.",
            "error_message": "Sorry, that did not go through.",
        },
        {
            "id": "ping",
            "type": "button",
            "label": "Ping and go",
            "webhook": hook + "ping",
            "url": "pricing.md",
        },
        {
            "id": "plain",
            "type": "button",
            "label": "Just tell listeners",
            "data": {"plan": "team", "n": 2},
        },
        {
            "id": "survey",
            "type": "form",
            "label": "Quick survey",
            "fields": [
                {
                    "key": "ok",
                    "label": "Useful?",
                    "type": "select",
                    "options": ["Yes", "No"],
                    "required": True,
                }
            ],
            "url": "pricing.md",
            "success_message": "Noted, thank you!",
        },
    ]
    config = site_config(
        {"chatbot_id": "docs-bot", "actions": actions, "webhook_timeout": 2, **options}, theme=theme
    )
    config["extra_javascript"] = ["author.js"]
    return config


PAGES = {
    "index.md": "# Home\n\nWelcome to the docs.\n",
    "pricing.md": "# Pricing\n\n## Plans\n\nPlans here.\n",
    "api.md": "# API\n",
    "author.js": AUTHOR_JS,
    "off.md": "---\nchatspark: false\n---\n# Off\n",
}


@pytest.fixture
def site(serve_site: ServeSite, receiver: Receiver, server: StaticServer) -> StaticServer:
    serve_site(demo(receiver, server), PAGES)
    return server


def open_chat(page: Page) -> None:
    page.get_by_role("button", name="Open chat").click()
    expect(page.get_by_role("dialog", name="Chat with us")).to_be_visible()


def seen(page: Page) -> list[dict[str, Any]]:
    return page.evaluate("window.__seen")


def fill_contact(page: Page, **values: str) -> None:
    page.get_by_role("button", name="Contact sales").click()
    for label, value in values.items():
        page.get_by_label(label, exact=True).fill(value)


def test_the_panel_shows_title_greeting_and_every_action(
    page: Page, site: StaticServer, console_errors: list[str]
) -> None:
    page.goto(site.url)
    launcher = page.get_by_role("button", name="Open chat")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    open_chat(page)
    expect(launcher).to_have_attribute("aria-expanded", "true")
    panel = page.get_by_role("dialog", name="Chat with us")
    expect(panel.get_by_text("Hi! How can we help?")).to_be_visible()
    expect(panel.get_by_role("button", name="Book a demo")).to_have_class(
        re.compile("chatspark-button--primary")
    )
    link = panel.get_by_role("link", name="Read the API")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener")
    expect(link).to_have_attribute("href", site.url + "api/")
    expect(panel.get_by_role("button", name="Contact sales")).to_have_attribute(
        "aria-expanded", "false"
    )
    expect(panel.get_by_label("Name")).to_be_hidden()
    assert console_errors == []


def test_a_button_with_a_url_navigates_in_the_same_tab(page: Page, site: StaticServer) -> None:
    page.goto(site.url)
    open_chat(page)
    page.get_by_role("button", name="Book a demo").click()
    page.wait_for_url(site.url + "pricing/#plans")
    assert len(page.context.pages) == 1


def test_a_link_opens_a_new_tab(page: Page, site: StaticServer) -> None:
    page.goto(site.url)
    open_chat(page)
    with page.context.expect_page() as new_tab:
        page.get_by_role("link", name="Read the API").click()
    new_tab.value.wait_for_load_state()
    assert new_tab.value.url == site.url + "api/"
    assert page.url == site.url
    assert new_tab.value.evaluate("window.opener") is None  # noopener
    assert seen(page) == [{"actionId": "docs", "actionType": "link", "data": {}}]


def test_a_form_posts_the_exact_json_and_headers(
    page: Page, site: StaticServer, receiver: Receiver
) -> None:
    page.goto(site.url)
    open_chat(page)
    fill_contact(
        page, Name="  Ada Lovelace ", Email="ada@example.com", Seats="12", Phone="+44 20 1234"
    )
    page.get_by_label("Team size").select_option("11+")
    page.get_by_label("Send news").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thanks, we will be in touch.")).to_be_visible()

    [post] = receiver.posts()
    assert post.path == "/hooks/contact"
    assert post.headers["Content-Type"] == "application/json"
    body = post.json()
    assert post.headers["Idempotency-Key"] == body["submissionId"]
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", body["submissionId"]
    )
    submitted = datetime.fromisoformat(body.pop("submittedAt").replace("Z", "+00:00"))
    assert submitted.tzinfo is not None
    body.pop("submissionId")
    assert body == {
        "actionId": "contact",
        "actionType": "form",
        "data": {
            "name": "Ada Lovelace",
            "email": "ada@example.com",
            "seats": 12,
            "size": "11+",
            "phone": "+44 20 1234",
            "news": True,
        },
        "chatbotId": "docs-bot",
        "page": {"url": site.url, "title": page.title()},
    }
    assert body["page"]["title"] == "Test Docs"  # the document title of the home page
    # the preflight was answered; the author's listener saw the same data
    assert [r.method for r in receiver.requests] == ["OPTIONS", "POST"]
    assert seen(page) == [{"actionId": "contact", "actionType": "form", "data": body["data"]}]
    # a successful form is cleared for the next message
    expect(page.get_by_label("Name")).to_have_value("")


@pytest.mark.parametrize(
    ("values", "label", "message"),
    [
        ({"Email": "a@b.co"}, "Name", "This field is required."),
        (
            {"Name": "Ada", "Email": "not-an-email"},
            "Email",
            "Enter a valid email address, like name@example.com.",
        ),
        (
            {"Name": "Ada", "Email": "a@b.co", "Website": "example.com"},
            "Website",
            "Enter a full web address, starting with https://.",
        ),
        (
            {"Name": "Ada", "Email": "a@b.co", "Website": "javascript:alert(1)"},
            "Website",
            "Enter a full web address, starting with https://.",
        ),
    ],
)
def test_invalid_input_is_explained_at_the_field_and_nothing_is_sent(
    page: Page,
    site: StaticServer,
    receiver: Receiver,
    values: dict[str, str],
    label: str,
    message: str,
) -> None:
    page.goto(site.url)
    open_chat(page)
    fill_contact(page, **values)
    page.get_by_role("button", name="Send").click()
    field = page.get_by_label(label, exact=True)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(message)
    expect(field).to_be_focused()
    expect(page.get_by_role("alert")).to_have_text("Please correct the fields marked below.")
    assert receiver.posts() == []
    assert seen(page) == []


def test_max_length_and_select_options_are_checked(
    page: Page, site: StaticServer, receiver: Receiver
) -> None:
    page.goto(site.url)
    open_chat(page)
    fill_contact(page, Email="a@b.co")
    # maxlength stops typing at 20; a value set by script is still checked
    page.get_by_label("Name", exact=True).evaluate("el => { el.value = 'x'.repeat(25) }")
    page.get_by_label("Team size").evaluate(
        "el => { const o = document.createElement('option'); o.value = o.textContent = 'forged'; el.append(o); el.value = 'forged' }"
    )
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_label("Name", exact=True)).to_have_accessible_description(
        "Use at most 20 characters."
    )
    expect(page.get_by_label("Team size")).to_have_accessible_description(
        "Choose one of the options."
    )
    assert receiver.posts() == []


def test_a_number_field_refuses_text(page: Page, site: StaticServer, receiver: Receiver) -> None:
    page.goto(site.url)
    open_chat(page)
    fill_contact(page, Name="Ada", Email="a@b.co")
    page.get_by_label("Seats").press_sequentially("12e")  # not a number, though typeable
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_label("Seats")).to_have_accessible_description("Enter a number.")
    assert receiver.posts() == []


def test_a_failed_post_keeps_the_input_and_the_retry_is_identical(
    page: Page, site: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = [500]
    page.goto(site.url)
    open_chat(page)
    fill_contact(page, Name="Ada", Email="ada@example.com")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert")).to_contain_text("Sorry, that did not go through.")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Ada")
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_text("Thanks, we will be in touch.")).to_be_visible()
    first, second = receiver.posts()
    assert first.body == second.body
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]
    assert len(receiver.accepted) == 1
    assert len(seen(page)) == 1  # listeners are told once, not on the retry


def test_submitting_the_same_data_again_after_a_failure_is_a_retry(
    page: Page, site: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = [503]
    page.goto(site.url)
    open_chat(page)
    fill_contact(page, Name="Ada", Email="ada@example.com")
    send = page.get_by_role("button", name="Send")
    send.click()
    expect(page.get_by_role("alert")).to_contain_text("Sorry")
    send.click()
    expect(page.get_by_text("Thanks, we will be in touch.")).to_be_visible()
    first, second = receiver.posts()
    assert first.body == second.body
    assert len(seen(page)) == 1


def test_a_receiver_that_never_answers_times_out_and_can_be_retried(
    page: Page, site: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = ["hang"]
    page.goto(site.url)
    open_chat(page)
    fill_contact(page, Name="Ada", Email="ada@example.com")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Sending…")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Sorry", timeout=5000)  # webhook_timeout: 2
    expect(page.get_by_label("Email")).to_have_value("ada@example.com")
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_text("Thanks, we will be in touch.")).to_be_visible()
    keys = {p.headers["Idempotency-Key"] for p in receiver.posts()}
    assert len(receiver.posts()) == 2 and len(keys) == 1


def test_a_double_click_sends_one_request(
    page: Page, site: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = ["slow"]
    page.goto(site.url)
    open_chat(page)
    fill_contact(page, Name="Ada", Email="ada@example.com")
    page.get_by_role("button", name="Send").dblclick()
    expect(page.get_by_text("Thanks, we will be in touch.")).to_be_visible()
    page.wait_for_timeout(300)
    assert len(receiver.posts()) == 1
    assert len(seen(page)) == 1


def test_a_button_with_webhook_and_url_posts_then_goes(
    page: Page, site: StaticServer, receiver: Receiver
) -> None:
    page.goto(site.url)
    open_chat(page)
    page.get_by_role("button", name="Ping and go").click()
    page.wait_for_url(site.url + "pricing/")
    [post] = receiver.posts()
    assert post.json()["actionId"] == "ping" and post.json()["data"] == {}


def test_a_button_whose_webhook_fails_stays_with_a_retry(
    page: Page, site: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = [500]
    page.goto(site.url)
    open_chat(page)
    page.get_by_role("button", name="Ping and go").click()
    expect(page.get_by_role("alert")).to_contain_text("Sorry")
    assert page.url == site.url
    page.get_by_role("button", name="Try again").click()
    page.wait_for_url(site.url + "pricing/")


def test_a_form_with_a_url_and_no_webhook_thanks_then_goes(
    page: Page, site: StaticServer, receiver: Receiver
) -> None:
    page.goto(site.url)
    open_chat(page)
    page.get_by_role("button", name="Quick survey").click()
    page.get_by_label("Useful?").select_option("Yes")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Noted, thank you!")).to_be_visible()
    page.wait_for_url(site.url + "pricing/")
    assert receiver.posts() == []


def test_a_plain_button_reaches_only_the_authors_listeners(
    page: Page, site: StaticServer, receiver: Receiver
) -> None:
    page.goto(site.url)
    open_chat(page)
    page.get_by_role("button", name="Just tell listeners").click()
    page.wait_for_function("window.__seen.length === 1")
    assert seen(page) == [
        {"actionId": "plain", "actionType": "button", "data": {"plan": "team", "n": 2}}
    ]
    assert receiver.posts() == [] and page.url == site.url


def test_keyboard_only(page: Page, site: StaticServer, receiver: Receiver) -> None:
    page.goto(site.url)
    launcher = page.get_by_role("button", name="Open chat")
    for _ in range(40):  # Tab from the top of the page to the launcher
        page.keyboard.press("Tab")
        if launcher.evaluate("el => el === el.getRootNode().activeElement"):
            break
    expect(launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Book a demo")).to_be_focused()
    page.keyboard.press("Tab")  # the link
    page.keyboard.press("Tab")  # Contact sales
    expect(page.get_by_role("button", name="Contact sales")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.get_by_label("Name", exact=True)).to_be_focused()
    page.keyboard.type("Ada")
    page.keyboard.press("Tab")
    page.keyboard.type("ada@example.com")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Thanks, we will be in touch.")).to_be_visible()
    assert len(receiver.posts()) == 1
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(launcher).to_be_focused()


def test_an_opted_out_page_has_no_widget_and_the_authors_script_still_runs(
    page: Page, site: StaticServer
) -> None:
    # The site's own script calls window.ChatSpark.on as the ChatSpark page shows:
    # on a page without the chat it must not throw (the bootstrap is there, alone).
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site.url + "off/")
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise((done) => requestIdleCallback(() => setTimeout(done, 200)))")
    assert errors == []
    assert page.evaluate("window.__seen") == []  # author.js ran to its end
    assert page.locator("[data-chatspark]").count() == 0
    expect(page.get_by_role("button", name="Open chat")).to_have_count(0)
    assert not any(p.endswith("/widget.js") for p in site.paths)


def test_the_404_page_has_the_widget(page: Page, site: StaticServer) -> None:
    # Python's file server does not serve 404.html for missing paths; open it directly
    page.goto(site.url + "404.html")
    open_chat(page)
    expect(page.get_by_role("button", name="Book a demo")).to_be_visible()


def test_it_fits_a_360_px_phone(page: Page, site: StaticServer) -> None:
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(site.url)
    open_chat(page)
    page.get_by_role("button", name="Contact sales").click()
    box = page.get_by_role("dialog").bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert box["y"] >= 0 and box["y"] + box["height"] <= 640
    expect(page.get_by_label("Name", exact=True)).to_be_in_viewport()


def test_position_left(
    page: Page, serve_site: ServeSite, receiver: Receiver, server: StaticServer
) -> None:
    serve_site(demo(receiver, server, position="left"), PAGES)
    server.delays["widget.css"] = 1.0  # the bootstrap's launcher stays a while
    page.goto(server.url)
    launcher = page.get_by_role("button", name="Open chat")
    expect(launcher).to_be_visible()  # the bootstrap's, once its stylesheet is in
    box = launcher.bounding_box()
    assert box is not None and box["x"] < 100
    page.wait_for_selector("[data-chatspark]:not([hidden])", state="attached")  # then the widget's
    box = page.get_by_role("button", name="Open chat").bounding_box()
    assert box is not None and box["x"] < 100


def test_page_front_matter_changes_the_panel(
    page: Page, serve_site: ServeSite, receiver: Receiver, server: StaticServer
) -> None:
    own = (
        "---\nchatspark:\n  greeting: Pricing questions?\n  hide: [plain, survey]\n  actions:\n"
        "    - {id: go, type: button, label: Talk about plans, url: '#plans'}\n"
        "    - {id: call, type: link, label: Call us, url: 'tel:+15550100'}\n---\n# Pricing\n\n## Plans\n"
    )
    serve_site(demo(receiver, server), {**PAGES, "pricing.md": own})
    page.goto(server.url + "pricing/")
    open_chat(page)
    panel = page.get_by_role("dialog")
    expect(panel.get_by_text("Pricing questions?")).to_be_visible()
    names = panel.locator(".chatspark-actions > .chatspark-item > :first-child").all_inner_texts()
    assert [n.replace("\u2197", "").strip() for n in names] == [
        "Talk about plans",
        "Read the API",
        "Contact sales",
        "Ping and go",
        "Call us",
    ]
    panel.get_by_role("button", name="Talk about plans").click()
    page.wait_for_url(server.url + "pricing/#plans")


def test_hostile_labels_render_as_text(
    page: Page, serve_site: ServeSite, receiver: Receiver, server: StaticServer
) -> None:
    label = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>'
    config = site_config(
        {"greeting": label, "actions": [{"id": "x", "type": "button", "label": label}]}
    )
    serve_site(config, {"index.md": "# Home\n"})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url)
    open_chat(page)
    expect(page.get_by_role("button", name=label)).to_be_visible()
    expect(page.get_by_role("dialog").get_by_text(label, exact=True).first).to_be_visible()
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []


def test_payload_shape_matches_the_reference(page: Page, site: StaticServer) -> None:
    page.goto(site.url)
    open_chat(page)
    page.get_by_role("button", name="Just tell listeners").click()
    page.wait_for_function("window.__seen.length === 1")
    payload = page.evaluate("window.__seen[0]")
    assert set(payload) == {"actionId", "actionType", "data"}
    assert json.dumps(payload)  # plain JSON, nothing else
