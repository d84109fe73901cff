"""What the chat costs a page before the reader reaches for it: nothing that holds
up the first paint, nothing that shifts, no request for the interface before intent
or idle, none to a hosted script's origin before a press (or before consent), and a
press made while the rest loads runs once when it is there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from support import AUTHOR_JS, STANDIN, ServeSite, StaticServer, site_config

from mkdocs_chatspark import render

LAUNCHER = "Open chat"

PLAIN = {"id": "plain", "type": "button", "label": "Tell listeners", "data": {"n": 1}}
ACTIONS = [PLAIN, {"id": "api", "type": "link", "label": "API", "url": "https://example.com/api"}]


def cta_page(title: str) -> str:
    """A page with a call to action of PLAIN in its prose, and prose around it."""
    return (
        f"# {title}\n\nReady to see it live? [Tell them](chatspark:plain)\n\n"
        + "Some prose to lay out around the call to action. " * 40
        + "\n"
    )


CTA_PAGE = cta_page("Pricing")


def material(options: dict[str, Any], **extra: Any) -> dict[str, Any]:
    config = site_config(options, theme="material", **extra)
    config["theme"]["features"] = ["navigation.instant"]
    return config


def requested(server: StaticServer, name: str) -> bool:
    return any(p.split("?")[0].endswith(name) for p in server.paths)


def wait_idle(page: Page) -> None:
    """Past the load event and a turn of the browser's idle time."""
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise((done) => requestIdleCallback(() => setTimeout(done, 50)))")


# --- the first paint -------------------------------------------------------------------


def test_first_paint_does_not_wait_for_the_bootstrap(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    # The author's script in extra_javascript calls window.ChatSpark.on as the
    # ChatSpark page shows, so the bootstrap runs before it, at the end of <body>.
    config = material({"actions": ACTIONS}, extra_javascript=["author.js"])
    serve_site(config, {"index.md": CTA_PAGE, "author.js": AUTHOR_JS})
    server.delays["boot.js"] = 3.0
    page.goto(server.url, wait_until="commit")
    page.wait_for_function(
        "performance.getEntriesByName('first-contentful-paint').length > 0", timeout=10_000
    )
    fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    boot = page.evaluate("performance.getEntriesByType('resource')")
    assert not any(r["name"].endswith("/boot.js") and r["responseEnd"] for r in boot)
    assert fcp < 2_000, f"first contentful paint at {fcp:.0f} ms waited for the bootstrap"
    # The author's listener, which ran after the late bootstrap, sees the event.
    page.wait_for_load_state("load", timeout=15_000)
    page.get_by_role("button", name="Tell them").click()
    page.wait_for_function("window.__seen.length === 1")
    assert page.evaluate("window.__seen") == [
        {"actionId": "plain", "actionType": "button", "data": {"n": 1}}
    ]


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_the_load_event_does_not_wait_for_the_launchers_style(
    page: Page, serve_site: ServeSite, server: StaticServer, theme: str
) -> None:
    """boot.css, which shows the launcher on a page without calls to action, is
    requested after the load event, which it would otherwise hold back."""
    serve_site(site_config({"actions": ACTIONS}, theme=theme), {"index.md": "# Home\n"})
    server.delays["boot.css"] = 3.0
    page.goto(server.url, wait_until="load", timeout=10_000)
    load = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventStart")
    assert load < 2_500, f"the load event came at {load:.0f} ms, after boot.css"
    expect(page.get_by_role("button", name=LAUNCHER)).to_be_visible(timeout=10_000)
    started = page.evaluate(
        "performance.getEntriesByType('resource')"
        ".find((r) => r.name.endsWith('/boot.css')).startTime"
    )
    assert started >= load


# --- nothing shifts ----------------------------------------------------------------------

LAYOUT_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    window.__shifts.push({
      value: e.value,
      sources: (e.sources || []).map((s) => s.node ? (s.node.outerHTML || s.node.textContent || "").slice(0, 80) : ""),
      // what moved is the page's content (where the calls to action are), or ours
      ours: (e.sources || []).some((s) => {
        const node = s.node && (s.node.nodeType === 1 ? s.node : s.node.parentElement);
        const content = document.querySelector("article, [role=main]");
        return !node || (content && content.contains(node)) || !!node.closest("[class*=chatspark]");
      }),
    });
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_calls_to_action_and_the_launcher_shift_nothing(
    page: Page, serve_site: ServeSite, server: StaticServer, theme: str
) -> None:
    config = site_config({"actions": ACTIONS}, theme=theme)
    serve_site(config, {"index.md": CTA_PAGE})
    page.add_init_script(LAYOUT_SHIFTS)
    page.goto(server.url)
    wait_idle(page)
    page.wait_for_selector(
        "[data-chatspark]:not([hidden])", state="attached"
    )  # the widget came at idle
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100)))")
    # The theme's own shifts (the mkdocs theme's navbar settles) are not the plugin's.
    assert [s for s in page.evaluate("window.__shifts") if s["ours"]] == []
    if theme == "material":
        assert page.evaluate("window.__shifts") == []
    cta = page.get_by_role("button", name="Tell them")
    assert cta.evaluate("(b) => getComputedStyle(b).borderRadius") != "0px"  # styled


