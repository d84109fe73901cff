"""The Ask box, where the reader's focus stays after Enter, is never pushed out of the
panel's view by the answer it brought (WCAG 2.2, 2.4.11 focus not obscured), and the
answer is shown from its beginning: tried by hand on a site we did not build, where a
three-source answer left the focused box under the panel's bottom edge at 1280x800."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect
from support import ServeSite, StaticServer, site_config, widget_ready

# Sections long enough that an answer with three sources is taller than the panel.
SENTENCE = "The server reads the port from acme.toml and listens on it for requests. "
PAGES = {
    "index.md": "# Home\n\nWelcome to the Acme documentation.\n",
    "install.md": "".join(f"## Port setting {n}\n\n{SENTENCE * 6}\n\n" for n in range(4)).replace(
        "## Port setting 0", "# Installation\n\n## Port setting 0"
    ),
    "proxy.md": f"# Proxy\n\n## The proxy port\n\n{SENTENCE * 6}\n",
}
ACTIONS = [
    {"id": "demo", "type": "button", "label": "Book a demo", "url": "install.md"},
    {"id": "docs", "type": "link", "label": "Source on GitHub", "url": "https://example.com/"},
]

# The box and the answer, against the visible part of the panel's scrolling body.
PLACES = """(() => {
    const root = document.querySelector('[data-chatspark]').shadowRoot;
    const box = root.querySelector('.chatspark-ask-input');
    const body = box.closest('.chatspark-body').getBoundingClientRect();
    const answers = root.querySelectorAll('.chatspark-answer');
    const answer = answers[answers.length - 1].getBoundingClientRect();
    const b = box.getBoundingClientRect();
    const hit = root.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
    return {
        focused: box.matches(':focus'),
        boxWhole: b.top >= body.top - 0.5 && b.bottom <= body.bottom + 0.5,
        boxOnTop: hit === box,
        answerTopShown: answer.top >= body.top - 0.5 && answer.top < body.bottom,
        answerTaller: answer.height > body.height / 2,
    };
})()"""


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
@pytest.mark.parametrize("size", [(1280, 800), (390, 844)], ids=["wide", "phone"])
def test_the_focused_ask_box_stays_in_view_under_a_long_answer(
    browser: Browser,
    serve_site: ServeSite,
    server: StaticServer,
    console_errors: list[str],
    theme: str,
    size: tuple[int, int],
) -> None:
    serve_site(site_config({"actions": ACTIONS}, theme=theme), PAGES)
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(server.url)
    widget_ready(page)
    page.get_by_role("button", name="Open chat").click()
    box = page.get_by_role("textbox", name="Ask a question about these docs")
    for question in ("which port does the server listen on", "how do I set the proxy port"):
        # Typed by a keyboard reader, who stays in the box for the next question.
        box.focus()
        page.keyboard.type(question)
        page.keyboard.press("Enter")
        expect(page.locator(".chatspark-answer")).to_have_count(
            1 if question.startswith("which") else 2
        )
        expect(page.locator(".chatspark-source").last).to_be_visible()
        page.wait_for_timeout(100)  # the scroll that follows the answer
        places: dict[str, Any] = page.evaluate(PLACES)
        assert places == {
            "focused": True,
            "boxWhole": True,
            "boxOnTop": True,
            "answerTopShown": True,
            "answerTaller": places["answerTaller"],
        }, question
    assert console_errors == []
    context.close()


# A link far below the fold, at the right of the text column: where the open panel is.
FAR = (
    "# Far\n\n[A link at the top](#top)\n\n"
    + "".join(f"Filler paragraph {n} of a long page.\n\n" for n in range(60))
    + '<p style="text-align: right"><a href="#far">A link far down</a></p>\n'
)
# The page has stopped scrolling: the same scrollY two frames apart.
STILL = """() => new Promise(done => {
    const y = scrollY;
    requestAnimationFrame(() => requestAnimationFrame(() => done(scrollY === y)));
})"""
FORM = {
    "id": "contact",
    "type": "form",
    "label": "Contact sales",
    "webhook": "http://127.0.0.1:9/hooks/contact",
    "fields": [
        {"key": key, "label": key.title(), "type": "textarea"}
        for key in ("name", "message", "details", "more")
    ],
}


def test_tab_to_a_link_that_scrolls_under_the_open_panel_closes_it(
    browser: Browser, serve_site: ServeSite, server: StaticServer
) -> None:
    # The mkdocs theme scrolls smoothly (Bootstrap's `scroll-behavior: smooth`): the
    # link reaches its place under the panel frames after the focus event.
    serve_site(site_config({"actions": [FORM]}), {"index.md": FAR})
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(server.url)
    widget_ready(page)
    page.get_by_role("button", name="Open chat").click()
    page.locator(".chatspark-panel").get_by_role("button", name="Contact sales").click()
    expect(page.get_by_label("Name")).to_be_focused()  # the panel at its tallest
    panel = page.locator(".chatspark-panel")
    box = panel.bounding_box()
    assert box is not None
    page.get_by_role("link", name="A link at the top").focus()
    far = page.get_by_role("link", name="A link far down")
    assert not far.evaluate("a => a.getBoundingClientRect().top < innerHeight")
    page.keyboard.press("Tab")
    expect(far).to_be_focused()
    # Where the link came to rest: entirely where the open panel was drawn.
    expect(far).to_be_in_viewport()
    page.wait_for_function(STILL)  # the smooth scroll's end
    r = far.bounding_box()
    assert r is not None
    assert box["x"] <= r["x"] and r["x"] + r["width"] <= box["x"] + box["width"]
    assert box["y"] <= r["y"] and r["y"] + r["height"] <= box["y"] + box["height"]
    # So the panel closed, and focus stays where the reader is.
    expect(panel).to_be_hidden()
    expect(far).to_be_focused()
    context.close()
