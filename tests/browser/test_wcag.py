"""The widget under a reader's real conditions (issue 20): a phone screen reader, a
keyboard on a wide screen, Material's sticky header and instant navigation, right to
left, every Material palette; and one test for each WCAG 2.2 AA criterion a chat
panel touches (example_site/docs/accessibility.md lists them)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from stub_receiver import Receiver
from support import ServeSite, StaticServer, site_config, widget_ready
from test_host_page import (
    FIELDS,
    RGB_JS,
    actions,
    box,
    colour,
    contrast,
    on_top,
    open_form,
    panel,
)

THEMES = ["mkdocs", "material", "readthedocs"]
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 800}
ZOOMED = {"width": 640, "height": 400}  # 1280x800 at 200 %

# A page long enough to scroll, with headings (Material's table of contents), links
# and a call to action in its prose.
SECTIONS = "".join(
    f"## Part {i}\n\nText of part {i}, with [a link](#part-{i}) in it.\n\n" * 1
    + "Lorem ipsum dolor sit amet. " * 12
    + "\n\n"
    for i in range(1, 25)
)
# A plans table whose last column is aligned to the right: its call to action and
# link are where the open panel is, on a wide screen and at 200 % zoom.
TABLE = (
    "| Plan | Price |\n|---|---:|\n"
    "| Team | [Team details](#part-2) [Ask about Team](chatspark:contact) |\n\n"
)
LONG = (
    "# Home\n\n" + TABLE + "Welcome. [Contact sales](chatspark:contact) or read on.\n\n" + SECTIONS
)
PAGES = {"index.md": LONG, "next.md": "# Next\n\nMore text.\n"}


def dialog(page: Page) -> Any:
    return page.get_by_role("dialog", name="Chat with us")


def prose_cta(page: Page, name: str = "Contact sales") -> Any:
    return page.locator("main, [role=main]").get_by_role("button", name=name)


# --- item 1: on a phone the panel is modal, for screen readers too ------------------


def reachable_outside_the_dialog(page: Page) -> list[str]:
    """Nodes of the accessibility tree (Chromium's own, through CDP) that a screen
    reader's swipe reaches and that are not the dialog or inside it."""
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    cdp.detach()
    by_id = {n["nodeId"]: n for n in nodes}
    inside: set[str] = set()
    for n in nodes:
        if n.get("role", {}).get("value") == "dialog" and not n.get("ignored"):
            stack = [n["nodeId"]]
            while stack:
                i = stack.pop()
                inside.add(i)
                stack.extend(by_id[i].get("childIds", []) if i in by_id else [])
    seen = []
    for n in nodes:
        role = n.get("role", {}).get("value")
        name = n.get("name", {}).get("value", "")
        if n.get("ignored") or n["nodeId"] in inside or role in ("RootWebArea", "none"):
            continue
        containers = ("generic", "paragraph", "group", "document")  # readthedocs' <body>
        if role in containers and not name:
            continue  # what matters is whether their content is reachable
        seen.append(f"{role} {name!r}")
    return seen


@pytest.mark.parametrize("theme", THEMES)
def test_on_a_phone_the_open_panel_is_modal_in_the_accessibility_tree(
    browser: Browser, serve_site: ServeSite, server: StaticServer, receiver: Receiver, theme: str
) -> None:
    serve_site(site_config({"actions": actions(receiver)}, theme=theme), PAGES)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server.url)
    widget_ready(page)
    before = reachable_outside_the_dialog(page)
    assert len(before) > 20  # the page, headings, links, its call to action
    page.get_by_role("button", name="Open chat").click()
    expect(dialog(page)).to_have_attribute("aria-modal", "true")
    assert reachable_outside_the_dialog(page) == []
    page.get_by_role("button", name="Close chat").click()
    expect(dialog(page)).to_be_hidden()
    assert len(reachable_outside_the_dialog(page)) == len(before)  # all of it back
    context.close()


