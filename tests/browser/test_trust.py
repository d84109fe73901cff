"""Trust in the reader's browser: hostile text stays text under a strict CSP, and
nothing a reader submitted is lost, whatever the receiver does."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from stub_receiver import Receiver
from support import ServeSite, StaticServer, site_config
from test_host_page import panel

PLAIN_THEME = Path(__file__).parent / "fixtures" / "plain_theme"

HOSTILE = [
    "</script><script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    '"><svg onload="window.__pwned=3">',
    "' onmouseover='window.__pwned=4' x='",
    "javascript:window.__pwned=5",
    "<style>body{display:none}</style>",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "line\u2028separator\u2029paragraph",
    "\u202eevil.exe\u202c txt",
    "<!-- comment --> &amp; &lt;b&gt;",
    "x" * 10_000,
]

WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def hostile_site(receiver: Receiver) -> dict[str, Any]:
    fields = [
        {"key": f"f{i}", "label": text, "placeholder": text[:200]} for i, text in enumerate(HOSTILE)
    ]
    fields.append(
        {"key": "pick", "label": "Pick", "type": "select", "options": HOSTILE[:5], "required": True}
    )
    actions: list[dict[str, Any]] = [
        {"id": f"b{i}", "type": "button", "label": text, "data": {"text": text}}
        for i, text in enumerate(HOSTILE)
    ]
    actions.append(
        {
            "id": "form",
            "type": "form",
            "label": "The form",
            "fields": fields,
            "webhook": receiver.origin + "/h",
            "submit_label": HOSTILE[0],
            "success_message": HOSTILE[1],
            "error_message": HOSTILE[2],
        }
    )
    config = site_config(
        {
            "title": HOSTILE[0],
            "greeting": HOSTILE[1],
            "launcher_label": HOSTILE[2],
            "actions": actions,
        }
    )
    config["theme"] = {"name": None, "custom_dir": str(PLAIN_THEME)}
    return config


def test_hostile_text_stays_text_under_a_strict_csp(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(hostile_site(receiver), {"index.md": "# Home\n"})
    server.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"connect-src 'self' {receiver.origin}"
    )
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.add_init_script(WATCH)
    page.goto(server.url)

    page.get_by_role("button", name=HOSTILE[2]).click()  # the launcher's name
    panel = page.get_by_role("dialog")
    expect(panel.get_by_role("heading")).to_have_text(HOSTILE[0])
    texts = panel.locator(".chatspark-actions > .chatspark-item > button").all_text_contents()
    assert texts[: len(HOSTILE)] == HOSTILE
    panel.get_by_role("button", name="The form").click()
    expect(panel.locator("form.chatspark-form")).to_be_visible()  # its part has come
    labels = panel.locator("label").all_text_contents()
    assert labels[: len(HOSTILE)] == HOSTILE
    options = panel.get_by_label("Pick").locator("option").all_text_contents()
    assert options[1:] == HOSTILE[:5]
    page.get_by_role(
        "button", name=HOSTILE[0], exact=True
    ).last.click()  # submit: "Pick" is required
    expect(page.get_by_label("Pick")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Pick").select_option(index=1)
    page.locator("form.chatspark-form button[type=submit]").click()
    expect(panel.locator(".chatspark-note--success")).to_have_text(HOSTILE[1])
    for i in range(3):
        panel.locator(".chatspark-actions > .chatspark-item > button").nth(i).click()

    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.evaluate("window.__violations") == []
    assert not [c for c in console if "Content Security Policy" in c]
    [post] = receiver.posts()
    assert post.json()["data"]["pick"] == HOSTILE[0]
    assert page.evaluate("document.body.style.display") == ""


# --- nothing lost --------------------------------------------------------------------


def contact_site(receiver: Receiver, **options: Any) -> dict[str, Any]:
    action = {
        "id": "contact",
        "type": "form",
        "label": "Contact",
        "fields": [
            {"key": "email", "label": "Email", "type": "email", "required": True},
            {"key": "note", "label": "Note", "type": "textarea"},
        ],
        "webhook": options.pop("webhook", receiver.origin + "/h"),
        "success_message": "Sent!",
        "error_message": "Not sent.",
    }
    config = site_config({"actions": [action], "webhook_timeout": 2, **options})
    config["extra_javascript"] = ["author.js"]
    return config


AUTHOR = "window.__count = 0; window.ChatSpark.on('action-triggered', () => window.__count++);"
PAGES = {"index.md": "# Home\n", "other.md": "# Other\n", "author.js": AUTHOR}


def submit(page: Page, email: str = "ada@example.com", note: str = "Hello there") -> None:
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Contact").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Note").fill(note)
    page.get_by_role("button", name="Submit").click()


def outbox(page: Page) -> list[Any]:
    """The site's outbox (its key is per site: `chatspark-outbox:<base path>`)."""
    return json.loads(
        page.evaluate(
            "JSON.stringify(Object.keys(localStorage).filter(k => k.startsWith('chatspark-outbox'))"
            ".flatMap(k => JSON.parse(localStorage.getItem(k))))"
        )
    )


