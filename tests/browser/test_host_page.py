"""The widget inside host pages that are less polite than ours: a hostile stylesheet,
each theme's fixed header and modal layers, phones, right to left, forced colours,
a slow page, a hosted script. Each test stands for a defect a reader hit (issue 10)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from stub_receiver import Receiver
from support import AUTHOR_JS, ServeSite, StaticServer, site_config, widget_ready

FIELDS = [
    {"key": "name", "label": "Name", "required": True},
    {"key": "email", "label": "Email", "type": "email", "required": True},
    {"key": "phone", "label": "Phone", "type": "tel"},
    {"key": "company", "label": "Company"},
]


def actions(receiver: Receiver, **contact: Any) -> list[dict[str, Any]]:
    return [
        {"id": "plain", "type": "button", "label": "Tell listeners", "data": {"n": 1}},
        {"id": "docs", "type": "link", "label": "Read the API", "url": "https://example.com/api"},
        {
            "id": "contact",
            "type": "form",
            "label": "Contact sales",
            "primary": True,
            "fields": FIELDS,
            "webhook": receiver.origin + "/h",
            "success_message": "Thanks, we will be in touch.",
            **contact,
        },
    ]


PAGES = {
    "index.md": "# Home\n\nWelcome. [Contact sales](chatspark:contact) or read on.\n",
    "next.md": "# Next\n\nMore text.\n",
}


def open_form(page: Page) -> None:
    page.get_by_role("button", name="Open chat").click()
    panel(page).get_by_role("button", name="Contact sales").click()
    expect(page.get_by_label("Name")).to_be_focused()


def panel(page: Page) -> Any:
    return page.locator("#chatspark-panel")


def fill(page: Page, name: str = "Ada", email: str = "ada@example.com") -> None:
    page.get_by_label("Name").fill(name)
    page.get_by_label("Email").fill(email)


def box(page: Page, locator: Any) -> dict[str, float]:
    b = locator.bounding_box()
    assert b is not None
    return b


def on_top(locator: Any) -> bool:
    """The element is what a click at its centre hits: no header, overlay or banner over it."""
    return bool(
        locator.evaluate(
            """el => { const r = el.getBoundingClientRect();
            const hit = el.getRootNode().elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            return hit === el || el.contains(hit); }"""
        )
    )


# --- 2. the page's CSS stays outside --------------------------------------------

HOSTILE_CSS = """
body * { font-size: 30px !important; }
button { display: none !important; }
svg { display: none !important; }
header { position: fixed !important; top: 0; }
:focus { outline: none !important; }
div { color: red !important; line-height: 5 !important; }
"""


def test_a_hostile_page_stylesheet_does_not_reach_inside(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    config = {**site_config({"actions": actions(receiver)}), "extra_css": ["hostile.css"]}
    serve_site(config, {**PAGES, "hostile.css": HOSTILE_CSS})
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(server.url + "next/")
    launcher = page.get_by_role("button", name="Open chat")
    expect(launcher).to_be_visible()
    icon = launcher.locator("svg")
    assert box(page, icon)["width"] > 10  # the launcher is not an empty circle
    launcher.click()
    panel = page.get_by_role("dialog", name="Chat with us")
    close = page.get_by_role("button", name="Close chat")
    expect(close).to_be_visible()
    assert box(page, panel)["width"] <= 24 * 16 + 2  # not 802 px
    title = box(page, page.get_by_role("heading", name="Chat with us"))
    assert box(page, panel)["y"] <= title["y"]  # the header stays in the panel
    assert panel.evaluate("el => getComputedStyle(el).color") != "rgb(255, 0, 0)"
    # a focus ring on the keyboard, whatever the page says about :focus
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    focused = page.locator(".chatspark :focus")
    assert focused.evaluate("el => getComputedStyle(el).outlineStyle") != "none"


def test_key_presses_in_the_widget_are_not_the_sites_shortcuts(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(site_config({"actions": actions(receiver)}, theme="material"), PAGES)
    page.goto(server.url + "next/")
    open_form(page)
    page.keyboard.type("sf/.n")  # Material: s, f and / open search, n and . go to the next page
    expect(page.get_by_label("Name")).to_have_value("sf/.n")
    expect(page.get_by_label("Name")).to_be_focused()
    assert page.url == server.url + "next/"


# --- 1, 10. stacking: above fixed headers, below modal layers --------------------


@pytest.mark.parametrize("theme", ["mkdocs", "material", "readthedocs"])
@pytest.mark.parametrize("size", [(1280, 600), (320, 568)])
def test_the_panel_is_above_the_themes_fixed_header(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
    theme: str,
    size: tuple[int, int],
) -> None:
    serve_site(site_config({"actions": actions(receiver)}, theme=theme), PAGES)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(server.url + "next/")
    open_form(page)
    close = page.get_by_role("button", name="Close chat")
    b = box(page, close)
    assert b["y"] >= 0 and b["y"] + b["height"] <= size[1]
    assert b["x"] >= 0 and b["x"] + b["width"] <= size[0]
    assert on_top(close)
    assert on_top(page.get_by_role("heading", name="Chat with us"))
    if size[0] < 480:  # a phone: the whole screen
        panel = box(page, page.get_by_role("dialog", name="Chat with us"))
        assert panel["width"] == size[0] and panel["height"] == size[1]
    close.click()
    expect(page.get_by_role("dialog", name="Chat with us")).to_be_hidden()
    expect(page.get_by_role("button", name="Open chat")).to_be_focused()


def test_material_modal_layers_cover_the_widget(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    config = site_config({"actions": actions(receiver)}, theme="material")
    config["extra"] = {"consent": {"title": "Cookies", "description": "We use cookies."}}
    serve_site(config, PAGES)
    page.set_viewport_size({"width": 390, "height": 700})
    page.goto(server.url + "next/")
    widget_ready(page)
    launcher = page.get_by_role("button", name="Open chat")
    expect(page.locator(".md-consent__inner")).to_be_visible()
    expect(launcher).to_be_visible()
    assert not on_top(launcher)  # the consent banner's overlay is over it
    with page.expect_navigation():  # Material stores the answer and reloads
        page.get_by_role("button", name="Accept").click()
    widget_ready(page)
    assert on_top(launcher)
    # Material's drawer and its full-screen search: the launcher steps aside.
    page.locator("label.md-header__button[for=__drawer]").click()
    expect(launcher).to_be_hidden()
    page.evaluate("document.getElementById('__drawer').click()")  # closed again
    expect(launcher).to_be_visible()
    page.locator("label.md-header__button[for=__search]").click()
    expect(launcher).to_be_hidden()


def test_the_mkdocs_themes_search_dialog_covers_the_widget(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(site_config({"actions": actions(receiver)}), PAGES)
    page.set_viewport_size({"width": 1280, "height": 600})
    page.goto(server.url + "next/")
    launcher = page.get_by_role("button", name="Open chat")
    expect(launcher).to_be_visible()
    page.locator("[data-bs-target='#mkdocs_search_modal']").first.click()
    expect(page.locator("#mkdocs_search_modal")).to_be_visible()
    page.wait_for_timeout(400)  # Bootstrap's fade
    assert not on_top(launcher)


def test_the_launcher_stays_on_screen_when_the_page_is_wider(
    browser: Browser, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    wide = "| " + " | ".join(f"column{i}" for i in range(30)) + " |\n"
    wide += "|" + "---|" * 30 + "\n" + "| " + " | ".join("x" * 12 for _ in range(30)) + " |\n"
    serve_site(site_config({"actions": actions(receiver)}), {**PAGES, "next.md": wide})
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(server.url + "next/")
    launcher = page.get_by_role("button", name="Open chat")
    expect(launcher).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") > 390
    page.wait_for_timeout(300)
    seen = page.evaluate("""() => { const vv = visualViewport;
        return {left: vv.pageLeft, top: vv.pageTop, width: vv.width, height: vv.height}; }""")
    b = launcher.evaluate("""el => { const r = el.getBoundingClientRect();
        return {x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height}; }""")
    assert seen["left"] <= b["x"] and b["x"] + b["width"] <= seen["left"] + seen["width"] + 1
    assert seen["top"] <= b["y"] and b["y"] + b["height"] <= seen["top"] + seen["height"] + 1
    context.close()


def test_an_open_panel_does_not_outlive_an_instant_page_swap(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    config = site_config({"actions": actions(receiver)}, theme="material")
    config["theme"]["features"] = ["navigation.instant", "navigation.footer"]
    serve_site(config, PAGES)
    page.goto(server.url)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("button", name="Open chat").click()
    expect(page.get_by_role("dialog", name="Chat with us")).to_be_visible()
    # a link in the page (the panel covers the footer's own Next link)
    page.locator(".md-sidebar--primary").get_by_role("link", name="Next").click()
    expect(page.locator("h1")).to_have_text("Next")
    assert page.evaluate("window.__sameDocument") is True
    expect(page.get_by_role("dialog", name="Chat with us")).to_be_hidden()
    # with focus in the panel, it stays open and keeps focus
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Tell listeners").focus()
    # a script's click: focus stays where it was, in the panel
    page.locator(".md-sidebar--primary").get_by_role("link", name="Home").evaluate("a => a.click()")
    expect(page.locator("h1")).to_have_text("Home")
    expect(page.get_by_role("dialog", name="Chat with us")).to_be_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-chatspark')")


# --- 3, 4. focus, and a press after success ---------------------------------------


def test_focus_after_try_again_and_escape_from_anywhere(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = [500]
    serve_site(site_config({"actions": actions(receiver)}), PAGES)
    page.goto(server.url + "next/")
    open_form(page)
    fill(page)
    page.keyboard.press("Enter")
    retry = page.get_by_role("button", name="Try again")
    expect(retry).to_be_visible()
    retry.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Thanks, we will be in touch.")).to_be_visible()
    # the form closed: focus went from it to its button (issue 20, item 16)
    expect(panel(page).get_by_role("button", name="Contact sales")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name="Chat with us")).to_be_hidden()
    launcher = page.get_by_role("button", name="Open chat")
    expect(launcher).to_be_focused()
    # Escape with focus on the launcher closes an open panel too
    launcher.click()
    launcher.focus()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name="Chat with us")).to_be_hidden()
    assert len(receiver.accepted) == 1


def test_closing_returns_focus_to_the_call_to_action_that_opened_it(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(site_config({"actions": actions(receiver)}), PAGES)
    page.goto(server.url)
    cta = page.locator("main, [role=main]").get_by_role("button", name="Contact sales")
    cta.click()
    expect(page.get_by_label("Name")).to_be_focused()
    page.keyboard.press("Escape")
    expect(cta).to_be_focused()


def test_a_press_after_success_neither_validates_nor_sends(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    optional = [{"key": "note", "label": "Note"}]
    extra = {
        "id": "note",
        "type": "form",
        "label": "Leave a note",
        "fields": optional,
        "webhook": receiver.origin + "/n",
    }
    serve_site(site_config({"actions": [*actions(receiver), extra]}), PAGES)
    page.goto(server.url + "next/")
    open_form(page)
    fill(page)
    submit = page.get_by_role("button", name="Submit")
    submit.dblclick()
    success = page.get_by_text("Thanks, we will be in touch.")
    expect(success).to_be_visible()
    expect(submit).to_be_hidden()  # the form closed: no later press reaches it
    page.wait_for_timeout(1500)
    expect(success).to_be_visible()
    expect(page.get_by_text("Please correct")).to_have_count(0)
    assert len(receiver.posts()) == 1
    # an all-optional form: the second press sends no empty submission
    page.get_by_role("button", name="Leave a note").click()
    page.get_by_role("textbox", name="Note").fill("hello")
    note_submit = page.get_by_role("form", name="Leave a note").get_by_role("button", name="Submit")
    note_submit.dblclick()
    expect(note_submit).to_be_hidden()  # sent and answered: the form closed
    page.wait_for_timeout(1500)  # time for a second submission, were one sent
    assert [p.json()["data"] for p in receiver.posts()][1:] == [{"note": "hello"}]


# --- 5. early clicks ----------------------------------------------------------------


def test_a_call_to_action_pressed_before_load_opens_the_form(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    pages = {**PAGES, "index.md": PAGES["index.md"] + '\n<img src="slow.png" alt="">\n'}
    built = serve_site(site_config({"actions": actions(receiver)}), pages)
    (built.site / "slow.png").write_bytes(b"")
    server.delays["/slow.png"] = 6
    page.goto(server.url, wait_until="domcontentloaded")
    page.locator("main, [role=main]").get_by_role("button", name="Contact sales").click()
    expect(page.get_by_label("Name")).to_be_focused(timeout=3000)
    assert page.evaluate("document.readyState") != "complete"  # before the image came


def test_a_call_to_action_pressed_before_the_widget_ran_runs_once_it_does(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(site_config({"actions": actions(receiver)}), PAGES)
    server.delays["/assets/chatspark/widget.js"] = 2
    page.goto(server.url, wait_until="commit")
    cta = page.locator("main, [role=main]").get_by_role("button", name="Contact sales")
    cta.click()
    # pressed before the widget was there (the bootstrap fetches it on intent)
    assert page.evaluate(
        "window.__chatsparkSite === undefined || !document.querySelector('[data-chatspark]')"
    )
    expect(page.get_by_label("Name")).to_be_focused(timeout=6000)
    expect(page.get_by_role("form", name="Contact sales")).to_have_count(1)


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_a_call_to_action_answers_enter_and_space_as_a_button_does(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, key: str
) -> None:
    long = {**PAGES, "index.md": PAGES["index.md"] + "\nMore prose.\n" * 300}  # Space could scroll
    serve_site(site_config({"actions": actions(receiver)}), long)
    server.delays["/assets/chatspark/widget.js"] = 1  # pressed while the widget loads
    page.goto(server.url)
    cta = page.locator("main, [role=main]").get_by_role("button", name="Contact sales")
    cta.focus()
    scrolled = page.evaluate("scrollY")
    page.keyboard.press(key)
    expect(page.get_by_label("Name")).to_be_focused(timeout=6000)
    expect(page.get_by_role("form", name="Contact sales")).to_have_count(1)
    assert page.evaluate("scrollY") == scrolled  # Space pressed it, and scrolled nothing
    # A key elsewhere presses nothing: Enter in a field submits its form, and only once.
    fill(page)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Thanks, we will be in touch.")).to_be_visible()
    assert len(receiver.posts()) == 1


# --- 6. hosted mode -------------------------------------------------------------------


def test_calls_to_action_work_and_are_styled_in_hosted_mode(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
    cdn: StaticServer,
) -> None:
    hooked = actions(receiver)
    hooked[0]["webhook"] = receiver.origin + "/b"
    options = {"chatbot_id": "bot", "script": cdn.url + "hosted-standin.js", "actions": hooked}
    text = "# Home\n\n[Tell](chatspark:plain) [Docs](chatspark:docs) [Write](chatspark:contact)\n"
    config = {**site_config(options), "extra_javascript": ["author.js"]}
    serve_site(config, {"index.md": text, "author.js": AUTHOR_JS})
    page.goto(server.url)
    # The hosted script is a facade: it comes with the first press (test_cost.py).
    page.get_by_role("button", name="Open chat").click()
    page.wait_for_selector("#hosted-widget button")
    cta = page.get_by_role("button", name="Tell", exact=True)
    colour = cta.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "rgb(239, 239, 239)")  # styled, not the default
    cta.click()
    page.wait_for_function("window.__seen.length === 1")
    assert page.evaluate("window.__seen")[0]["actionId"] == "plain"
    page.wait_for_timeout(300)
    assert [p.path for p in receiver.posts()] == ["/b"]
    with page.expect_popup() as popup:
        page.get_by_role("button", name="Docs", exact=True).click()
    assert popup.value.url.startswith("https://example.com/api") or popup.value.url
    popup.value.close()
    page.get_by_role("button", name="Write", exact=True).click()
    fill(page)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Thanks, we will be in touch.")).to_be_visible()
    assert [p.path for p in receiver.posts()] == ["/b", "/h"]
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Write", exact=True)).to_be_focused()


# --- 7. right to left -----------------------------------------------------------------


def test_right_to_left(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    config = site_config({"actions": actions(receiver)}, theme="material")
    config["theme"]["language"] = "ar"
    serve_site(config, PAGES)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(server.url + "next/")
    widget_ready(page)
    launcher = page.get_by_role("button", name="Open chat")
    before = box(page, launcher)
    launcher.click()
    expect(page.get_by_role("dialog", name="Chat with us")).to_be_visible()
    assert box(page, launcher) == before  # the launcher never moves
    title = page.get_by_role("heading", name="Chat with us")
    expect(title).to_have_attribute("lang", "en")
    expect(title).to_have_attribute("dir", "ltr")
    panel = page.get_by_role("dialog", name="Chat with us")
    assert panel.evaluate("el => getComputedStyle(el).direction") == "rtl"


# --- 8. accessibility ----------------------------------------------------------------


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


RGB_JS = """
    // Any CSS colour (oklch() included) as rgba(), through a canvas.
    const ctx = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
    const rgb = css => {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = css;
        ctx.fillRect(0, 0, 1, 1);
        const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
        return `rgba(${r}, ${g}, ${b}, ${a / 255})`;
    };