def test_on_a_phone_what_the_page_adds_while_the_panel_is_open_is_out_of_reach(
    browser: Browser, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    # A theme's dialog, a cookie banner, a script's toast: added to <body> while the
    # panel covers the page, it must not be reachable behind it either.
    serve_site(site_config({"actions": actions(receiver)}, theme="material"), PAGES)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server.url)
    widget_ready(page)
    page.get_by_role("button", name="Open chat").click()
    expect(dialog(page)).to_have_attribute("aria-modal", "true")
    page.evaluate(
        """() => { const d = document.createElement('div');
        d.id = 'late'; d.innerHTML = '<button>Late banner</button>';
        document.body.appendChild(d); }"""
    )
    page.wait_for_function("document.getElementById('late').inert")
    assert reachable_outside_the_dialog(page) == []
    page.get_by_role("button", name="Close chat").click()
    expect(dialog(page)).to_be_hidden()
    assert page.evaluate("document.getElementById('late').inert") is False
    assert "button 'Late banner'" in reachable_outside_the_dialog(page)
    context.close()


def test_on_a_wide_screen_the_panel_is_not_modal(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(site_config({"actions": actions(receiver)}, theme="material"), PAGES)
    page.set_viewport_size(WIDE)
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    expect(dialog(page)).to_be_visible()
    assert dialog(page).get_attribute("aria-modal") is None
    assert len(reachable_outside_the_dialog(page)) > 20
    # Resized to a phone with the panel open: it covers the page, and is modal.
    page.set_viewport_size(PHONE)
    expect(dialog(page)).to_have_attribute("aria-modal", "true")
    page.wait_for_function(
        "[...document.body.children].some(c => c.inert && !c.hasAttribute('data-chatspark'))"
    )
    assert reachable_outside_the_dialog(page) == []


# --- item 2 (WCAG 2.4.11): the open panel never hides the focused element -------------


def covered(page: Page) -> Any:
    """Where focus is in the page (not in the widget), and whether the open panel
    covers it entirely."""
    return page.evaluate(
        """() => {
        const a = document.activeElement;
        if (!a || a === document.body || a.hasAttribute('data-chatspark')) return null;
        const host = document.querySelector('[data-chatspark]');
        const p = host.shadowRoot.getElementById('chatspark-panel').getBoundingClientRect();
        const r = a.getBoundingClientRect();
        const under = p.width > 0 && r.left >= p.left && r.right <= p.right
            && r.top >= p.top && r.bottom <= p.bottom;
        return {tag: a.tagName, text: a.textContent.trim().slice(0, 40), under: under};
    }"""
    )


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", [WIDE, ZOOMED], ids=["1280", "200%"])
def test_tab_past_the_open_panel_never_lands_under_it(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
    theme: str,
    size: dict[str, int],
) -> None:
    serve_site(site_config({"actions": actions(receiver)}, theme=theme), PAGES)
    page.set_viewport_size(size)
    page.goto(server.url)
    open_form(page)  # the panel at its tallest
    stops = []
    for _ in range(120):
        page.keyboard.press("Tab")
        where = covered(page)
        if where:
            stops.append(where)
    assert len(stops) > 10  # Tab went round the page
    assert [s for s in stops if s["under"]] == []


@pytest.mark.parametrize("theme", THEMES)
def test_escape_closes_the_panel_wherever_focus_is(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, theme: str
) -> None:
    serve_site(site_config({"actions": actions(receiver)}, theme=theme), PAGES)
    page.set_viewport_size(WIDE)
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    expect(dialog(page)).to_be_visible()
    link = page.locator("main, [role=main]").get_by_role("link", name="a link").first
    link.focus()
    page.keyboard.press("Escape")
    expect(dialog(page)).to_be_hidden()
    expect(link).to_be_focused()  # focus stays where the reader is
    expect(page.get_by_role("button", name="Open chat")).to_have_attribute("aria-expanded", "false")


# --- item 3: focus goes back to a call to action the sticky header does not cover ----


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_focus_returns_to_a_call_to_action_the_header_does_not_cover(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, theme: str
) -> None:
    serve_site(site_config({"actions": actions(receiver)}, theme=theme), PAGES)
    page.set_viewport_size(WIDE)
    page.goto(server.url)
    cta = prose_cta(page)
    cta.click()
    expect(page.get_by_label("Name")).to_be_focused()
    # The reader scrolls the page while the panel is open: the call to action is
    # now under the theme's fixed header.
    top = cta.evaluate("el => el.getBoundingClientRect().top + scrollY")
    page.evaluate(f"scrollTo(0, {top} - 10)")
    assert not on_top(cta)
    page.keyboard.press("Escape")
    expect(cta).to_be_focused()
    assert on_top(cta)


# --- item 7: instant navigation on a phone, and the focus Escape returns to ----------


def test_a_button_to_another_page_closes_the_phone_panel_under_instant_navigation(
    browser: Browser, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    go = {"id": "go", "type": "button", "label": "See the next page", "url": "next/"}
    config = site_config({"actions": [go, *actions(receiver)]}, theme="material")
    config["theme"]["features"] = ["navigation.instant"]
    serve_site(config, PAGES)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server.url)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="See the next page").click()
    expect(page.locator("h1")).to_have_text("Next")
    assert page.evaluate("window.__sameDocument") is True  # swapped, not reloaded
    expect(dialog(page)).to_be_hidden()  # the reader sees the page they asked for
    expect(page.get_by_role("heading", name="Next")).to_be_in_viewport()
    context.close()


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_a_call_to_action_pressed_with_the_panel_open_is_where_escape_returns(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, theme: str
) -> None:
    serve_site(site_config({"actions": actions(receiver)}, theme=theme), PAGES)
    page.set_viewport_size(WIDE)
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    expect(dialog(page)).to_be_visible()
    cta = prose_cta(page)
    cta.click()
    expect(page.get_by_label("Name")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog(page)).to_be_hidden()
    expect(cta).to_be_focused()


