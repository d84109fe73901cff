""" "Was this page helpful?" in a real Chromium: a vote reaches a real receiver once,
a comment completes it under the same Idempotency-Key, offline and instant
navigation lose nothing and double nothing, the block shifts nothing on three
themes, and Material's own widget sends through the plugin with a provider that
is not Google."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from stub_receiver import Receiver
from support import AUTHOR_JS, ServeSite, StaticServer, run_build, site_config, write_site

PROSE = "Some prose to lay out above the question. " * 30


# The site's outbox: its key is per site (`chatspark-outbox:<base path>`, issue 20).
SITE_OUTBOX = (
    "(() => { const k = Object.keys(localStorage).find(k => k.startsWith('chatspark-outbox'));"
    " return k ? localStorage.getItem(k) : null; })()"
)


def page_md(title: str) -> str:
    return f"# {title}\n\n{PROSE}\n"


def feedback_config(receiver: Receiver, theme: str = "mkdocs", **options: Any) -> dict[str, Any]:
    config = site_config(
        {"load": "interaction", "feedback": {"webhook": f"{receiver.origin}/votes"}, **options},
        theme=theme,
        extra_javascript=["author.js"],
    )
    if theme == "material":
        config["theme"]["features"] = ["navigation.instant"]
    return config


def wait_for(check: Callable[[], bool], seconds: float = 10) -> None:
    end = time.monotonic() + seconds
    while not check():
        if time.monotonic() > end:
            raise AssertionError("timed out")
        time.sleep(0.05)


def votes(receiver: Receiver) -> list[Any]:
    return [r for r in receiver.posts() if r.path == "/votes"]


def fetched(server: StaticServer, name: str) -> bool:
    return any(p.split("?")[0].endswith(name) for p in server.paths)


YES = "[data-chatspark-vote='1']"
NO = "[data-chatspark-vote='0']"


def test_a_vote_is_one_post_and_its_comment_completes_it_with_the_same_key(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
    console_errors: list[str],
) -> None:
    serve_site(
        feedback_config(receiver),
        {"index.md": page_md("Install guide"), "author.js": AUTHOR_JS},
    )
    page.goto(server.url)
    page.wait_for_load_state("load")
    page.hover(YES)  # intent is not a press: nothing is fetched for the block
    page.wait_for_timeout(300)
    assert not fetched(server, "widget.js") and not fetched(server, "feedback.js")
    expect(page.get_by_role("group", name="Was this page helpful?")).to_be_visible()

    page.click(YES)
    wait_for(lambda: len(votes(receiver)) == 1)
    assert fetched(server, "feedback.js")  # the part, on the press
    [post] = votes(receiver)
    body = post.json()
    assert body["actionId"] == "feedback" and body["actionType"] == "feedback"
    assert body["data"] == {"rating": 1, "path": "/", "title": "Install guide", "language": "en"}
    assert post.headers["Idempotency-Key"] == body["submissionId"]
    assert body["page"]["url"] == server.url
    expect(page.locator(YES)).to_have_attribute("aria-pressed", "true")
    expect(page.locator(NO)).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("status")).to_have_text("Thank you for your feedback!")
    box = page.get_by_label("Tell us more (optional)")
    expect(box).to_be_focused()

    # A second press, on either, sends nothing: one vote per page view.
    expect(page.locator(NO)).to_have_attribute("aria-disabled", "true")
    page.click(NO, force=True)
    page.click(YES, force=True)
    assert len(votes(receiver)) == 1
    box.fill("The proxy section is missing.")
    page.get_by_role("button", name="Send").click()
    wait_for(lambda: len(votes(receiver)) == 2)
    page.wait_for_timeout(300)
    first, second = votes(receiver)
    assert len(votes(receiver)) == 2
    assert second.headers["Idempotency-Key"] == first.headers["Idempotency-Key"]
    assert second.json()["data"] == {
        "rating": 1,
        "path": "/",
        "title": "Install guide",
        "language": "en",
        "comment": "The proxy section is missing.",
    }
    # The receiver keeps one row, which the comment completed.
    assert list(receiver.accepted) == [first.headers["Idempotency-Key"]]
    assert receiver.accepted[first.headers["Idempotency-Key"]]["data"]["comment"]
    # The author's listener saw the vote and the comment, each as a feedback event.
    seen = page.evaluate("window.__seen")
    assert [s["actionType"] for s in seen] == ["feedback", "feedback"]
    assert seen[0]["data"]["rating"] == 1 and "comment" not in seen[0]["data"]
    # AUTHOR_JS has a listener that throws: it is logged, and spoils nothing.
    assert all("listener failed" in e or "a broken listener" in e for e in console_errors)


def test_votes_and_comments_made_offline_are_delivered_once_when_the_browser_is_back(
    page: Page,
    context: BrowserContext,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
) -> None:
    serve_site(
        feedback_config(receiver, load="idle"), {"index.md": page_md("Home"), "author.js": ""}
    )
    page.goto(server.url)
    page.wait_for_selector("[data-chatspark]", state="attached")  # the widget, at idle
    # Offline before the first press: the feedback part cannot come yet; the press
    # runs when the browser is back.
    context.set_offline(True)
    page.click(NO)
    page.wait_for_timeout(500)
    assert votes(receiver) == []
    context.set_offline(False)
    wait_for(lambda: len(votes(receiver)) == 1)
    expect(page.locator(NO)).to_have_attribute("aria-pressed", "true")
    [vote] = votes(receiver)
    assert vote.json()["data"]["rating"] == 0
    # Offline again: the comment waits in the outbox, under the vote's key.
    context.set_offline(True)
    page.get_by_label("Tell us more (optional)").fill("Offline comment.")
    page.get_by_role("button", name="Send").click()
    page.wait_for_function(f"{SITE_OUTBOX} !== null")
    kept = json.loads(page.evaluate(SITE_OUTBOX))
    assert [r["key"] for r in kept] == [vote.headers["Idempotency-Key"]]
    assert json.loads(kept[0]["body"])["data"]["comment"] == "Offline comment."
    assert len(votes(receiver)) == 1
    context.set_offline(False)
    wait_for(lambda: len(votes(receiver)) == 2)
    page.wait_for_timeout(2500)  # past the outbox's first timer: nothing more goes
    assert len(votes(receiver)) == 2
    comment = votes(receiver)[1]
    assert comment.headers["Idempotency-Key"] == vote.headers["Idempotency-Key"]
    assert comment.json()["data"]["comment"] == "Offline comment."
    assert page.evaluate(SITE_OUTBOX) is None


def test_a_vote_survives_instant_navigation_and_the_next_page_is_a_new_view(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(
        feedback_config(receiver, theme="material"),
        {
            "index.md": page_md("Home") + "\n[Next](next.md)\n",
            "next.md": page_md("Next page"),
            "author.js": "",
        },
    )
    receiver.answers = [503]  # the first try fails: the outbox sends it again
    page.goto(server.url)
    page.wait_for_load_state("load")
    page.click(YES)
    wait_for(lambda: len(votes(receiver)) == 1)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="Next", exact=True).click()
    expect(page.locator("h1")).to_have_text("Next page")
    assert page.evaluate("window.__sameDocument") is True  # swapped, not loaded
    wait_for(lambda: len(votes(receiver)) == 2)  # the retry, from the next page
    page.wait_for_timeout(500)
    first, retry = votes(receiver)
    assert retry.body == first.body  # byte for byte
    assert retry.headers["Idempotency-Key"] == first.headers["Idempotency-Key"]
    assert len(receiver.accepted) == 1
    # The next page's block is new: no vote pressed, and a vote there is its own.
    expect(page.locator(YES)).not_to_have_attribute("aria-pressed", "true")
    page.click(NO)
    wait_for(lambda: len(votes(receiver)) == 3)
    third = votes(receiver)[2]
    assert third.headers["Idempotency-Key"] != first.headers["Idempotency-Key"]
    assert third.json()["data"]["path"] == "/next/"
    assert third.json()["data"]["title"] == "Next page"


LAYOUT_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    window.__shifts.push({
      value: e.value,
      sources: (e.sources || []).map((s) => s.node
        ? (s.node.nodeType === 1 ? s.node.outerHTML : s.node.textContent).slice(0, 60) : ""),
      // what moved is the page's content (where the block is), or ours
      ours: (e.sources || []).some((s) => {
        const node = s.node && (s.node.nodeType === 1 ? s.node : s.node.parentElement);
        const content = document.querySelector("article, [role=main]");
        return !node || (content && content.contains(node)) || !!node.closest("[class*=chatspark]");
      }),
    });
  }
}).observe({ type: "layout-shift", buffered: true });
"""