PLAIN_THEME = Path(__file__).parent / "fixtures" / "plain_theme"
CSP = "default-src 'self'; script-src 'self'; style-src 'self'"


@pytest.mark.parametrize("allowed", [True, False], ids=["hash-allowed", "inline-refused"])
def test_the_inline_style_under_a_strict_csp(
    page: Page, serve_site: ServeSite, server: StaticServer, allowed: bool
) -> None:
    """With `python -m mkdocs_chatspark csp`'s hash the inline boot.css applies and
    nothing is refused; without it the bootstrap links the file, and the calls to
    action and the launcher are styled all the same."""
    config = site_config({"actions": ACTIONS})
    config["theme"] = {"name": None, "custom_dir": str(PLAIN_THEME)}  # no inline code of its own
    serve_site(config, {"index.md": CTA_PAGE})
    server.headers["Content-Security-Policy"] = (
        CSP + f" {render.boot_style_hash()}" if allowed else CSP
    )
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)
    page.goto(server.url)
    wait_idle(page)
    cta = page.get_by_role("button", name="Tell them")
    assert cta.evaluate("(b) => getComputedStyle(b).borderRadius") != "0px"
    expect(page.get_by_role("button", name=LAUNCHER)).to_be_visible()
    assert requested(server, "boot.css") is not allowed  # linked only where refused
    assert (violations == []) is allowed


@pytest.mark.parametrize(
    ("theme", "position", "width"),
    [
        ("material", "right", 1280),
        ("mkdocs", "right", 1280),
        ("material", "left", 1280),
        ("mkdocs", "left", 400),  # phones: nearer the corner
        ("material", "right", 400),
    ],
)
def test_the_bootstrap_draws_the_launcher_where_the_widget_draws_its_own(
    page: Page, serve_site: ServeSite, server: StaticServer, theme: str, position: str, width: int
) -> None:
    options = {"actions": ACTIONS, "position": position}
    serve_site(site_config(options, theme=theme), {"index.md": CTA_PAGE})
    server.delays["widget.css"] = 1.0  # the bootstrap's launcher stays a while
    page.set_viewport_size({"width": width, "height": 720})
    page.goto(server.url)
    launcher = page.get_by_role("button", name=LAUNCHER)
    expect(launcher).to_be_visible()
    facade = launcher.bounding_box()
    assert page.locator("[data-chatspark]:not([hidden])").count() == 0  # not shown yet
    page.wait_for_selector("[data-chatspark]:not([hidden])", state="attached")
    expect(page.get_by_role("button", name=LAUNCHER)).to_have_count(1)
    assert page.get_by_role("button", name=LAUNCHER).bounding_box() == facade