"""
"""A page script's lines that define rgb(css): any computed colour as rgba()."""


def colour(css: str, under: tuple[float, float, float] = (255, 255, 255)) -> tuple[float, ...]:
    parts = [float(x) for x in re.findall(r"[\d.]+", css)]
    r, g, b = parts[:3]
    a = parts[3] if len(parts) > 3 else 1.0
    return tuple(a * c + (1 - a) * u for c, u in zip((r, g, b), under))


def contrast(one: tuple[float, ...], two: tuple[float, ...]) -> float:
    hi, lo = sorted((luminance(one), luminance(two)), reverse=True)  # type: ignore[arg-type]
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_borders_and_focus_rings_keep_three_to_one(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, scheme: str
) -> None:
    config = site_config({"actions": actions(receiver)}, theme="material")
    config["theme"]["palette"] = {"scheme": scheme}
    serve_site(config, PAGES)
    page.goto(server.url + "next/")
    open_form(page)
    name = page.get_by_label("Name")
    style = name.evaluate(
        """el => { const s = getComputedStyle(el);
        return [s.borderTopColor, s.backgroundColor,
                getComputedStyle(el.closest('.chatspark-panel')).backgroundColor]; }"""
    )
    panel_bg = colour(style[2])
    assert contrast(colour(style[0], panel_bg), colour(style[1], panel_bg)) >= 3
    page.keyboard.press("Shift+Tab")  # to the form's opener, by keyboard: a ring
    ring = page.locator(".chatspark :focus").evaluate("el => getComputedStyle(el).outlineColor")
    assert contrast(colour(ring, panel_bg), panel_bg) >= 3
    # the close button on the header
    close = page.get_by_role("button", name="Close chat")
    close.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    # As rgba(), through a canvas: the header's colours are oklch() (widget.css --cs-fill).
    header = close.evaluate(
        "el => {"
        + RGB_JS
        + """return [rgb(getComputedStyle(el).outlineColor),
            rgb(getComputedStyle(el.parentElement).backgroundColor)]; }"""
    )
    header_bg = colour(header[1])
    assert contrast(colour(header[0], header_bg), header_bg) >= 3