FRAMES = """
window.__frames = [];
(function frame() {
  const block = document.querySelector(".chatspark-feedback");
  // From the first frame the whole block is parsed in: a frame the browser draws while
  // the parser is inside it (between its start tag and its buttons) is not yet it.
  if (block && block.querySelectorAll("[data-chatspark-vote]").length === 2) {
    const box = block.getBoundingClientRect();
    const before = block.previousElementSibling.getBoundingClientRect();
    window.__frames.push([Math.round(box.top - before.bottom), box.width, box.height]);
  }
  if (window.__frames.length < 120) requestAnimationFrame(frame);
})();
"""


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs", "material"])
def test_the_block_is_in_place_at_first_paint_and_shifts_nothing(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, theme: str
) -> None:
    """A short page, so the block and whatever follows it are in view. From the
    first frame it is painted in, through the load event and the widget's arrival,
    it keeps its size and its place after the prose."""
    config = feedback_config(receiver, theme=theme, load="idle")
    serve_site(config, {"index.md": "# Short\n\nOne line.\n", "author.js": ""})
    page.add_init_script(LAYOUT_SHIFTS)
    page.add_init_script(FRAMES)
    # The readthedocs theme's web fonts swap in after the first paint and change
    # the size of every text, the block's too: its fallback fonts from the start.
    page.route(re.compile(r"\.(woff2?|ttf)(\?|$)"), lambda route: route.abort())
    page.goto(server.url)
    page.wait_for_selector("[data-chatspark]", state="attached")  # the widget came, at idle
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 300)))")
    frames = page.evaluate("window.__frames")
    assert len(frames) > 10 and frames[0][2] > 0
    assert {tuple(f) for f in frames} == {tuple(frames[0])}
    shifts = page.evaluate("window.__shifts")
    # The mkdocs theme's navbar settles on its own (2e-5, with the plugin off too).
    assert [s for s in shifts if s["ours"]] == []
    if theme != "mkdocs":
        assert shifts == []