def test_a_429_says_it_waits_offers_no_retry_and_goes_by_itself_after_retry_after(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    # Issue 20, item 12: a 429 said "Not sent" with "Try again", though the outbox
    # sends it again by itself when Retry-After says.
    receiver.answers = [429]
    receiver.retry_after = 2
    serve_site(contact_site(receiver), PAGES)
    page.goto(server.url)
    submit(page)
    status = panel(page).get_by_role("status").filter(has_text="Not sent yet")
    expect(status).to_contain_text("will be sent when the service answers")
    expect(page.get_by_role("button", name="Try again")).to_have_count(0)
    expect(page.get_by_label("Note")).to_have_value("Hello there")
    assert len(outbox(page)) == 1
    expect(page.get_by_text("Sent!")).to_be_visible(timeout=10_000)  # no press
    first, second = receiver.posts()
    assert first.body == second.body
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]
    assert outbox(page) == []
    assert page.evaluate("window.__count") == 1


def test_a_button_told_429_says_it_waits_then_that_it_went(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = [429]
    receiver.retry_after = 1
    button = {
        "id": "ping",
        "type": "button",
        "label": "Ping us",
        "data": {"n": 1},
        "webhook": receiver.origin + "/h",
        "success_message": "Pinged!",
    }
    serve_site(site_config({"actions": [button]}), PAGES)
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    panel(page).get_by_role("button", name="Ping us").click()
    expect(panel(page).get_by_text("Not sent yet")).to_be_visible()
    expect(page.get_by_role("button", name="Try again")).to_have_count(0)
    expect(panel(page).get_by_text("Pinged!")).to_be_visible(timeout=10_000)
    assert len(receiver.posts()) == 2
    assert len({p.headers["Idempotency-Key"] for p in receiver.posts()}) == 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_refused_connection_then_a_receiver_that_comes_up(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    port = free_port()
    serve_site(contact_site(receiver, webhook=f"http://127.0.0.1:{port}/h"), PAGES)
    page.goto(server.url)
    submit(page)
    expect(page.get_by_role("alert")).to_contain_text("Not sent.")
    late = Receiver(port=port).start()
    try:
        page.get_by_role("button", name="Try again").click()
        expect(page.get_by_text("Sent!")).to_be_visible()
        assert len(late.accepted) == 1
    finally:
        late.stop()


def test_a_cors_refusal_is_a_failure_the_reader_can_retry(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    receiver.allow_origin = "https://somewhere-else.example"
    serve_site(contact_site(receiver), PAGES)
    page.goto(server.url)
    submit(page)
    expect(page.get_by_role("alert")).to_contain_text("Not sent.")
    assert receiver.posts() == []  # the preflight said no: the POST never left
    receiver.allow_origin = "*"
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_text("Sent!")).to_be_visible()
    assert len(receiver.accepted) == 1


def test_an_unsent_form_survives_a_reload_and_is_sent_when_the_receiver_answers(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = [500, 500]  # the submission, then the first attempt after the reload
    serve_site(contact_site(receiver), PAGES)
    page.goto(server.url)
    submit(page)
    expect(page.get_by_role("alert")).to_contain_text("Not sent.")
    assert page.evaluate("window.__count") == 1

    page.reload()
    page.get_by_role("button", name="Open chat").click()
    # the form is open again with what the reader typed, and says it is waiting
    expect(page.get_by_label("Email")).to_have_value("ada@example.com")
    expect(page.get_by_label("Note")).to_have_value("Hello there")
    # sent again on load (500), then on the backing-off timer (200), without a click
    expect(page.get_by_text("Sent!")).to_be_visible(timeout=10_000)
    posts = receiver.posts()
    assert len(posts) == 3
    assert len({p.headers["Idempotency-Key"] for p in posts}) == 1
    assert len({p.body for p in posts}) == 1
    assert len(receiver.accepted) == 1
    assert outbox(page) == []
    assert page.evaluate("window.__count") == 0  # listeners are not told again after the reload
    expect(page.get_by_label("Email")).to_have_value("")


def test_a_draft_survives_instant_navigation(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = [500]
    config = contact_site(receiver)
    config["theme"] = {"name": "material", "font": False, "features": ["navigation.instant"]}
    config["nav"] = ["index.md", "other.md"]
    serve_site(config, PAGES)
    page.set_viewport_size({"width": 1300, "height": 800})
    page.goto(server.url)
    page.evaluate("window.__sameDocument = true")
    submit(page, note="first")  # fails: waits in the outbox
    expect(page.get_by_role("alert")).to_contain_text("Not sent.")
    page.get_by_label("Note").fill("first, edited")  # a draft on top
    page.locator(".md-sidebar--primary").get_by_role("link", name="Other").click()
    expect(page.locator("h1")).to_have_text("Other")
    assert page.evaluate("window.__sameDocument") is True
    expect(page.get_by_label("Note")).to_have_value("first, edited")
    expect(page.get_by_label("Email")).to_have_value("ada@example.com")


def test_a_draft_survives_a_full_page_load_and_is_sent_once(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    """MkDocs' own theme loads every page whole: what the reader typed and did not
    send is kept for the tab (sessionStorage), and back in the form on the next page."""
    serve_site(contact_site(receiver), PAGES)
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Contact").click()
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Note").fill("half a thought")
    page.goto(server.url + "other/")
    expect(page.locator("h1")).to_have_text("Other")
    page.get_by_role("button", name="Open chat").click()
    expect(page.get_by_label("Note")).to_have_value("half a thought")  # open, filled
    expect(page.get_by_label("Email")).to_have_value("ada@example.com")
    page.get_by_label("Note").fill("half a thought, finished")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Sent!")).to_be_visible()
    [post] = receiver.posts()
    assert post.json()["data"] == {"email": "ada@example.com", "note": "half a thought, finished"}
    # Sent: the draft is gone, from the next page too.
    assert (
        page.evaluate("Object.keys(sessionStorage).filter(k => k.startsWith('chatspark-drafts'))")
        == []
    )
    page.reload()
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Contact").click()
    expect(page.get_by_label("Note")).to_have_value("")
    page.wait_for_timeout(500)
    assert len(receiver.posts()) == 1


def test_two_hundred_submissions_against_a_flaky_receiver_arrive_exactly_once(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    receiver.failure_rate = 0.3
    serve_site(contact_site(receiver), PAGES)
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Contact").click()
    # The reader's loop, run in the page for speed: type, send, and press
    # "Try again" until the success message shows. Bounded: 20 tries each.
    tries = page.evaluate(
        """async (count) => {
        const widget = document.querySelector('[data-chatspark]').shadowRoot;
        const form = widget.querySelector('#chatspark-form-contact');
        const status = form.parentElement.querySelector(':scope > .chatspark-note');
        const submit = form.querySelector('button[type=submit]');
        const settled = () => new Promise(resolve => {
          const check = () => submit.getAttribute('aria-disabled') === 'true'
            ? requestAnimationFrame(check) : resolve(status.className);
          requestAnimationFrame(check);
        });
        let tries = 0;
        for (let i = 0; i < count; i++) {
          form.querySelector('[name=email]').value = `reader${i}@example.com`;
          form.querySelector('[name=note]').value = `message ${i}`;
          form.dispatchEvent(new Event('input', { bubbles: true })); // as typing does
          submit.click(); tries++;
          for (let n = 0; (await settled()).includes('error'); n++) {
            if (n === 20) throw new Error('gave up on ' + i);
            status.querySelector('.chatspark-retry').click(); tries++;
          }
        }
        return tries;
    }""",
        200,
    )
    accepted = receiver.accepted.values()
    assert sorted(a["data"]["note"] for a in accepted) == sorted(f"message {i}" for i in range(200))
    posts = receiver.posts()
    failures = len(posts) - 200
    assert failures > 20  # the receiver really did fail about 30 % of the time
    assert len({p.headers["Idempotency-Key"] for p in posts}) == 200
    assert tries >= len(posts) - 5  # background resends are few: the reader's retries did the work
    assert page.evaluate("window.__count") == 200
    page.wait_for_timeout(100)
    assert outbox(page) == []


@pytest.mark.parametrize("status", [400, 422])
def test_a_refusal_for_good_is_not_kept_for_resending(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, status: int
) -> None:
    receiver.answers = [status]
    serve_site(contact_site(receiver), PAGES)
    page.goto(server.url)
    submit(page)
    expect(page.get_by_role("alert")).to_contain_text("Not sent.")
    expect(page.get_by_label("Note")).to_have_value("Hello there")
    assert outbox(page) == []


def test_a_form_format_webhook_sends_a_cors_simple_request(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    config = contact_site(receiver, webhook={"url": receiver.origin + "/f", "format": "form"})
    serve_site(config, PAGES)
    page.goto(server.url)
    submit(page, note="Hi & bye = ok")
    expect(page.get_by_text("Sent!")).to_be_visible()
    assert [r.method for r in receiver.requests] == ["POST"]  # no preflight
    [post] = receiver.posts()
    assert post.headers["Content-Type"] == "application/x-www-form-urlencoded;charset=UTF-8"
    assert "Idempotency-Key" not in post.headers
    form = post.form()
    assert form.pop("_submittedAt")
    assert len(form.pop("_submissionId")) == 36
    assert form == {
        "email": "ada@example.com",
        "note": "Hi & bye = ok",
        "_actionId": "contact",
        "_actionType": "form",
        "_chatbotId": "test-docs",
        "_pageUrl": server.url,
        "_pageTitle": "Test Docs",
        "_gotcha": "",  # the honeypot, as Formspree names it: empty from a person
    }
    assert len(receiver.accepted) == 1