# --- item 10: right to left ------------------------------------------------------------


def test_right_to_left_without_overflow_and_with_english_names_marked(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    radio = {"key": "plan", "label": "Plan", "type": "radio", "options": ["A", "B"]}
    form = actions(receiver, fields=[*FIELDS, {**radio, "required": True}])
    config = site_config({"actions": form}, theme="material")
    config["theme"]["language"] = "ar"  # no translation: the widget's words are English
    serve_site(config, PAGES)
    server.delays["widget.css"] = 1.0  # the bootstrap's launcher stays a while (idle)
    page.set_viewport_size(WIDE)
    page.goto(server.url)
    facade = page.locator(".chatspark-facade button")
    expect(facade).to_have_attribute("lang", "en")  # the bootstrap's launcher
    launcher = page.get_by_role("button", name="Open chat")
    widget_ready(page)
    expect(launcher).to_have_attribute("lang", "en")
    open_form(page)
    expect(page.get_by_role("button", name="Close chat")).to_have_attribute("lang", "en")
    body = panel(page).locator(".chatspark-body")
    overflow = "el => el.scrollWidth - el.clientWidth"
    assert body.evaluate(overflow) <= 1
    # An autofill that focuses the honeypot does not scroll the panel to a blank.
    page.locator("input[name=chatspark-website]").evaluate("el => el.focus()")
    assert body.evaluate(overflow) <= 1
    assert body.evaluate("el => el.scrollLeft") == 0
    expect(page.get_by_label("Name")).to_be_in_viewport()
    # The invalid radio group's bar is on the side the text starts from: the right.
    page.get_by_role("button", name="Submit").click()
    group = page.get_by_role("radiogroup", name="Plan")
    expect(group).to_have_attribute("aria-invalid", "true")
    widths = group.evaluate(
        "el => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth]"
    )
    assert widths == ["2px", "0px"]


# --- item 11 (and WCAG 3.3.1): a radio group's error on its radios ---------------------


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_a_radio_groups_error_is_spoken_on_its_radios(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, theme: str
) -> None:
    radio = {"key": "plan", "label": "Plan", "type": "radio", "options": ["Free", "Team"]}
    fields = [{**radio, "required": True}]
    serve_site(site_config({"actions": actions(receiver, fields=fields)}, theme=theme), PAGES)
    page.goto(server.url + "next/")
    page.get_by_role("button", name="Open chat").click()
    panel(page).get_by_role("button", name="Contact sales").click()
    page.get_by_role("button", name="Submit").click()
    first = page.get_by_role("radio", name="Free")
    expect(first).to_be_focused()
    for name in ("Free", "Team"):
        radio_input = page.get_by_role("radio", name=name)
        expect(radio_input).to_have_attribute("aria-invalid", "true")
        expect(radio_input).to_have_accessible_description("This field is required.")
    page.get_by_role("radio", name="Team").check()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Thanks, we will be in touch.")).to_be_visible()
    panel(page).get_by_role("button", name="Contact sales").click()  # opened again
    expect(first).to_be_focused()
    expect(first).not_to_have_attribute("aria-invalid", "true")


# --- item 14 (WCAG 1.4.11): every Material palette keeps the controls' edges -----------

PRIMARIES = [
    "red",
    "pink",
    "purple",
    "deep-purple",
    "indigo",
    "blue",
    "light-blue",
    "cyan",
    "teal",
    "green",
    "light-green",
    "lime",
    "yellow",
    "amber",
    "orange",
    "deep-orange",
    "brown",
    "grey",
    "blue-grey",
    "black",
    "white",
]

EDGES = (
    """body => {
    const host = document.querySelector('[data-chatspark]').shadowRoot;
    const pageBg = getComputedStyle(body).backgroundColor;
    const panelBg = getComputedStyle(host.getElementById('chatspark-panel')).backgroundColor;
"""
    + RGB_JS
    + """
    const one = (el, around) => {
        const s = getComputedStyle(el);
        const border = parseFloat(s.borderTopWidth) >= 1 ? rgb(s.borderTopColor) : null;
        return {fill: rgb(s.backgroundColor), border: border, around: rgb(around)};
    };
    return {
        launcher: one(host.querySelector('.chatspark-launcher'), pageBg),
        cta: one(document.querySelector('.chatspark-cta'), pageBg),
        button: one(host.querySelector('.chatspark-button:not(.chatspark-button--primary)'), panelBg),
        primary: one(host.querySelector('.chatspark-button--primary'), panelBg),
    };
}"""
)


def boundary(parts: dict[str, Any], under: tuple[float, ...]) -> float:
    """The contrast of a control's edge with what is around it: its fill's, or its
    border's, whichever is the stronger."""
    around = colour(parts["around"], under)
    edges = [colour(parts["fill"], around)]
    if parts["border"]:
        edges.append(colour(parts["border"], colour(parts["fill"], around)))
    return max(contrast(e, around) for e in edges)


def open_on_material(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, scheme: str
) -> None:
    """The panel, open, on a wide Material page of the scheme (indigo, until a test
    sets another primary on the body, as Material's palette toggle does)."""
    config = site_config({"actions": actions(receiver)}, theme="material")
    config["theme"]["palette"] = {"scheme": scheme, "primary": "indigo"}
    serve_site(config, PAGES)
    page.set_viewport_size(WIDE)
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_every_material_primary_colour_keeps_three_to_one_edges(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, scheme: str
) -> None:
    open_on_material(page, serve_site, server, receiver, scheme)
    expect(dialog(page)).to_be_visible()
    body = page.locator("body")
    weak = {}
    for primary in PRIMARIES:
        # What Material's palette toggle does: the body's attribute changes.
        body.evaluate(f"b => b.setAttribute('data-md-color-primary', '{primary}')")
        parts = body.evaluate(EDGES)
        for name, part in parts.items():
            figure = boundary(part, (255, 255, 255) if scheme == "default" else (0, 0, 0))
            if figure < 3:
                weak[f"{primary} {name}"] = round(figure, 2)
    assert weak == {}, sorted(weak.items())


TEXT_ON_ACCENT = (
    """body => {
    const host = document.querySelector('[data-chatspark]').shadowRoot;"""
    + RGB_JS
    + """
    const panelBg = getComputedStyle(host.getElementById('chatspark-panel')).backgroundColor;
    const one = el => {
        const s = getComputedStyle(el);
        return {text: rgb(s.color), fill: rgb(s.backgroundColor), around: rgb(panelBg)};
    };
    return {
        title: one(host.querySelector('.chatspark-header')),
        primary: one(host.querySelector('.chatspark-button--primary')),
        asked: one(host.querySelector('.chatspark-asked')),
    };
}"""
)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_text_on_the_accent_keeps_four_and_a_half_to_one_with_every_material_primary(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, scheme: str
) -> None:
    # WCAG 1.4.3: the panel's title bar, a primary button and the reader's question are
    # text on the site's primary colour. White on Material's blue is 3.19:1 (a reader
    # try on Uvicorn's docs, slate and blue), so the fill is made darker there.
    open_on_material(page, serve_site, server, receiver, scheme)
    ask = panel(page).get_by_role("textbox", name="Ask")
    ask.fill("install")
    ask.press("Enter")
    expect(panel(page).locator(".chatspark-asked")).to_have_count(1)
    body = page.locator("body")
    weak = {}
    for primary in PRIMARIES:
        body.evaluate(f"b => b.setAttribute('data-md-color-primary', '{primary}')")
        for name, part in body.evaluate(TEXT_ON_ACCENT).items():
            under = colour(part["around"], (255, 255, 255) if scheme == "default" else (0, 0, 0))
            fill = colour(part["fill"], under)
            figure = contrast(colour(part["text"], fill), fill)
            if figure < 4.5:
                weak[f"{primary} {name}"] = round(figure, 2)
    assert weak == {}, sorted(weak.items())


# --- item 16 (WCAG 4.1.3): after a success the form closes and says so -----------------


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_after_a_success_the_form_closes_and_the_success_line_stays(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, theme: str
) -> None:
    serve_site(site_config({"actions": actions(receiver)}, theme=theme), PAGES)
    page.goto(server.url + "next/")
    open_form(page)
    page.get_by_label("Name").fill("Ada")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_role("button", name="Submit").click()
    success = page.get_by_role("status").filter(has_text="Thanks, we will be in touch.")
    expect(success).to_be_visible()
    expect(page.get_by_role("form", name="Contact sales")).to_be_hidden()
    opener = panel(page).get_by_role("button", name="Contact sales")
    expect(opener).to_have_attribute("aria-expanded", "false")
    expect(opener).to_be_focused()
    assert box(page, success)["y"] > box(page, opener)["y"]  # under what it speaks of
    # Opened again: an empty form, and the line about the last one gone.
    opener.click()
    expect(page.get_by_label("Name")).to_have_value("")
    expect(page.get_by_label("Name")).to_be_focused()
    expect(success).to_be_hidden()
    assert len(receiver.posts()) == 1


# --- WCAG 2.5.8 target size (minimum) ----------------------------------------------------

TARGETS = """root => {
    const all = [...root.querySelectorAll('button, a[href], input, select, textarea')]
        .filter(el => el.getClientRects().length && el.tabIndex >= 0);
    // A control's target: its box, joined with its label's where a click on the label
    // works it (a radio or checkbox and its text).
    const target = el => {
        let r = el.getBoundingClientRect();
        const label = el.closest('label');
        if (label) {
            const l = label.getBoundingClientRect();
            const left = Math.min(r.left, l.left), top = Math.min(r.top, l.top);
            r = {left, top, width: Math.max(r.right, l.right) - left,
                 height: Math.max(r.bottom, l.bottom) - top};
        }
        return {name: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 30)
                || el.name || el.type, x: r.left, y: r.top, w: r.width, h: r.height};
    };
    return all.map(target);
}"""


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", [WIDE, PHONE], ids=["1280", "390"])
def test_every_target_is_24_px_or_spaced_as_wcag_2_5_8_allows(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
    theme: str,
    size: dict[str, int],
) -> None:
    fields = [
        *FIELDS,
        {"key": "plan", "label": "Plan", "type": "radio", "options": ["Free", "Team", "Big"]},
        {"key": "ok", "label": "I agree", "type": "checkbox"},
    ]
    receiver.answers = [500]
    serve_site(site_config({"actions": actions(receiver, fields=fields)}, theme=theme), PAGES)
    page.set_viewport_size(size)
    page.goto(server.url + "next/")
    widget_ready(page)
    launcher = page.get_by_role("button", name="Open chat")
    lb = box(page, launcher)
    assert lb["width"] >= 24 and lb["height"] >= 24
    open_form(page)
    page.get_by_label("Name").fill("Ada")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    targets = panel(page).evaluate(TARGETS)
    assert len(targets) >= 12

    def small(t: dict[str, Any]) -> bool:
        return bool(t["w"] < 24 or t["h"] < 24)

    def centre(t: dict[str, Any]) -> tuple[float, float]:
        return t["x"] + t["w"] / 2, t["y"] + t["h"] / 2

    def near(t: dict[str, Any], o: dict[str, Any]) -> bool:
        """The 24 px circle round an undersized target meets another target (or the
        circle of another undersized one)."""
        cx, cy = centre(t)
        if small(o):
            ox, oy = centre(o)
            return bool(((cx - ox) ** 2 + (cy - oy) ** 2) ** 0.5 < 24)
        dx = max(o["x"] - cx, 0, cx - (o["x"] + o["w"]))
        dy = max(o["y"] - cy, 0, cy - (o["y"] + o["h"]))
        return bool((dx * dx + dy * dy) ** 0.5 < 12)

    crowded = [
        t["name"] for t in targets if small(t) and any(near(t, o) for o in targets if o is not t)
    ]
    assert crowded == []


# --- WCAG 2.4.3 focus order ---------------------------------------------------------------


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_focus_order_follows_the_panel_from_top_to_bottom(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, theme: str
) -> None:
    serve_site(site_config({"actions": actions(receiver)}, theme=theme), PAGES)
    page.set_viewport_size(PHONE)
    page.goto(server.url + "next/")
    open_form(page)  # opening a form puts focus on its first field
    order = []
    for _ in range(12):
        order.append(
            page.evaluate("""() => {
            const a = document.querySelector('[data-chatspark]').shadowRoot.activeElement;
            return a && [a.getAttribute('aria-label') || a.textContent.trim() || a.name,
                         a.getBoundingClientRect().top];
        }""")
        )
        page.keyboard.press("Tab")
    names = [o[0] for o in order]
    assert names[:6] == ["name", "email", "phone", "company", "Submit", "Close chat"]
    # then round again, from the top of the panel down: the phone panel is modal; the
    # Ask box (issue 21) sits between the greeting and the actions
    assert names[6:11] == [
        "Ask a question about these docs",
        "Ask",
        "Tell listeners",
        "Read the API ↗",
        "Contact sales",
    ]
    tops = [o[1] for o in order]
    assert tops[:5] == sorted(tops[:5]) and tops[5] < tops[0]
    # and out again, back where it was opened from
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Open chat")).to_be_focused()


# --- WCAG 4.1.2 name, role, value -----------------------------------------------------------


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_names_roles_and_states_follow_the_panel(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, theme: str
) -> None:
    serve_site(site_config({"actions": actions(receiver)}, theme=theme), PAGES)
    page.goto(server.url + "next/")
    widget_ready(page)
    launcher = page.get_by_role("button", name="Open chat")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    launcher.click()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    expect(dialog(page)).to_be_visible()
    expect(page.get_by_role("heading", name="Chat with us")).to_be_visible()
    opener = panel(page).get_by_role("button", name="Contact sales")
    expect(opener).to_have_attribute("aria-expanded", "false")
    opener.click()
    expect(opener).to_have_attribute("aria-expanded", "true")
    form = page.get_by_role("form", name="Contact sales")
    expect(form).to_be_visible()
    for name in ("Name", "Email", "Phone", "Company"):
        expect(form.get_by_role("textbox", name=name)).to_be_visible()
    expect(form.get_by_role("textbox", name="Name")).to_have_attribute("aria-required", "true")
    expect(page.get_by_role("link", name="Read the API", exact=True)).to_have_attribute(
        "href", "https://example.com/api"
    )
    page.get_by_role("button", name="Close chat").click()
    expect(launcher).to_have_attribute("aria-expanded", "false")


# --- WCAG 4.1.3 status messages and 3.3.1/3.3.3 errors ----------------------------------------


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_status_and_errors_are_announced_in_text_without_moving_focus(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, theme: str
) -> None:
    receiver.answers = [500]
    serve_site(site_config({"actions": actions(receiver)}, theme=theme), PAGES)
    page.goto(server.url + "next/")
    open_form(page)
    page.get_by_label("Email").fill("ada@")
    page.get_by_role("button", name="Submit").click()
    # 3.3.1: identified in text, on the field; 3.3.3: how to correct it
    expect(page.get_by_role("alert").first).to_have_text("Please correct the fields marked below.")
    name = page.get_by_label("Name")
    expect(name).to_be_focused()
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description("This field is required.")
    email = page.get_by_label("Email")
    expect(email).to_have_accessible_description(
        "Enter a valid email address, like name@example.com."
    )
    name.fill("Ada")
    email.fill("ada@example.com")
    submit = page.get_by_role("button", name="Submit")
    submit.click()
    # 4.1.3: the failure is an alert, the success a status; focus stays on the form
    failure = page.get_by_role("alert").filter(has_text="did not go through")
    expect(failure).to_be_visible()
    expect(submit).to_be_focused()
    expect(email).not_to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name="Try again").click()
    expect(
        page.get_by_role("status").filter(has_text="Thanks, we will be in touch.")
    ).to_be_visible()