def test_focus_on_the_bootstraps_launcher_goes_to_the_widgets_when_it_takes_over(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    serve_site(site_config({"actions": ACTIONS, "load": "interaction"}), {"index.md": CTA_PAGE})
    server.delays["widget.css"] = 1.0  # the bootstrap's launcher stays a while
    page.goto(server.url)
    facade = page.locator(".chatspark-facade button")
    expect(facade).to_be_visible()
    facade.focus()  # intent: the widget comes
    page.wait_for_selector("[data-chatspark]:not([hidden])", state="attached")
    expect(facade).to_have_count(0)
    expect(page.get_by_role("button", name=LAUNCHER)).to_be_focused()


# --- the interface loads on intent or idle ---------------------------------------------------


def test_with_load_interaction_the_interface_waits_for_intent(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    serve_site(site_config({"actions": ACTIONS, "load": "interaction"}), {"index.md": CTA_PAGE})
    page.goto(server.url)
    wait_idle(page)
    page.wait_for_timeout(500)
    launcher = page.get_by_role("button", name=LAUNCHER)
    expect(launcher).to_be_visible()  # drawn by the bootstrap
    for name in ("widget.js", "widget.css"):
        assert not requested(server, name), server.paths
    assert not any("/site." in p for p in server.paths)
    launcher.hover()
    page.wait_for_selector("[data-chatspark]:not([hidden])", state="attached")
    assert requested(server, "widget.js") and requested(server, "widget.css")
    assert any("/site." in p for p in server.paths)
    # the bootstrap's launcher gave way to the widget's: one launcher
    expect(page.get_by_role("button", name=LAUNCHER)).to_have_count(1)
    page.get_by_role("button", name=LAUNCHER).click()
    expect(page.get_by_role("button", name="Tell listeners")).to_be_visible()


def test_with_load_idle_the_interface_comes_after_the_load_event(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    serve_site(site_config({"actions": ACTIONS}), {"index.md": CTA_PAGE})
    page.add_init_script(
        """addEventListener("load", () => {
          window.__atLoad = performance.getEntriesByType("resource").map((r) => r.name);
        });"""
    )
    page.goto(server.url)
    at_load = page.evaluate("window.__atLoad")
    assert not [n for n in at_load if n.endswith(("widget.js", "widget.css"))], at_load
    page.wait_for_selector(
        "[data-chatspark]:not([hidden])", state="attached"
    )  # no interaction at all


def test_a_press_while_the_widget_loads_runs_once_when_it_is_ready(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    config = site_config({"actions": ACTIONS, "load": "interaction"}, extra_javascript=["a.js"])
    serve_site(config, {"index.md": CTA_PAGE, "a.js": AUTHOR_JS})
    server.delays["widget.js"] = 1.0
    page.goto(server.url)
    wait_idle(page)
    cta = page.get_by_role("button", name="Tell them")
    cta.dblclick()  # two presses before the widget is there
    assert page.evaluate("window.__seen") == []
    page.wait_for_selector("[data-chatspark]:not([hidden])", state="attached")
    page.wait_for_function("window.__seen.length > 0")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__seen") == [
        {"actionId": "plain", "actionType": "button", "data": {"n": 1}}
    ]
    expect(page.locator("#chatspark-panel")).to_be_visible()  # and the chat is open


def test_a_press_on_the_launcher_while_loading_opens_the_panel(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    serve_site(site_config({"actions": ACTIONS, "load": "interaction"}), {"index.md": "# Home\n"})
    server.delays["widget.css"] = 1.0
    page.goto(server.url)
    wait_idle(page)
    page.get_by_role("button", name=LAUNCHER).click()
    expect(page.get_by_role("button", name="Tell listeners")).to_be_visible()
    expect(page.get_by_role("button", name="Tell listeners")).to_be_focused()


# --- a hosted script is a facade ------------------------------------------------------------


def hosted(cdn: StaticServer, **more: Any) -> dict[str, Any]:
    return {"chatbot_id": "bot-7", "script": cdn.url + STANDIN.name, "actions": ACTIONS, **more}


def test_the_hosted_script_is_requested_only_when_the_reader_presses(
    page: Page, serve_site: ServeSite, server: StaticServer, cdn: StaticServer
) -> None:
    config = site_config(hosted(cdn), extra_javascript=["a.js"])
    serve_site(config, {"index.md": CTA_PAGE, "a.js": AUTHOR_JS})
    the_hosted_script_waits_for_a_press(page, server.url, cdn, ["plain", "api"])
    # the author's two listeners and our handler moved over, each once
    assert page.evaluate("window.ChatSpark.listenerCount()") == 3


def the_hosted_script_waits_for_a_press(
    page: Page, url: str, cdn: StaticServer, action_ids: list[str]
) -> None:
    """Pointing at and focusing the launcher fetch our own files, never the hosted
    script; a press fetches it once, hands it the page's config and opens it; the
    author's listener (AUTHOR_JS) sees its actions."""
    page.add_init_script("window.__standinHasOpen = true")
    page.goto(url)
    wait_idle(page)
    page.wait_for_timeout(500)
    launcher = page.get_by_role("button", name=LAUNCHER)
    launcher.hover()
    launcher.focus()
    page.wait_for_function(
        "performance.getEntriesByType('resource').some((r) => r.name.endsWith('/widget.js'))"
    )
    page.wait_for_timeout(500)
    assert cdn.paths == []
    launcher.click()
    page.wait_for_selector("#hosted-widget button")
    assert cdn.paths == ["/" + STANDIN.name]
    [given] = page.evaluate("window.__hostedConfigs")
    assert given["chatbotId"] == "bot-7"
    assert [a["id"] for a in given["data"]["actions"]] == action_ids
    assert page.evaluate("window.__opened") == 1  # its instance's open()
    # the hosted script draws its own launcher: ours is gone
    expect(page.get_by_role("button", name=LAUNCHER)).to_have_count(0)
    page.get_by_role("button", name="hosted Tell listeners").click()
    assert page.evaluate("window.__seen") == [
        {"actionId": "plain", "actionType": "button", "data": {"n": 1}}
    ]


def test_a_call_to_action_loads_and_opens_the_hosted_chat(
    page: Page, serve_site: ServeSite, server: StaticServer, cdn: StaticServer
) -> None:
    form = {
        "id": "write",
        "type": "form",
        "label": "Write to us",
        "fields": [{"key": "email", "label": "Email", "type": "email"}],
    }
    options = {**hosted(cdn), "actions": [*ACTIONS, form]}
    serve_site(site_config(options), {"index.md": "# Home\n\n[Write](chatspark:write)\n"})
    page.add_init_script("window.__standinHasOpen = true")
    page.goto(server.url)
    wait_idle(page)
    assert cdn.paths == []
    page.get_by_role("button", name="Write", exact=True).click()
    # The hosted chat has the form among its actions: it is opened, once.
    page.wait_for_function("window.__opened === 1")
    assert cdn.paths == ["/" + STANDIN.name]
    page.wait_for_timeout(200)
    assert page.evaluate("window.__opened") == 1


# --- consent ------------------------------------------------------------------------------------


def test_with_consent_the_hosted_script_waits_for_the_readers_yes(
    page: Page, serve_site: ServeSite, server: StaticServer, cdn: StaticServer
) -> None:
    consent = {
        "title": "Cookies",
        "description": "Yes?",
        "actions": ["accept", "reject", "manage"],
        "cookies": {"chat": "Chat"},
    }
    serve_site(
        material(hosted(cdn, consent="chat"), extra={"consent": consent}), {"index.md": CTA_PAGE}
    )
    page.goto(server.url)
    wait_idle(page)
    dialog = page.locator(".md-consent__inner")  # its container has no size of its own
    expect(dialog).to_be_visible()  # Material asks on the first visit
    with page.expect_navigation():  # Material stores the answer and reloads
        dialog.get_by_role("button", name="Reject").click()
    wait_idle(page)
    # Until the reader says yes, the bundled widget serves the actions.
    page.get_by_role("button", name=LAUNCHER).click()
    expect(page.get_by_role("button", name="Tell listeners")).to_be_visible()
    page.get_by_role("button", name="Cookie settings").click()
    expect(page.locator("#chatspark-panel")).to_be_hidden()
    expect(dialog).to_be_visible()
    assert cdn.paths == []
    dialog.get_by_text("Manage settings").click()
    dialog.get_by_role("checkbox", name="Chat").check(force=True)  # Material draws its own box
    with page.expect_navigation():
        dialog.get_by_role("button", name="Accept").click()
    wait_idle(page)
    assert page.evaluate("__md_get('__consent')") == {"chat": True}
    assert cdn.paths == []  # yes, and still a facade until a press
    page.get_by_role("button", name=LAUNCHER).click()
    page.wait_for_selector("#hosted-widget button")
    assert cdn.paths == ["/" + STANDIN.name]


def test_with_consent_refused_the_hosted_script_never_loads(
    page: Page, serve_site: ServeSite, server: StaticServer, cdn: StaticServer
) -> None:
    config = material(
        hosted(cdn, consent="chat"),
        extra={"consent": {"actions": ["accept", "reject"], "cookies": {"chat": "Chat"}}},
    )
    serve_site(config, {"index.md": CTA_PAGE})
    page.goto(server.url)
    wait_idle(page)
    with page.expect_navigation():
        page.locator(".md-consent__inner").get_by_role("button", name="Reject").click()
    wait_idle(page)
    page.get_by_role("button", name="Tell them").click()
    expect(page.get_by_role("button", name="Tell listeners")).to_be_visible()
    page.wait_for_timeout(300)
    assert cdn.paths == []
