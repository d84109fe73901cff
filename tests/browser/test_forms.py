"""Forms real sites need, in a real Chromium: the new field types and checks, spam
kept out (a honeypot, too-fast submissions), forms with no backend (mailto:),
Netlify Forms, analytics events to stand-ins for each tool, and attribution."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs

from playwright.sync_api import Page, expect
from stub_receiver import Receiver
from support import AUTHOR_JS, ServeSite, StaticServer, site_config, widget_ready

LEAD_FIELDS: list[dict[str, Any]] = [
    {"key": "name", "label": "Name", "required": True, "help": "As on your badge."},
    {"key": "email", "label": "Email", "type": "email", "required": True},
    {
        "key": "plan",
        "label": "Plan",
        "type": "radio",
        "options": ["Starter", "Team"],
        "default": "Team",
        "required": True,
    },
    {
        "key": "start",
        "label": "Start date",
        "type": "date",
        "min": "2026-12-01",
        "max": "2027-06-30",
    },
    {"key": "seats", "label": "Seats", "type": "number", "min": 1, "max": 500, "step": 5},
    {
        "key": "vat",
        "label": "VAT number",
        "pattern": "[A-Z]{2}[0-9]{8,12}",
        "pattern_message": "Like DE123456789.",
    },
    {
        "key": "topics",
        "label": "Topics",
        "type": "select",
        "options": ["Billing", "SSO", "API"],
        "multiple": True,
    },
    {"key": "company", "label": "Company"},
    {"key": "campaign", "type": "hidden", "value": "spring"},
]


def lead(**keys: Any) -> dict[str, Any]:
    return {
        "id": "lead",
        "type": "form",
        "label": "Talk to sales",
        "fields": LEAD_FIELDS,
        "submit_label": "Send",
        "success_message": "Thanks!",
        **keys,
    }


PAGES = {
    "index.md": "# Home\n",
    "pricing.md": "# Pricing\n",
    "author.js": AUTHOR_JS,
}


def serve(
    serve_site: ServeSite, options: dict[str, Any], theme: str = "mkdocs", **extra: Any
) -> None:
    config = site_config({"chatbot_id": "docs-bot", **options}, theme=theme)
    config["extra_javascript"] = ["author.js", *extra.pop("scripts", [])]
    pages = {**PAGES, **extra.pop("pages", {})}
    config.update(extra)
    serve_site(config, pages)


def own_errors(errors: list[str]) -> list[str]:
    """Console errors other than AUTHOR_JS's listener that throws on purpose."""
    return [e for e in errors if "a broken listener" not in e]


def open_form(page: Page, name: str = "Talk to sales", *, dispatch: bool = False) -> None:
    """Open the chat and the form; `dispatch` clicks under a modal layer (a cookie banner)."""
    for button in ("Open chat", name):
        target = page.get_by_role("button", name=button)
        if dispatch:
            target.dispatch_event("click")
        else:
            target.click()
    # The form is drawn after the press is handled (the interface may still be
    # loading): wait for it, so a test never reads a panel that is half drawn.
    expect(page.get_by_role("form", name=name)).to_be_attached()


def fill_valid(page: Page) -> None:
    page.get_by_label("Name", exact=True).fill("Ada")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Start date").fill("2027-01-15")
    page.get_by_label("Seats").fill("11")
    page.get_by_label("VAT number").fill("DE123456789")
    page.get_by_label("Topics").select_option(["Billing", "API"])