# --- WCAG 1.4.10 reflow ------------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_the_panel_reflows_at_320_px_without_scrolling_sideways(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, theme: str
) -> None:
    options = {"actions": actions(receiver), "title": "Kundenserviceunterstützungsanfrage"}
    serve_site(site_config(options, theme=theme), PAGES)
    page.set_viewport_size({"width": 320, "height": 256})  # 1280x1024 at 400 %
    page.goto(server.url + "next/")
    widget_ready(page)
    page.get_by_role("button", name="Open chat").click()
    panel(page).get_by_role("button", name="Contact sales").click()
    page.get_by_role("button", name="Submit").click()  # every error line shown
    body = panel(page).locator(".chatspark-body")
    assert body.evaluate("el => el.scrollWidth - el.clientWidth") <= 1
    assert panel(page).evaluate("el => el.getBoundingClientRect().right") <= 320
    for control in (
        panel(page).locator("button, input:not([tabindex='-1']), select, textarea").all()
    ):
        if control.is_visible():
            r = control.evaluate("el => el.getBoundingClientRect().right")
            assert r <= 320, control
    # everything reachable by scrolling the panel up and down only
    submit = page.get_by_role("button", name="Submit")
    submit.scroll_into_view_if_needed()
    expect(submit).to_be_in_viewport()