def test_forced_colours_keep_shapes_and_tell_primary_from_secondary(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(site_config({"actions": actions(receiver)}), PAGES)
    page.emulate_media(forced_colors="active")
    page.goto(server.url)
    widget_ready(page)
    launcher = page.get_by_role("button", name="Open chat")
    cta = page.locator("main, [role=main]").get_by_role("button", name="Contact sales")
    for control in (launcher, cta):
        assert control.evaluate("el => parseFloat(getComputedStyle(el).borderTopWidth)") > 0
    launcher.click()
    secondary = page.get_by_role("button", name="Tell listeners")
    primary = page.get_by_role("dialog", name="Chat with us").get_by_role(
        "button", name="Contact sales"
    )
    for control in (secondary, primary):
        assert control.evaluate("el => parseFloat(getComputedStyle(el).borderTopWidth)") > 0
    bg = "el => getComputedStyle(el).backgroundColor"
    assert primary.evaluate(bg) != secondary.evaluate(bg)


def test_names_landmarks_and_autocomplete(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(site_config({"actions": actions(receiver)}, theme="material"), PAGES)
    page.goto(server.url + "next/")
    open_form(page)
    expect(page.get_by_role("link", name="Read the API", exact=True)).to_be_visible()
    expect(page.get_by_role("banner")).to_have_count(1)  # the site's header alone
    expect(page.get_by_label("Name")).to_have_attribute("autocomplete", "name")
    expect(page.get_by_label("Email")).to_have_attribute("autocomplete", "email")
    expect(page.get_by_label("Phone")).to_have_attribute("autocomplete", "tel")
    expect(page.get_by_label("Company")).to_have_attribute("autocomplete", "organization")
    # "Please correct ..." comes before the fields it speaks of
    page.get_by_role("button", name="Submit").click()
    alert = page.get_by_text("Please correct the fields marked below.")
    assert box(page, alert)["y"] < box(page, page.get_by_label("Name"))["y"]


# --- 9. layout -----------------------------------------------------------------------


def test_a_long_title_small_screens_and_200_percent_zoom(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    options = {"actions": actions(receiver), "title": "Kundenserviceunterstützungsanfrage"}
    serve_site(site_config(options), PAGES)
    # 200 % zoom of a 1280x720 window is a 640x360 viewport in CSS pixels.
    for width, height in ((320, 568), (640, 360)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(server.url + "next/")
        open_form(page)
        close = page.get_by_role("button", name="Close chat")
        b = box(page, close)
        assert b["x"] >= 0 and b["x"] + b["width"] <= width
        assert b["y"] >= 0 and on_top(close)
        size = page.get_by_label("Name").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert size >= 16  # phones do not zoom into the field
        close.click()
        expect(page.get_by_role("dialog", name="Chat with us")).to_be_hidden()


def test_max_length_counts_characters_not_code_units(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    form = actions(receiver)
    form[2]["fields"] = [{"key": "name", "label": "Name", "required": True, "max_length": 3}]
    serve_site(site_config({"actions": form}), PAGES)
    page.goto(server.url + "next/")
    open_form(page)
    page.get_by_label("Name").press_sequentially("😀😀😀")
    expect(page.get_by_label("Name")).to_have_value("😀😀😀")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Thanks, we will be in touch.")).to_be_visible()
    assert receiver.posts()[0].json()["data"] == {"name": "😀😀😀"}


def test_a_call_to_action_fits_the_line(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(site_config({"actions": actions(receiver)}), PAGES)
    page.goto(server.url)
    cta = page.locator("main, [role=main]").get_by_role("button", name="Contact sales")
    line = cta.evaluate("el => parseFloat(getComputedStyle(el.parentElement).lineHeight)")
    assert box(page, cta)["height"] <= line + 1


# --- 11. data -------------------------------------------------------------------------


def test_field_keys_that_name_built_ins_round_trip(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    form = actions(receiver)
    form[2]["fields"] = [
        {"key": "constructor", "label": "Builder"},
        {"key": "__proto__", "label": "Origin"},
        {"key": "toString", "label": "Words"},
    ]
    config = site_config({"actions": form}, theme="material")
    config["theme"]["features"] = ["navigation.instant"]
    serve_site(config, PAGES)
    page.goto(server.url + "next/")
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("button", name="Open chat").click()
    panel(page).get_by_role("button", name="Contact sales").click()
    page.get_by_label("Builder").fill("Bob")
    page.keyboard.press("Escape")
    page.locator(".md-sidebar--primary").get_by_role("link", name="Home").click()
    expect(page.locator("h1")).to_have_text("Home")
    assert page.evaluate("window.__sameDocument") is True
    page.get_by_role("button", name="Open chat").click()
    expect(page.get_by_label("Builder")).to_have_value("Bob")
    expect(page.get_by_label("Origin")).to_have_value("")
    expect(page.get_by_label("Words")).to_have_value("")
    page.get_by_label("Origin").fill("Mars")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Thanks, we will be in touch.")).to_be_visible()
    data = receiver.posts()[0].json()["data"]
    assert data == {"constructor": "Bob", "__proto__": "Mars"}


def test_a_submission_the_browser_cannot_keep_is_not_lost_silently(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = [500]
    serve_site(site_config({"actions": actions(receiver)}), PAGES)
    page.goto(server.url + "next/")
    page.evaluate(
        "() => { Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError') } }"
    )
    open_form(page)
    fill(page)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("alert")).to_contain_text("could not keep it")
    expect(page.get_by_label("Name")).to_have_value("Ada")
    expect(page.get_by_label("Email")).to_have_value("ada@example.com")


def test_a_corrected_waiting_submission_replaces_the_first(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = [500]
    serve_site(site_config({"actions": actions(receiver)}), PAGES)
    page.goto(server.url + "next/")
    open_form(page)
    fill(page, email="ada@exmaple.com")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("This replaces your earlier message")).to_be_visible()
    page.wait_for_timeout(3000)  # longer than the outbox's first retry
    emails = [a["data"]["email"] for a in receiver.accepted.values()]
    assert emails == ["ada@example.com"]
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('chatspark-outbox'))")
        == []
    )


def test_a_request_in_flight_during_an_instant_swap_is_no_failure(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    receiver.answers = ["hang"]  # still on its way for the rest of the test
    config = site_config({"actions": actions(receiver), "webhook_timeout": 30}, theme="material")
    config["theme"]["features"] = ["navigation.instant"]
    pages = {**PAGES, "next.md": "---\nchatspark:\n  greeting: Other page\n---\n# Next\n"}
    serve_site(config, pages)
    page.goto(server.url)
    open_form(page)
    fill(page)
    # Send, and at once follow a link to a page with other data: the request is on
    # its way when the panel is drawn again.
    page.get_by_role("button", name="Submit").evaluate("b => b.click()")
    page.locator(".md-sidebar--primary").get_by_role("link", name="Next").evaluate("a => a.click()")
    expect(page.locator("h1")).to_have_text("Next")
    if not panel(page).is_visible():
        page.get_by_role("button", name="Open chat").click()
    expect(panel(page).get_by_text("Other page")).to_be_visible()
    expect(page.get_by_text("Sending…")).to_be_visible()
    assert page.get_by_role("alert").count() == 0  # no "Not sent yet", not even briefly
    expect(page.get_by_label("Name")).to_have_value("Ada")


def test_a_waiting_urlencoded_submission_comes_back_after_a_reload(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
    console_errors: list[str],
) -> None:
    receiver.answers = [500, 500, 500]
    form = actions(receiver, webhook={"url": receiver.origin + "/f", "format": "form"})
    serve_site(site_config({"actions": form}), PAGES)
    page.goto(server.url + "next/")
    open_form(page)
    fill(page)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    page.reload()
    page.get_by_role("button", name="Open chat").click()
    expect(page.get_by_label("Name")).to_have_value("Ada")
    expect(page.get_by_label("Email")).to_have_value("ada@example.com")
    # sent again on load, refused again: the reader can try once more
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    assert not [e for e in console_errors if "did not answer" not in e and "500" not in e]


def test_a_form_call_to_action_opens_the_hosted_chat_where_it_can_be_opened(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
    cdn: StaticServer,
) -> None:
    options = {"chatbot_id": "bot", "script": cdn.url + "hosted-standin.js"}
    config = {**site_config({**options, "actions": actions(receiver)})}
    config["extra_javascript"] = ["opens.js"]
    serve_site(
        config,
        {
            "index.md": "# Home\n\n[Write](chatspark:contact)\n",
            "opens.js": "window.__standinHasOpen = true;",
        },
    )
    page.goto(server.url)
    # a facade: the press itself brings the hosted script (tests/browser/test_cost.py)
    page.get_by_role("button", name="Write", exact=True).click()
    page.wait_for_function("window.__opened === 1")
    expect(page.locator("#chatspark-panel")).to_have_count(0)  # not our panel
