"""Delivery a reader can trust (issue 20): a broken handler is a failure, not a
"Thanks"; a correction after a timeout is marked as one; the outbox delivers only
where the build said, per site; a backend that hides its answer is not resent
forever; a pattern cannot break a form; a widget that cannot load says so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from stub_receiver import Receiver
from support import BuildSite, ServeSite, StaticServer, site_config, widget_ready

OUTBOX_KEYS = "Object.keys(localStorage).filter(k => k.startsWith('chatspark-outbox'))"


def contact(receiver: Receiver, **extra: Any) -> dict[str, Any]:
    return {
        "id": "contact",
        "type": "form",
        "label": "Contact",
        "fields": [
            {"key": "email", "label": "Email", "type": "email", "required": True},
            {"key": "note", "label": "Note", "type": "textarea"},
        ],
        "webhook": receiver.origin + "/h",
        "success_message": "Sent!",
        "error_message": "Not sent.",
        **extra,
    }


def site(receiver: Receiver, *actions: dict[str, Any], **options: Any) -> dict[str, Any]:
    config = site_config(
        {"actions": list(actions) or [contact(receiver)], "webhook_timeout": 2, **options}
    )
    config["extra_javascript"] = ["author.js"]
    return config


def pages(author: str = "") -> dict[str, str]:
    return {"index.md": "# Home\n", "other.md": "# Other\n", "author.js": author}


def fill(page: Page, email: str = "ada@example.com", note: str = "Hello there") -> None:
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Contact").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Note").fill(note)


def submit(page: Page, email: str = "ada@example.com", note: str = "Hello there") -> None:
    fill(page, email, note)
    page.get_by_role("button", name="Submit").click()


def stored(page: Page) -> list[Any]:
    """Every outbox item in this origin's storage, whatever its key."""
    return json.loads(
        page.evaluate(
            f"JSON.stringify({OUTBOX_KEYS}.flatMap(k => JSON.parse(localStorage.getItem(k))))"
        )
    )


def edit_outbox(page: Page, script: str) -> None:
    """Change each stored item with `script` (a function body over `item`)."""
    page.evaluate(
        f"""() => {{ for (const k of {OUTBOX_KEYS}) {{
          const items = JSON.parse(localStorage.getItem(k));
          items.forEach(item => {{ {script} }});
          localStorage.setItem(k, JSON.stringify(items));
        }} }}"""
    )


# --- 4: an exception is a failure -----------------------------------------------------

BROKEN_FETCH = {
    "returns nothing": "window.fetch = () => undefined;",
    "throws": "window.fetch = function () { throw new Error('a broken wrapper'); };",
    "returns no response": "window.fetch = () => Promise.resolve(42);",
}


@pytest.mark.parametrize("broken", list(BROKEN_FETCH), ids=list(BROKEN_FETCH))
def test_a_form_whose_fetch_is_broken_says_not_sent_and_keeps_the_submission(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, broken: str
) -> None:
    serve_site(site(receiver), pages("window.__fetch = window.fetch;" + BROKEN_FETCH[broken]))
    page.goto(server.url)
    submit(page)
    expect(page.get_by_role("alert")).to_contain_text("Not sent.")
    expect(page.get_by_text("Sent!")).to_have_count(0)
    expect(page.get_by_label("Note")).to_have_value("Hello there")
    assert receiver.posts() == []
    assert len(stored(page)) == 1
    page.evaluate("window.fetch = window.__fetch")  # the site mends it
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_text("Sent!")).to_be_visible()
    assert len(receiver.accepted) == 1