# --- item 15: a long call to action flows with its sentence ---------------------------------

LONG_LABEL = "ask our team about a custom plan for your whole organisation and its departments"


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
@pytest.mark.parametrize("key", ["Enter", " "], ids=["enter", "space"])
def test_a_long_call_to_action_wraps_inside_its_sentence(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
    theme: str,
    key: str,
) -> None:
    text = (
        f"# Home\n\nRead this first, and then [{LONG_LABEL}](chatspark:contact) if you need one.\n"
    )
    serve_site(site_config({"actions": actions(receiver)}, theme=theme), {"index.md": text})
    page.set_viewport_size(PHONE)
    page.goto(server.url)
    cta = prose_cta(page, LONG_LABEL)
    lines = cta.evaluate(
        """el => { const p = el.parentElement.getBoundingClientRect();
        return [...el.getClientRects()].map(r => [r.left - p.left, r.right - p.left]); }"""
    )
    width = cta.evaluate("el => el.parentElement.getBoundingClientRect().width")
    assert len(lines) >= 2  # it wraps as words do
    assert lines[0][0] > 20  # on the line of "and then", not a block of its own
    assert lines[-1][1] < width - 20  # and " if you need one." follows it on its last line
    # Still a button, for the keyboard too.
    cta.focus()
    page.keyboard.press(key)
    expect(page.get_by_label("Name")).to_be_focused()
    page.keyboard.press("Escape")
    expect(cta).to_be_focused()