def test_new_fields_are_drawn_checked_and_sent_typed(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
    console_errors: list[str],
) -> None:
    serve(serve_site, {"actions": [lead(webhook=receiver.origin + "/hooks/lead")]})
    page.goto(server.url)
    open_form(page)

    # A radio group is a fieldset named by its legend, with its default checked.
    group = page.get_by_role("radiogroup", name="Plan")
    expect(group).to_be_visible()
    expect(group.get_by_role("radio", name="Team")).to_be_checked()
    expect(group.get_by_role("radio", name="Starter")).not_to_be_checked()
    # Help under the label, tied to the input; autocomplete from the build.
    name = page.get_by_label("Name", exact=True)
    expect(name).to_have_accessible_description("As on your badge.")
    expect(name).to_have_attribute("autocomplete", "name")
    expect(page.get_by_label("Company")).to_have_attribute("autocomplete", "organization")
    expect(page.get_by_label("Email")).to_have_attribute("autocomplete", "email")
    # Native inputs with their bounds.
    date = page.get_by_label("Start date")
    expect(date).to_have_attribute("type", "date")
    expect(date).to_have_attribute("min", "2026-12-01")
    expect(date).to_have_attribute("max", "2027-06-30")
    seats = page.get_by_label("Seats")
    expect(seats).to_have_attribute("min", "1")
    expect(seats).to_have_attribute("step", "5")
    expect(page.get_by_label("Topics")).to_have_attribute("multiple", "")
    # A hidden field is not drawn.
    assert page.locator("[data-chatspark] >> input[name=campaign]").count() == 0

    # Every rule is checked before anything is sent.
    fill_valid(page)
    page.get_by_label("Start date").fill("2026-11-30")
    page.get_by_label("Seats").fill("12")
    page.get_by_label("VAT number").fill("de12")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Choose December 1, 2026 or later.")).to_be_visible()  # en-US
    # The step counts from min: 1, 6, 11, 16... so 12 is told its neighbours.
    expect(page.get_by_text("Enter 11 or 16.")).to_be_visible()
    expect(page.get_by_text("Like DE123456789.")).to_be_visible()
    expect(page.get_by_label("VAT number")).to_have_accessible_description("Like DE123456789.")
    expect(name).to_have_accessible_description("As on your badge.")
    page.get_by_label("Seats").fill("499")  # 496 and 501, and 501 is over max
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Enter 496 or less.")).to_be_visible()
    page.get_by_label("Seats").fill("501")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Enter 500 or less.")).to_be_visible()
    assert receiver.posts() == []

    fill_valid(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thanks!")).to_be_visible()
    [post] = receiver.posts()
    assert post.json()["data"] == {
        "name": "Ada",
        "email": "ada@example.com",
        "plan": "Team",
        "start": "2027-01-15",
        "seats": 11,
        "vat": "DE123456789",
        "topics": ["Billing", "API"],
        "campaign": "spring",
    }
    assert page.evaluate("window.__seen")[0]["data"]["topics"] == ["Billing", "API"]
    # After success the form closes; opened again, it is back at its defaults.
    page.get_by_role("button", name="Talk to sales").click()
    expect(page.get_by_role("radio", name="Team")).to_be_checked()
    assert own_errors(console_errors) == []


# --- spam ---------------------------------------------------------------------------------


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve(serve_site, {"actions": [lead(webhook=receiver.origin + "/hooks/lead")]})
    page.goto(server.url)
    open_form(page)
    trap = page.locator("[data-chatspark] >> input[name=chatspark-website]")
    assert trap.count() == 1
    expect(trap).to_have_attribute("tabindex", "-1")
    expect(trap).to_have_attribute("autocomplete", "off")
    shown = trap.evaluate(
        """el => {
            const box = el.closest('.chatspark-hp');
            const r = box.getBoundingClientRect();
            return {display: getComputedStyle(box).display, ariaHidden: box.getAttribute('aria-hidden'),
                    clip: getComputedStyle(box).clipPath, width: r.width, height: r.height};
        }"""
    )
    # In the layout (a bot sees an input), but clipped to nothing and out of the
    # accessibility tree.
    assert shown["display"] != "none"
    assert shown["ariaHidden"] == "true"
    assert shown["clip"] == "inset(50%)" and shown["width"] <= 1 and shown["height"] <= 1
    tree = page.get_by_role("form", name="Talk to sales").aria_snapshot()
    assert "Company" in tree and "Leave this field empty" not in tree
    # Tab from the last field goes to the submit button, never into the trap.
    page.get_by_label("Company").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send")).to_be_focused()


def test_a_filled_honeypot_is_answered_as_success_and_never_sent(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve(serve_site, {"actions": [lead(webhook=receiver.origin + "/hooks/lead")]})
    page.goto(server.url)
    open_form(page)
    fill_valid(page)
    page.locator("[data-chatspark] >> input[name=chatspark-website]").fill("http://spam.example")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thanks!")).to_be_visible()
    time.sleep(0.5)
    assert receiver.requests == []  # not even a preflight
    assert page.evaluate("window.__seen") == []  # no listener told either
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('chatspark-outbox'))")
        == []
    )