MATERIAL_FEEDBACK = {
    "title": "Was this page helpful?",
    "ratings": [
        {
            "icon": "material/emoticon-happy-outline",
            "name": "This page was helpful",
            "data": 1,
            "note": "Thanks for your feedback!",
        },
        {
            "icon": "material/emoticon-sad-outline",
            "name": "This page could be improved",
            "data": 0,
            "note": "Thanks! Tell us more below.",
        },
    ],
}
PLAUSIBLE = """<script>window.__events = []; window.plausible = function (name, options) {
  window.__events.push([name, options]); };
function __md_analytics() {}</script>
"""


def test_materials_own_widget_sends_through_the_plugin_with_a_provider_not_google(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, tmp_path: Path
) -> None:
    """squidfunk/mkdocs-material #6500: with `provider: custom` Material leaves its
    widget hidden. The plugin shows it from the first paint and sends its votes."""
    overrides = tmp_path / "overrides"
    (overrides / "partials" / "integrations" / "analytics").mkdir(parents=True)
    (overrides / "partials" / "integrations" / "analytics" / "custom.html").write_text(PLAUSIBLE)
    config = feedback_config(receiver, theme="material", analytics=True)
    config["theme"]["custom_dir"] = str(overrides)
    config["extra"] = {"analytics": {"provider": "custom", "feedback": MATERIAL_FEEDBACK}}
    built = serve_site(config, {"index.md": page_md("Guide"), "author.js": ""})
    assert "chatspark-feedback" not in built.html("index.html").replace(
        "data-chatspark-feedback", ""
    )  # Material's widget, not a second one
    page.goto(server.url)
    form = page.locator("form.md-feedback")
    expect(form).to_be_visible()
    page.get_by_role("button", name="This page could be improved").click()
    wait_for(lambda: len(votes(receiver)) == 1)
    body = votes(receiver)[0].json()
    assert body["data"] == {"rating": 0, "path": "/", "title": "Guide", "language": "en"}
    expect(page.get_by_text("Thanks! Tell us more below.")).to_be_visible()
    assert page.evaluate("window.__events") == [
        ["feedback", {"props": {"rating": 0, "page_path": "/"}}]
    ]
    page.get_by_label("Tell us more (optional)").fill("More examples, please.")
    page.get_by_role("button", name="Send").click()
    wait_for(lambda: len(votes(receiver)) == 2)
    second = votes(receiver)[1]
    assert second.json()["data"]["comment"] == "More examples, please."
    assert second.headers["Idempotency-Key"] == votes(receiver)[0].headers["Idempotency-Key"]
    assert len(page.evaluate("window.__events")) == 1  # never the comment