def test_a_button_whose_fetch_throws_says_not_sent(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    ping = {
        "id": "ping",
        "type": "button",
        "label": "Ping",
        "webhook": receiver.origin + "/h",
        "data": {"n": 1},
        "error_message": "Not sent.",
    }
    serve_site(site(receiver, ping), pages(BROKEN_FETCH["throws"]))
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Ping").click()
    expect(page.get_by_role("alert")).to_contain_text("Not sent.")
    expect(page.get_by_role("button", name="Try again")).to_be_visible()


# --- 5: honest after a timeout ------------------------------------------------------------


def test_a_correction_after_a_timeout_is_marked_as_replacing_the_first(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = ["hang"]  # the first request arrives, and its answer never comes
    serve_site(site(receiver), pages())
    page.goto(server.url)
    submit(page, note="Call me on Monday")
    expect(page.get_by_role("alert")).to_contain_text("Not sent.", timeout=5_000)
    page.get_by_label("Note").fill("Call me on Tuesday")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Sent!")).to_be_visible()
    first, second = receiver.posts()
    assert first.json()["data"]["note"] == "Call me on Monday"
    assert second.json()["data"]["note"] == "Call me on Tuesday"
    # The receiver is told the second replaces the first, which may have arrived.
    assert second.json()["replaces"] == first.json()["submissionId"]
    assert second.headers["Idempotency-Key"] != first.headers["Idempotency-Key"]
    status = page.locator("[data-chatspark-item=contact] > .chatspark-note")
    expect(status).to_contain_text("may already have reached")
    expect(status).not_to_contain_text("had not been sent")
    assert stored(page) == []


def test_a_correction_after_a_refusal_with_an_answer_says_the_first_was_not_received(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = [503]  # answered: the receiver did not take it
    serve_site(site(receiver), pages())
    page.goto(server.url)
    submit(page, note="first")
    expect(page.get_by_role("alert")).to_contain_text("Not sent.")
    page.get_by_label("Note").fill("second")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Sent!")).to_be_visible()
    first, second = receiver.posts()
    assert second.json()["replaces"] == first.json()["submissionId"]
    status = page.locator("[data-chatspark-item=contact] > .chatspark-note")
    expect(status).to_contain_text("had not been sent")


def test_a_form_format_correction_carries_replaces_as_a_field(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = ["hang"]
    action = contact(receiver, webhook={"url": receiver.origin + "/f", "format": "form"})
    serve_site(site(receiver, action), pages())
    page.goto(server.url)
    submit(page, note="one")
    expect(page.get_by_role("alert")).to_contain_text("Not sent.", timeout=5_000)
    page.get_by_label("Note").fill("two")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Sent!")).to_be_visible()
    first, second = receiver.posts()
    assert second.form()["_replaces"] == first.form()["_submissionId"]


# --- 6: the outbox delivers only where the build said ---------------------------------------


def test_an_outbox_item_edited_to_point_elsewhere_is_dropped_not_sent(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    evil = Receiver().start()
    try:
        receiver.answers = [500]
        serve_site(site(receiver), pages())
        page.goto(server.url)
        submit(page)
        expect(page.get_by_role("alert")).to_contain_text("Not sent.")
        edit_outbox(page, f"item.url = {json.dumps(evil.origin + '/steal')};")
        page.reload()
        page.wait_for_timeout(1_500)  # the outbox is flushed on load
        assert evil.posts() == []
        assert stored(page) == []
    finally:
        evil.stop()


def test_an_outbox_item_with_fields_the_form_lacks_is_dropped_not_sent(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = [500]
    serve_site(site(receiver), pages())
    page.goto(server.url)
    submit(page)
    expect(page.get_by_role("alert")).to_contain_text("Not sent.")
    edit_outbox(
        page,
        "const b = JSON.parse(item.body); b.data.card = '4242'; item.body = JSON.stringify(b);",
    )
    page.reload()
    page.wait_for_timeout(1_500)
    assert len(receiver.posts()) == 1  # only the first, refused, attempt
    assert stored(page) == []


def test_an_item_saved_in_the_future_expires_as_if_saved_now(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    page.clock.install()
    receiver.failure_rate = 1.0  # every attempt fails: the item waits
    serve_site(site(receiver), pages())
    page.goto(server.url)
    submit(page)
    expect(page.get_by_role("alert")).to_contain_text("Not sent.")
    edit_outbox(page, "item.savedAt = Date.now() + 10 * 365 * 24 * 3600 * 1000;")
    page.reload()  # read now: counts as saved now
    page.get_by_role("button", name="Open chat").click()  # the widget loads
    widget_ready(page)
    assert [item["savedAt"] < 2e12 for item in stored(page)] == [True]
    page.clock.fast_forward("25:00:00")
    page.reload()
    page.get_by_role("button", name="Open chat").click()
    widget_ready(page)
    assert stored(page) == []


def test_a_restored_submission_is_not_shown_to_the_next_reader_after_half_an_hour(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    page.clock.install()
    receiver.failure_rate = 1.0
    serve_site(site(receiver), pages())
    page.goto(server.url)
    submit(page, email="first.reader@example.com")
    expect(page.get_by_role("alert")).to_contain_text("Not sent.")
    page.reload()  # soon after: the same reader sees the form again, filled
    page.get_by_role("button", name="Open chat").click()
    expect(page.get_by_label("Email")).to_have_value("first.reader@example.com")
    page.clock.fast_forward("00:31:00")
    page.reload()  # later: perhaps someone else at this computer
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Contact").click()
    expect(page.get_by_label("Email")).to_have_value("")
    assert len(stored(page)) == 1  # still delivered in the background, until it expires


def test_a_draft_is_not_shown_to_the_next_reader_after_half_an_hour(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    page.clock.install()
    serve_site(site(receiver), pages())
    page.goto(server.url)
    fill(page, email="first.reader@example.com")  # typed, not sent
    page.clock.fast_forward("00:29:00")
    page.reload()  # the same reader, back within the half hour
    page.get_by_role("button", name="Open chat").click()
    expect(page.get_by_label("Email")).to_have_value("first.reader@example.com")
    page.clock.fast_forward("00:31:00")
    page.reload()  # later, and nothing typed since: perhaps someone else
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Contact").click()
    expect(page.get_by_label("Email")).to_have_value("")
    assert receiver.posts() == []


def two_sites(
    build_site: BuildSite, server: StaticServer, receiver: Receiver, tmp_path: Path
) -> None:
    """Two project sites on one origin, /a/ and /b/, each with an action `contact`
    posting to its own webhook (as GitHub Pages serves a user's projects)."""
    root = tmp_path / "origin"
    root.mkdir()
    for name in ("a", "b"):
        config = site(receiver)
        config["plugins"][1]["chatspark"]["actions"][0]["webhook"] = f"{receiver.origin}/{name}"
        config["site_url"] = f"{server.url}{name}/"
        built = build_site(config, pages())
        assert built.ok, built.log
        built.site.rename(root / name)
    server.root = root


def test_sites_sharing_an_origin_never_see_each_others_outbox(
    page: Page,
    build_site: BuildSite,
    server: StaticServer,
    receiver: Receiver,
    tmp_path: Path,
) -> None:
    two_sites(build_site, server, receiver, tmp_path)
    receiver.failure_rate = 1.0
    page.goto(server.url + "a/")
    submit(page, email="reader@a.example")
    expect(page.get_by_role("alert")).to_contain_text("Not sent.")
    page.goto(server.url + "b/")
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Contact").click()
    expect(page.get_by_label("Email")).to_have_value("")  # not A's reader's address
    expect(page.get_by_role("alert")).to_have_count(0)
    page.wait_for_timeout(1_000)
    assert {p.path for p in receiver.posts()} == {"/a"}  # B sent nothing of A's
    receiver.failure_rate = 0.0
    page.goto(server.url + "a/")  # back on A, it goes out
    for _ in range(50):  # sent on load, by A's own page
        if receiver.accepted:
            break
        page.wait_for_timeout(200)
    assert [p.path for p in receiver.posts()][-1] == "/a"
    assert len(receiver.accepted) == 1


def test_sites_sharing_an_origin_never_see_each_others_drafts(
    page: Page,
    build_site: BuildSite,
    server: StaticServer,
    receiver: Receiver,
    tmp_path: Path,
) -> None:
    two_sites(build_site, server, receiver, tmp_path)
    page.goto(server.url + "a/")
    fill(page, email="reader@a.example")  # typed, not sent
    page.goto(server.url + "b/")
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Contact").click()
    expect(page.get_by_label("Email")).to_have_value("")  # not A's reader's address
    page.goto(server.url + "a/")
    page.get_by_role("button", name="Open chat").click()
    expect(page.get_by_label("Email")).to_have_value("reader@a.example")
    assert receiver.posts() == []


# --- 8: patterns cannot break a form --------------------------------------------------------


@pytest.mark.parametrize("pattern", ["constructor", "toString", "__proto__", "hasOwnProperty"])
def test_a_pattern_named_like_an_object_property_still_checks_and_sends(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
    console_errors: list[str],
    pattern: str,
) -> None:
    action = contact(receiver)
    action["fields"] = [{"key": "code", "label": "Code", "pattern": pattern}]
    serve_site(site(receiver, action), pages())
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Contact").click()
    page.get_by_label("Code").fill("nope")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Use the format asked for.")).to_be_visible()
    page.get_by_label("Code").fill(pattern)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Sent!")).to_be_visible()
    assert [a["data"]["code"] for a in receiver.accepted.values()] == [pattern]
    assert console_errors == []


def test_a_patterned_value_longer_than_the_bound_is_told_not_tested(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    action = contact(receiver)
    action["fields"] = [{"key": "n", "label": "Number", "pattern": r"\d+\.?\d*"}]
    serve_site(site(receiver, action), pages())
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Contact").click()
    page.get_by_label("Number").fill("1" * 1_001)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Use at most 1000 characters.")).to_be_visible()


# --- 13: a backend that hides its answer ----------------------------------------------------


def test_a_form_backend_without_cors_headers_gets_one_submission_not_eleven(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    receiver.allow_origin = ""  # answers 200 with no Access-Control-Allow-Origin
    action = contact(receiver, webhook={"url": receiver.origin + "/f", "format": "form"})
    serve_site(site(receiver, action), pages())
    page.goto(server.url)
    submit(page)
    status = page.locator("[data-chatspark-item=contact] > .chatspark-note")
    expect(status).to_contain_text("most likely arrived", timeout=5_000)
    expect(status).not_to_contain_text("Not sent.")
    page.wait_for_timeout(6_000)  # the outbox's timer would have resent twice by now
    page.reload()
    page.wait_for_timeout(1_500)
    assert len(receiver.posts()) == 1
    assert stored(page) == []


def test_a_down_form_backend_is_still_a_failure_to_retry(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    from test_trust import free_port

    action = contact(
        receiver, webhook={"url": f"http://127.0.0.1:{free_port()}/f", "format": "form"}
    )
    serve_site(site(receiver, action), pages())
    page.goto(server.url)
    submit(page)
    expect(page.get_by_role("alert")).to_contain_text("Not sent.")
    assert len(stored(page)) == 1


def test_background_resends_are_bounded(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    page.clock.install()
    receiver.failure_rate = 1.0
    serve_site(site(receiver), pages())
    page.goto(server.url)
    submit(page)
    expect(page.get_by_role("alert")).to_contain_text("Not sent.")
    for _ in range(40):  # 40 minutes of the backing-off timer (2 s doubling to 60 s)
        page.clock.run_for("01:00")
    assert len(receiver.posts()) <= 8
    assert len(stored(page)) == 1  # kept: the reader's "Try again" still sends it


# --- 9: a widget that cannot load says so ---------------------------------------------------


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_a_widget_that_cannot_load_says_so_and_retries(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, theme: str
) -> None:
    config = site(receiver)
    config["theme"] = {"name": theme, **({"font": False} if theme == "material" else {})}
    serve_site(config, pages())
    page.route("**/widget.js", lambda route: route.abort())
    page.goto(server.url)
    launcher = page.get_by_role("button", name="Open chat")
    launcher.click()
    note = page.locator(".chatspark-facade [role=alert]")
    expect(note).to_contain_text("could not load", timeout=5_000)
    page.unroute("**/widget.js")
    note.get_by_role("button").click()
    widget_ready(page)
    expect(page.get_by_role("dialog", name="Chat with us")).to_be_visible()


def test_a_slow_widget_shows_it_is_working(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(site(receiver), pages())
    server.delays["widget.js"] = 3.0
    page.goto(server.url)
    launcher = page.get_by_role("button", name="Open chat")
    launcher.click()
    expect(launcher).to_have_attribute("aria-busy", "true", timeout=1_000)
    widget_ready(page)
    expect(page.get_by_role("dialog", name="Chat with us")).to_be_visible()


def test_a_page_rule_on_every_div_does_not_move_the_launcher(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    config = site(receiver)
    config["extra_css"] = ["flat.css"]
    serve_site(config, {**pages(), "flat.css": "div {position: static !important}\n"})
    server.delays["widget.js"] = 5.0  # the bootstrap's launcher stays a while
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(server.url)
    launcher = page.locator(".chatspark-facade button")
    expect(launcher).to_be_visible()
    box = launcher.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] > 1280 - 40 and box["y"] + box["height"] > 800 - 40, box