def test_a_form_sent_faster_than_min_fill_seconds_is_dropped_a_slower_one_sent(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    action = lead(webhook=receiver.origin + "/hooks/lead", min_fill_seconds=1.5)
    serve(serve_site, {"actions": [action]})
    page.goto(server.url)
    open_form(page)
    fill_valid(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thanks!")).to_be_visible()
    time.sleep(0.3)
    assert receiver.posts() == []
    # Opened again, filled at a person's pace: sent.
    # The form closed after the (pretended) success; opened again, the clock restarts.
    page.get_by_role("button", name="Talk to sales").click()
    fill_valid(page)
    time.sleep(1.6)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thanks!")).to_be_visible()
    receiver_wait(receiver, 1)
    assert receiver.posts()[0].json()["data"]["name"] == "Ada"


def receiver_wait(receiver: Receiver, n: int, seconds: float = 5) -> None:
    end = time.monotonic() + seconds
    while len(receiver.posts()) < n and time.monotonic() < end:
        time.sleep(0.05)
    assert len(receiver.posts()) == n


def test_formspree_style_bodies_carry_gotcha_repeated_choices_and_the_context(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    action = lead(webhook={"url": receiver.origin + "/f/xyz", "format": "form"})
    serve(serve_site, {"actions": [action], "context": ["referrer", "utm"]})
    landing = server.url + "?utm_source=newsletter&utm_campaign=spring&other=x"
    page.goto(landing)
    widget_ready(page)  # it keeps the landing page's utm once loaded (idle; the measure part)
    # A later page of the same visit: the landing page's utm, this page's referrer.
    page.goto(server.url + "pricing/", referer=landing)
    open_form(page)
    fill_valid(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thanks!")).to_be_visible()
    [post] = receiver.posts()
    body = parse_qs(post.body.decode(), keep_blank_values=True)
    assert body["topics"] == ["Billing", "API"]  # as an HTML form sends a multiple select
    assert body["_gotcha"] == [""]
    assert body["campaign"] == ["spring"]
    assert body["_pageUrl"] == [server.url + "pricing/"]
    assert body["_pageReferrer"] == [landing]
    assert body["_utm_source"] == ["newsletter"]
    assert body["_utm_campaign"] == ["spring"]
    assert "_other" not in body and "other" not in body


def test_the_json_page_object_gains_only_the_context_asked_for(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve(
        serve_site, {"actions": [lead(webhook=receiver.origin + "/hooks/lead")], "context": ["utm"]}
    )
    page.goto(server.url + "?utm_medium=chat")
    open_form(page)
    fill_valid(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thanks!")).to_be_visible()
    [post] = receiver.posts()
    assert post.json()["page"] == {
        "url": server.url + "?utm_medium=chat",
        "title": page.title(),
        "utm": {"utm_medium": "chat"},
    }


def test_without_context_nothing_is_kept_or_sent(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve(serve_site, {"actions": [lead(webhook=receiver.origin + "/hooks/lead")]})
    page.goto(server.url + "?utm_source=x")
    open_form(page)
    fill_valid(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thanks!")).to_be_visible()
    assert set(receiver.posts()[0].json()["page"]) == {"url", "title"}
    assert page.evaluate("sessionStorage.getItem('chatspark-utm')") is None


# --- no backend, and Netlify --------------------------------------------------------------


def test_a_mailto_form_writes_the_mail_after_the_same_checks(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    action = lead(url="mailto:sales@example.com")
    serve(serve_site, {"actions": [action]})
    page.goto(server.url)
    open_form(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    fill_valid(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Your mail program opens with the message")).to_be_visible()
    link = page.locator("[data-chatspark] >> a.chatspark-mailto")
    body = (
        "Name: Ada\r\nEmail: ada@example.com\r\nPlan: Team\r\nStart date: 2027-01-15\r\n"
        "Seats: 11\r\nVAT number: DE123456789\r\nTopics: Billing, API\r\ncampaign: spring"
    )
    href = link.get_attribute("href") or ""
    assert href.startswith("mailto:sales@example.com?subject=Talk%20to%20sales&body=")
    assert parse_qs(href.split("?", 1)[1])["body"] == [body]
    assert "%0D%0A" in href and "%0A" not in href.replace("%0D%0A", "")  # RFC 6068
    expect(link).to_have_text("sales@example.com")  # the address, not "mailto:…"
    assert page.url == server.url  # the page stays
    assert receiver.requests == []
    assert page.evaluate("window.__seen")[0]["data"]["name"] == "Ada"


def test_a_netlify_form_posts_urlencoded_with_form_name_to_the_site_root(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    serve(serve_site, {"actions": [lead(webhook={"netlify": True})]})
    static = (server.root / "chatspark-forms.html").read_text()  # type: ignore[operator]
    assert (
        '<form name="lead" data-netlify="true" netlify-honeypot="chatspark-website" hidden="">'
        in static
    )
    page.goto(server.url + "pricing/")
    open_form(page)
    fill_valid(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thanks!")).to_be_visible()
    [(path, headers, raw)] = server.posts
    assert path == "/"
    assert headers["Content-Type"] == "application/x-www-form-urlencoded;charset=UTF-8"
    assert parse_qs(raw.decode(), keep_blank_values=True) == {
        "name": ["Ada"],
        "email": ["ada@example.com"],
        "plan": ["Team"],
        "start": ["2027-01-15"],
        "seats": ["11"],
        "vat": ["DE123456789"],
        "topics": ["Billing", "API"],
        "campaign": ["spring"],
        "form-name": ["lead"],
        "chatspark-website": [""],
    }
    # Every name it sends is an input of the static form Netlify registered.
    for name in parse_qs(raw.decode(), keep_blank_values=True):
        assert f'name="{name}"' in static


# --- analytics ----------------------------------------------------------------------------

STANDINS = """
window.__events = [];
window.gtag = function () { __events.push(['gtag'].concat(Array.from(arguments))); };
window.plausible = function (name, options) { __events.push(['plausible', name, options]); };
window._paq = { push: function (command) { __events.push(['matomo'].concat(command)); } };
window.google_tag_manager = { 'GTM-TEST': {} };
window.dataLayer = { length: 0 };
window.dataLayer = [];
window.dataLayer.push = function (entry) { __events.push(['gtm', entry]); };
"""


def test_every_step_goes_to_every_analytics_tool_without_field_values(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = [500]
    action = lead(webhook=receiver.origin + "/hooks/lead")
    serve(
        serve_site,
        {"actions": [action], "analytics": True},
        pages={"standins.js": STANDINS},
        scripts=["standins.js"],
    )
    page.goto(server.url)
    open_form(page)
    fill_valid(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Sorry, that did not go through.")).to_be_visible()
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_text("Thanks!")).to_be_visible()

    def props(outcome: Any = None) -> dict[str, Any]:
        out = {"action_id": "lead", "action_type": "form", "page_path": "/"}
        return {**out, "outcome": outcome} if outcome else out

    events = page.evaluate("window.__events")
    expected: list[Any] = []
    for step, outcome in [
        ("opened", None),
        ("submitted", None),
        ("failed", "http_500"),
        ("succeeded", "sent"),
    ]:
        name = f"chatspark_{step}"
        expected += [
            ["gtag", "event", name, props(outcome)],
            ["plausible", name, {"props": props(outcome)}],
            [
                "matomo",
                "trackEvent",
                "ChatSpark",
                step,
                "form:lead" + (f" ({outcome})" if outcome else ""),
            ],
            ["gtm", {"event": name, **props(), "outcome": outcome}],
        ]
    assert events == expected
    assert "Ada" not in str(events) and "example.com" not in str(events)


def test_no_analytics_option_or_no_tool_means_nothing_is_sent(
    page: Page, serve_site: ServeSite, server: StaticServer, console_errors: list[str]
) -> None:
    serve(
        serve_site, {"actions": [lead()]}, pages={"standins.js": STANDINS}, scripts=["standins.js"]
    )
    page.goto(server.url)
    open_form(page)
    fill_valid(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thanks!")).to_be_visible()
    assert page.evaluate("window.__events") == []
    assert own_errors(console_errors) == []


MATERIAL_GA = {
    "extra": {
        "analytics": {"provider": "google", "property": "G-TEST123"},
        "consent": {"title": "Cookies", "description": "We use cookies."},
    }
}
# gtag.js itself stays out of the test: dataLayer is where its commands wait.
BLOCK_GTAG = "**/gtag/js*"


def test_material_google_analytics_waits_for_cookie_consent(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    page.route(BLOCK_GTAG, lambda route: route.fulfill(body="", content_type="text/javascript"))
    serve(serve_site, {"actions": [lead()], "analytics": True}, theme="material", **MATERIAL_GA)

    def ours() -> list[Any]:
        return page.evaluate(
            """(window.dataLayer || [])
                .filter(e => Object.prototype.toString.call(e) === '[object Arguments]')
                .map(e => Array.from(e)).filter(a => String(a[1]).startsWith('chatspark_'))"""
        )

    page.goto(server.url)
    expect(page.locator("form[name=consent]")).to_be_visible()  # Material asks
    open_form(page, dispatch=True)
    assert ours() == []  # no consent given: nothing, not even queued
    # The reader accepts analytics in Material's consent form; the page reloads.
    page.evaluate("__md_set('__consent', {analytics: true})")
    page.reload()
    open_form(page)
    fill_valid(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thanks!")).to_be_visible()
    assert [a[1] for a in ours()] == [
        "chatspark_opened",
        "chatspark_submitted",
        "chatspark_succeeded",
    ]
    assert ours()[0] == [
        "event",
        "chatspark_opened",
        {"action_id": "lead", "action_type": "form", "page_path": "/"},
    ]
    # A reader who refuses: nothing again.
    page.evaluate("__md_set('__consent', {analytics: false})")
    page.reload()
    open_form(page)
    assert ours() == []


def test_a_waiting_urlencoded_request_fills_every_field_type_again_after_a_reload(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = [503] * 5
    action = lead(webhook={"url": receiver.origin + "/f/xyz", "format": "form"})
    serve(serve_site, {"actions": [action]})
    page.goto(server.url)
    open_form(page)
    fill_valid(page)
    page.get_by_role("radio", name="Starter").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Sorry, that did not go through.")).to_be_visible()
    page.reload()
    page.get_by_role("button", name="Open chat").click()
    expect(page.get_by_role("radio", name="Starter")).to_be_checked()
    expect(page.get_by_label("Start date")).to_have_value("2027-01-15")
    expect(page.get_by_label("Seats")).to_have_value("11")
    selected = page.get_by_label("Topics").evaluate(
        "s => Array.from(s.selectedOptions).map(o => o.value)"
    )
    assert selected == ["Billing", "API"]


def test_buttons_and_links_tell_their_steps_too(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    actions = [
        {"id": "ping", "type": "button", "label": "Ping", "webhook": receiver.origin + "/p"},
        {"id": "plain", "type": "button", "label": "Plain"},
        {"id": "docs", "type": "link", "label": "Docs", "url": server.url + "pricing/"},
    ]
    serve(
        serve_site,
        {"actions": actions, "analytics": True},
        pages={
            "standins.js": "window.__events = [];\n"
            "window.plausible = function (n, o) { __events.push([n, o.props]); };"
        },
        scripts=["standins.js"],
    )
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Ping").click()
    expect(page.get_by_text("Thanks! That went through.")).to_be_visible()
    page.get_by_role("button", name="Plain").click()
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Docs", exact=True).click()
    opened.value.close()

    def props(action_id: str, action_type: str, outcome: str = "") -> dict[str, str]:
        out = {"action_id": action_id, "action_type": action_type, "page_path": "/"}
        return {**out, "outcome": outcome} if outcome else out

    assert page.evaluate("window.__events") == [
        ["chatspark_submitted", props("ping", "button")],
        ["chatspark_succeeded", props("ping", "button", "sent")],
        ["chatspark_submitted", props("plain", "button")],  # only listeners: no outcome
        ["chatspark_opened", props("docs", "link")],
    ]


def ask_form(**keys: Any) -> dict[str, Any]:
    """A form with no webhook: its data goes to the page's listeners, if any."""
    return {
        "id": "ask",
        "type": "form",
        "label": "Ask us",
        "fields": [{"key": "question", "label": "Question", "type": "textarea"}],
        "success_message": "Thanks, we got it.",
        **keys,
    }


def test_a_form_with_nowhere_to_send_says_so_and_keeps_the_text(
    page: Page, serve_site: ServeSite, server: StaticServer, console_errors: list[str]
) -> None:
    # No webhook, no mailto:, and no `action-triggered` listener on the page (no
    # extra_javascript at all): thanking the reader would lose what they wrote.
    config = site_config({"actions": [ask_form(url="pricing.md")]})
    serve_site(config, {"index.md": "# Home\n", "pricing.md": "# Pricing\n"})
    page.goto(server.url)
    open_form(page, "Ask us")
    page.get_by_label("Question", exact=True).fill("Does it work offline?")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("alert")).to_contain_text("did not go through")
    expect(page.get_by_text("Thanks, we got it.")).to_have_count(0)
    expect(page.get_by_label("Question", exact=True)).to_have_value("Does it work offline?")
    page.wait_for_timeout(300)  # a form's url is followed after a short delay
    assert page.url == server.url
    assert any("'ask'" in e and "nothing was sent" in e for e in console_errors), console_errors


def test_a_form_without_webhook_thanks_when_the_authors_listener_hears_it(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    serve(serve_site, {"actions": [ask_form()]})
    page.goto(server.url)
    open_form(page, "Ask us")
    page.get_by_label("Question", exact=True).fill("Does it work offline?")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Thanks, we got it.")).to_be_visible()
    assert page.evaluate("window.__seen") == [
        {"actionId": "ask", "actionType": "form", "data": {"question": "Does it work offline?"}}
    ]