def test_a_no_code_backend_gets_flat_bodies_with_one_submission_id(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    options = {"feedback": {"webhook": {"url": f"{receiver.origin}/votes", "format": "form"}}}
    serve_site(
        site_config({"load": "interaction", **options}),
        {"index.md": page_md("Setup")},
    )
    page.goto(server.url)
    page.click(NO)
    wait_for(lambda: len(votes(receiver)) == 1)
    page.get_by_label("Tell us more (optional)").fill("Typo in step 2.")
    page.get_by_role("button", name="Send").click()
    wait_for(lambda: len(votes(receiver)) == 2)
    first, second = (r.form() for r in votes(receiver))
    assert not any(r.method == "OPTIONS" for r in receiver.requests)  # CORS-simple
    assert first["rating"] == "0" and first["path"] == "/" and first["title"] == "Setup"
    assert first["_actionType"] == "feedback" and "comment" not in first
    assert second["comment"] == "Typo in step 2."
    assert second["_submissionId"] == first["_submissionId"]
    assert len(receiver.accepted) == 1 and receiver.accepted[first["_submissionId"]]["comment"]


def test_mailto_opens_the_mail_program_with_the_vote_and_the_comment(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    serve_site(
        site_config({"feedback": {"url": "mailto:docs@example.com"}}),
        {"index.md": page_md("Upgrade")},
    )
    page.goto(server.url)
    page.click(YES)
    expect(page.get_by_role("status")).to_have_text("Thank you for your feedback!")
    page.get_by_label("Tell us more (optional)").fill("Clear, thanks.")
    page.get_by_role("button", name="Send").click()
    link = page.get_by_role("link", name="docs@example.com")
    href = link.get_attribute("href") or ""
    assert href.startswith("mailto:docs@example.com?subject=Upgrade&body=")
    body = parse_qs(href.split("?", 1)[1])["body"][0]
    assert body == f"Yes: 1\r\n{server.url}\r\n\r\nClear, thanks."


def test_material_cookie_consent_holds_the_analytics_event_not_the_vote(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, tmp_path: Path
) -> None:
    """With Material's cookie consent and analytics not accepted, the vote goes to
    the site's own receiver (no cookie) and nothing goes to analytics."""
    overrides = tmp_path / "overrides"
    (overrides / "partials" / "integrations" / "analytics").mkdir(parents=True)
    (overrides / "partials" / "integrations" / "analytics" / "custom.html").write_text(PLAUSIBLE)
    config = feedback_config(receiver, theme="material", analytics=True)
    config["theme"]["custom_dir"] = str(overrides)
    config["extra"] = {
        "analytics": {"provider": "custom", "feedback": MATERIAL_FEEDBACK},
        "consent": {"title": "Cookie consent", "description": "We ask first."},
    }
    serve_site(config, {"index.md": page_md("Guide"), "author.js": ""})
    page.add_init_script(
        "window.__events = []; window.plausible = (n, o) => __events.push([n, o]);"
    )
    page.goto(server.url)
    expect(page.locator("[data-md-component=consent]")).to_be_attached()
    # The consent dialog covers the page until answered: press the button from script.
    page.locator("form.md-feedback button[data-md-value='1']").dispatch_event("click")
    wait_for(lambda: len(votes(receiver)) == 1)
    assert votes(receiver)[0].json()["data"]["rating"] == 1
    page.wait_for_timeout(300)
    assert page.evaluate("window.__events") == []


@pytest.mark.parametrize("theme", ["readthedocs", "material"])
@pytest.mark.parametrize("width", [1280, 390])
def test_a_keyboard_reader_sees_the_comment_box_whole_and_keeps_focus_after_send(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
    theme: str,
    width: int,
) -> None:
    """Tried on real sites (cibuildwheel, EESSI): a vote at the foot of a long page
    focused the comment box with only its top edge in view and Send below the
    screen, and Send dropped focus on the page's body as it removed itself."""
    page.set_viewport_size({"width": width, "height": 800})
    serve_site(
        feedback_config(receiver, theme=theme),
        {"index.md": page_md("Install guide"), "author.js": ""},
    )
    page.goto(server.url)
    # A theme's footer below the block (cibuildwheel's: 130 px), and the page scrolled
    # so that the buttons are in view near the bottom of the window: the comment box
    # comes in with its top edge in view, which focus alone does not scroll further.
    page.add_style_tag(content="body { padding-bottom: 600px !important; }")
    page.locator(NO).evaluate(
        "b => window.scrollBy(0, b.getBoundingClientRect().bottom - (innerHeight - 130))"
    )
    page.locator(NO).focus()
    page.keyboard.press("Enter")
    box = page.get_by_label("Tell us more (optional)")
    expect(box).to_be_focused()
    send = page.get_by_role("button", name="Send")
    page.wait_for_function("() => !document.getAnimations().length")  # smooth scrolling done
    for control in (box, send):  # whole in view (scroll offsets are whole pixels: 1 px over)
        rect = control.bounding_box()
        assert rect is not None and rect["y"] >= 0 and rect["y"] + rect["height"] < 801, rect
    page.keyboard.type("The proxy section is missing.")
    page.keyboard.press("Tab")
    expect(send).to_be_focused()
    page.keyboard.press("Enter")
    wait_for(lambda: len(votes(receiver)) == 2)
    expect(page.get_by_role("status")).to_have_text("Thank you for your feedback!")
    # Focus goes back to the vote, as a form's success returns it to its button.
    expect(page.locator(NO)).to_be_focused()


@pytest.mark.parametrize("listener", [False, True], ids=["no-listener", "listener"])
def test_a_comment_box_is_offered_only_where_the_comment_can_go(
    page: Page, serve_site: ServeSite, server: StaticServer, listener: bool
) -> None:
    # `feedback: true`: no webhook, Netlify or mail. Without a listener of the
    # author's on the page, a comment would be thanked for and kept nowhere.
    config = site_config(
        {"load": "interaction", "feedback": True},
        **({"extra_javascript": ["author.js"]} if listener else {}),
    )
    pages = {"index.md": page_md("Install guide")}
    serve_site(config, {**pages, "author.js": AUTHOR_JS} if listener else pages)
    page.goto(server.url)
    page.click(YES)
    expect(page.get_by_role("status")).to_have_text("Thank you for your feedback!")
    expect(page.locator(YES)).to_have_attribute("aria-pressed", "true")
    box = page.get_by_label("Tell us more (optional)")
    if not listener:
        expect(box).to_have_count(0)
        return
    expect(box).to_be_focused()
    box.fill("The proxy section is missing.")
    page.get_by_role("button", name="Send").click()
    page.wait_for_function("window.__seen.length === 2")
    assert page.evaluate("window.__seen[1].data.comment") == "The proxy section is missing."


def test_a_votes_path_is_from_the_site_root_under_a_sub_path_and_from_file(
    page: Page, receiver: Receiver, server: StaticServer, tmp_path: Path
) -> None:
    # The docs say `path` is the page's path from the site root; it was the address's
    # whole path: "/docs/guide/" under a sub-path, and from file:// the reader's own
    # folders ("/home/ann/Downloads/site/guide.html"), a new path per reader.
    config = {
        **feedback_config(receiver),
        "site_url": server.url + "docs/",
        "use_directory_urls": False,
    }
    write_site(tmp_path, config, {"guide.md": page_md("Guide"), "author.js": AUTHOR_JS})
    built = run_build(tmp_path)
    assert built.ok, built.log
    (tmp_path / "host").mkdir()
    os.symlink(built.site, tmp_path / "host" / "docs")
    server.root = tmp_path / "host"
    for address in (server.url + "docs/guide.html", (built.site / "guide.html").as_uri()):
        page.goto(address)
        page.click(YES)
        wait_for(lambda: len(votes(receiver)) == 1)
        [post] = votes(receiver)
        assert post.json()["data"]["path"] == "/guide.html", address
        assert post.json()["page"]["url"] == address
        receiver.requests.clear()
