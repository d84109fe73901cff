"""Readers ask, in a real Chromium: answers quote the site with marked passages and
working links from any page, a question the site does not answer is handed to a
form with the question in it, and nothing of this loads before the Ask box is focused."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect
from stub_receiver import Receiver
from support import BuildSite, ServeSite, StaticServer, site_config, widget_ready

PAGES = {
    "index.md": "# Home\n\nWelcome to the Acme documentation.\n",
    "guide/install.md": (
        "# Installation\n\n"
        "## Install with pip\n\n"
        "Run `pip install acme` in a virtual environment to install the Acme package.\n\n"
        "## Upgrade\n\nRun `pip install --upgrade acme` to get the newest release.\n"
    ),
    "guide/deep/configure.md": (
        "# Configuration\n\n"
        "## Change the colour theme\n\n"
        "Set `palette: dark` in acme.toml to switch the colour theme to dark.\n\n"
        "## Logging\n\nSet `log_level: debug` to see every request in the log file.\n"
    ),
    "secret.md": (
        "---\nsearch:\n  exclude: true\n---\n# Secret\n\n"
        "The launch codes of the zeppelin fleet are kept here.\n"
    ),
    "off.md": "---\nchatspark: false\n---\n# Off\n\nThe submarine manual lives on this page.\n",
    "drafts/idea.md": "# Idea\n\nA hovercraft roadmap, not published yet.\n",
}

QUESTION = "how do I install acme with pip?"
UNANSWERED = "what is the price of a zeppelin ticket?"


def config(
    receiver: Receiver, theme: str = "mkdocs", *, directory_urls: bool = True, **options: Any
) -> dict[str, Any]:
    actions = [
        {
            "id": "contact",
            "type": "form",
            "label": "Ask the team",
            "fields": [
                {"key": "email", "label": "Email", "type": "email", "required": True},
                {"key": "message", "label": "Message", "type": "textarea"},
            ],
            "webhook": receiver.origin + "/hooks/contact",
            "success_message": "Sent!",
        },
        {"id": "docs", "type": "link", "label": "Status page", "url": "https://example.com/"},
    ]
    plugin = {"actions": actions, "answers": {"exclude": ["drafts/**"]}, **options}
    out = site_config(plugin, theme=theme, use_directory_urls=directory_urls)
    if theme == "material":
        out["theme"]["features"] = ["navigation.instant"]
    return out


def nested(directory_urls: bool) -> str:
    return "guide/deep/configure/" if directory_urls else "guide/deep/configure.html"


def install(directory_urls: bool) -> str:
    return "guide/install/" if directory_urls else "guide/install.html"


def open_chat(page: Page) -> None:
    widget_ready(page)
    page.get_by_role("button", name="Open chat").click()
    expect(page.get_by_role("dialog", name="Chat with us")).to_be_visible()


def ask(page: Page, question: str) -> None:
    box = page.get_by_role("textbox", name=re.compile("Ask"))
    box.fill(question)
    box.press("Enter")


def log(page: Page) -> Any:
    return page.get_by_role("log")


def asked(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, at: str = ""
) -> Any:
    """The small site (mkdocs theme) opened at `at`, QUESTION answered: its first source link."""
    serve_site(config(receiver), PAGES)
    page.goto(server.url + at)
    open_chat(page)
    ask(page, QUESTION)
    link = log(page).locator(".chatspark-source-link").first
    expect(link).to_be_visible()
    return link


def asked_on_material(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> Any:
    """The home page of an instant-navigation Material site, QUESTION answered; the
    answer's first source link, with the page marked to tell a swap from a load."""
    serve_site(config(receiver, "material"), PAGES)
    page.goto(server.url)
    open_chat(page)
    ask(page, QUESTION)
    link = log(page).locator(".chatspark-source-link").first
    expect(link).to_be_visible()
    page.evaluate("window.__samePage = true")
    return link


def swapped_to_install(page: Page) -> None:
    page.wait_for_url(re.compile(r"guide/install/#install-with-pip$"))
    assert page.evaluate("window.__samePage") is True  # swapped, not loaded


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
@pytest.mark.parametrize("directory_urls", [True, False], ids=["dir-urls", "file-urls"])
def test_an_answer_quotes_the_site_with_marks_and_links_from_a_nested_page(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
    console_errors: list[str],
    theme: str,
    directory_urls: bool,
) -> None:
    serve_site(config(receiver, theme, directory_urls=directory_urls), PAGES)
    page.goto(server.url + nested(directory_urls))
    open_chat(page)
    ask(page, QUESTION)
    answer = log(page).locator(".chatspark-answer")
    expect(answer).to_have_count(1)
    sources = answer.locator(".chatspark-source")
    expect(sources.first).to_be_visible()
    assert 1 <= sources.count() <= 3
    first = sources.first
    link = first.get_by_role("link")
    expect(link).to_have_text("Installation \u203a Install with pip")
    expected = urljoin(server.url, install(directory_urls)) + "#install-with-pip"
    expect(link).to_have_attribute("href", expected)
    marks = first.locator("mark").all_text_contents()
    assert "pip" in [m.lower() for m in marks], marks
    assert "install" in " ".join(marks).lower(), marks
    # The question stays in the log, as the reader wrote it.
    expect(log(page).locator(".chatspark-asked")).to_have_text(QUESTION)
    link.click()
    page.wait_for_url(expected)
    expect(page.locator("#install-with-pip")).to_be_attached()
    assert console_errors == []


def test_excluded_pages_are_not_answered_from(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(config(receiver), PAGES)
    page.goto(server.url)
    open_chat(page)
    for question in ("zeppelin launch codes", "submarine manual", "hovercraft roadmap"):
        ask(page, question)
    expect(log(page).locator(".chatspark-answer")).to_have_count(3)
    expect(log(page).locator(".chatspark-answer--none")).to_have_count(3)
    expect(log(page).get_by_role("link")).to_have_count(0)


def sent_with_the_question(page: Page, receiver: Receiver) -> Any:
    """The open form, its message the unanswered question, sent by the reader: the
    one submission's body."""
    page.get_by_label("Email", exact=True).fill("reader@example.com")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Sent!")).to_be_visible()
    [post] = receiver.posts()
    body = post.json()
    assert body["data"] == {"email": "reader@example.com", "message": UNANSWERED}
    return body


def test_a_refusal_links_to_no_page_and_hands_the_question_to_a_form(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
    console_errors: list[str],
) -> None:
    # Answered first: the pages shown travel with the form.
    asked(page, serve_site, server, receiver, "guide/install/")
    shown = (
        log(page).locator(".chatspark-source-link").evaluate_all("links => links.map(a => a.href)")
    )
    ask(page, UNANSWERED)
    refusal = log(page).locator(".chatspark-answer--none")
    expect(refusal).to_contain_text("I could not find an answer to that in these pages.")
    expect(refusal.get_by_role("link")).to_have_count(0)
    expect(refusal.get_by_role("button", name="Status page")).to_be_visible()
    refusal.get_by_role("button", name="Ask the team").click()
    message = page.get_by_label("Message", exact=True)
    expect(message).to_be_visible()
    expect(message).to_have_value(UNANSWERED)
    body = sent_with_the_question(page, receiver)
    assert body["page"]["asked"] == {"question": UNANSWERED, "pages": list(dict.fromkeys(shown))}
    assert console_errors == []


def test_clear_questions_also_takes_them_from_a_form_they_were_handed_to(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    """ "Clear questions" forgets the conversation: a form a refusal handed the question to
    no longer sends it, nor the pages shown, unseen in `page.asked`, also after a full
    page load; its field keeps what the reader sees there."""
    asked(page, serve_site, server, receiver, "guide/install/")
    ask(page, UNANSWERED)
    refusal = log(page).locator(".chatspark-answer--none")
    refusal.get_by_role("button", name="Ask the team").click()
    message = page.get_by_label("Message", exact=True)
    expect(message).to_have_value(UNANSWERED)
    message.fill("Never mind that, the install page has a typo.")
    page.get_by_role("button", name="Clear questions").click()
    expect(log(page).locator(".chatspark-turn")).to_have_count(0)
    page.reload()
    open_chat(page)
    expect(message).to_have_value("Never mind that, the install page has a typo.")
    page.get_by_label("Email", exact=True).fill("reader@example.com")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Sent!")).to_be_visible()
    [post] = receiver.posts()
    body = post.json()
    assert body["data"]["message"] == "Never mind that, the install page has a typo."
    assert "asked" not in body["page"], body["page"]


def test_a_question_handed_to_a_form_survives_a_full_page_load(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
    console_errors: list[str],
) -> None:
    """The reader chose the form from a refusal, then opened another page before
    sending (MkDocs' theme: a full load): the message and the pages the answers
    showed are still what the submission carries."""
    asked(page, serve_site, server, receiver)
    shown = (
        log(page).locator(".chatspark-source-link").evaluate_all("links => links.map(a => a.href)")
    )
    ask(page, UNANSWERED)
    refusal = log(page).locator(".chatspark-answer--none")
    refusal.get_by_role("button", name="Ask the team").click()
    expect(page.get_by_label("Message", exact=True)).to_have_value(UNANSWERED)
    page.goto(server.url + "guide/install/")
    open_chat(page)
    message = page.get_by_label("Message", exact=True)
    expect(message).to_have_value(UNANSWERED)
    post = sent_with_the_question(page, receiver)
    assert post["page"]["asked"] == {
        "question": UNANSWERED,
        "pages": list(dict.fromkeys(shown)),
    }
    assert console_errors == []


def test_the_panels_own_form_opened_right_after_a_refusal_gets_the_question(
    page: Page,
    serve_site: ServeSite,
    server: StaticServer,
    receiver: Receiver,
    console_errors: list[str],
) -> None:
    """A keyboard reader Tabs on from the Ask box after a refusal and meets the panel's
    own "Ask the team" before the refusal's offers (they are above the box): on
    Copier's docs the form opened empty, and the team got a message without the
    question. It gets the question as from the offer, once; a later form does not."""
    serve_site(config(receiver), PAGES)
    page.goto(server.url)
    open_chat(page)
    ask(page, UNANSWERED)
    expect(log(page).locator(".chatspark-answer--none")).to_have_count(1)
    page.keyboard.press("Tab")  # the Ask button
    page.keyboard.press("Tab")  # the panel's first action
    expect(
        page.locator(".chatspark-item").get_by_role("button", name="Ask the team")
    ).to_be_focused()
    page.keyboard.press("Enter")
    message = page.get_by_label("Message", exact=True)
    expect(message).to_have_value(UNANSWERED)
    post = sent_with_the_question(page, receiver)
    assert post["page"]["asked"] == {"question": UNANSWERED, "pages": []}
    # Handed over once: the form opened again starts empty, and so does it after a
    # question that is answered.
    page.locator(".chatspark-item").get_by_role("button", name="Ask the team").click()
    expect(message).to_have_value("")
    assert console_errors == []


def test_the_conversation_stays_across_an_instant_swap_and_a_reload_and_clears(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    link = asked_on_material(page, serve_site, server, receiver)
    # An instant swap: the answer's own link, a plain click.
    link.click()
    swapped_to_install(page)
    # The panel closed to show the page (on a phone it covers it); the log stayed.
    page.get_by_role("button", name="Open chat").click()
    expect(log(page).locator(".chatspark-asked")).to_have_text([QUESTION])
    # Under the language's index: another site on the origin, or another language, has its own.
    key = "chatspark-answers:" + server.url + "assets/chatspark/answers/en/"
    stored = json.loads(page.evaluate("k => sessionStorage.getItem(k)", key))
    assert [t["question"] for t in stored] == [QUESTION]
    page.reload()
    open_chat(page)
    expect(log(page).locator(".chatspark-asked")).to_have_text([QUESTION])
    expect(log(page).locator(".chatspark-source").first).to_be_visible()
    page.get_by_role("button", name="Clear questions").click()
    expect(log(page).locator(".chatspark-turn")).to_have_count(0)
    assert page.evaluate("k => sessionStorage.getItem(k)", key) is None
    page.reload()
    open_chat(page)
    expect(log(page).locator(".chatspark-turn")).to_have_count(0)


def test_a_source_followed_by_keyboard_through_an_instant_swap_leaves_focus_on_its_section(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    # A load of page/#section leaves a keyboard or screen reader user at the
    # section; Material's instant swap alone leaves focus on the body, at the top.
    link = asked_on_material(page, serve_site, server, receiver)
    link.focus()
    page.keyboard.press("Enter")
    swapped_to_install(page)
    section = page.locator("#install-with-pip")
    page.wait_for_function("() => document.getElementById('install-with-pip')?.matches(':focus')")
    assert section.evaluate("h => h.tabIndex") == -1
    # The next Tab goes on from there: into the section's own text, not the top of
    # the page; and the heading is focusable from script only once it is left.
    page.keyboard.press("Tab")
    after = page.evaluate(
        """() => {
            const heading = document.getElementById('install-with-pip');
            const now = document.activeElement;
            return {follows: !!(heading.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING),
                    tabindex: heading.getAttribute('tabindex')};
        }"""
    )
    assert after == {"follows": True, "tabindex": None}


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_a_source_on_the_page_itself_followed_on_a_phone_shows_its_section(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver, theme: str
) -> None:
    """Tried on EESSI's docs at 390 px: a source in the open page went to its section
    behind the panel, which stayed open over the whole screen; nothing seemed to
    happen, and focus fell to the page's body, inert behind the modal panel."""
    page.set_viewport_size({"width": 390, "height": 844})
    serve_site(config(receiver, theme), PAGES)
    page.goto(server.url + "guide/install/")
    open_chat(page)
    ask(page, QUESTION)
    link = log(page).locator(".chatspark-source-link").first
    expect(link).to_have_attribute("href", re.compile(r"guide/install/#install-with-pip$"))
    page.evaluate("window.__samePage = true")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"guide/install/#install-with-pip$"))
    expect(page.get_by_role("dialog", name="Chat with us")).to_be_hidden()
    page.wait_for_function("() => document.getElementById('install-with-pip')?.matches(':focus')")
    assert page.evaluate("window.__samePage") is True
    rect = page.locator("#install-with-pip").bounding_box()
    assert rect is not None and 0 <= rect["y"] < 844
    # The launcher brings the conversation back as it was.
    page.get_by_role("button", name="Open chat").click()
    expect(log(page).locator(".chatspark-source-link").first).to_be_visible()


def test_nothing_of_answers_is_fetched_before_the_ask_box_is_focused(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    serve_site(config(receiver), PAGES)

    def answers_requests() -> list[str]:
        return [p for p in server.paths if "answers" in p]

    page.goto(server.url)
    open_chat(page)
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Ask the team").click()  # the panel in use
    page.get_by_label("Email", exact=True).focus()
    page.wait_for_timeout(500)  # time for a stray request to show (none may come)
    assert "/assets/chatspark/widget.js" in server.paths and answers_requests() == []
    box = page.get_by_role("textbox", name=re.compile("Ask"))
    # Both start at the focus, side by side: either may be answered first.
    part, meta = re.compile(r"/assets/chatspark/answers\.js"), re.compile(r"/en/meta\.js")
    with page.expect_response(part), page.expect_response(meta):
        box.focus()
    loaded = sorted(p.split("?")[0] for p in answers_requests())
    assert loaded == ["/assets/chatspark/answers.js", "/assets/chatspark/answers/en/meta.js"]
    ask(page, QUESTION)
    expect(log(page).locator(".chatspark-source").first).to_be_visible()
    after = [p.split("?")[0] for p in answers_requests()[2:]]
    assert after and all(
        re.fullmatch(r"/assets/chatspark/answers/en/[tc]\d+\.js", p) for p in after
    )


def test_the_index_table_of_contents_loads_beside_the_answers_part_not_after_it(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    """A question pasted and sent at once waits for the answers part and the index's
    meta.js: they are fetched together at the box's first focus, and meta.js once."""
    serve_site(config(receiver), PAGES)
    held: list[Any] = []
    page.route(re.compile(r"/assets/chatspark/answers\.js"), lambda route: held.append(route))
    page.goto(server.url)
    open_chat(page)
    box = page.get_by_role("textbox", name=re.compile("Ask"))
    with page.expect_response(re.compile(r"/answers/en/meta\.js")):
        box.focus()  # the part is held back: meta.js came without it
    assert len(held) == 1
    box.fill(QUESTION)
    box.press("Enter")
    held[0].continue_()
    expect(log(page).locator(".chatspark-source").first).to_be_visible()
    metas = [p for p in server.paths if "/answers/en/meta." in p]
    assert len(metas) == 1, server.paths


def test_the_accessibility_tree_has_the_log_and_the_named_box(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    asked(page, serve_site, server, receiver)
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]

    def named(role: str) -> list[str]:
        return [
            str((n.get("name") or {}).get("value", ""))
            for n in nodes
            if (n.get("role") or {}).get("value") == role and not n.get("ignored")
        ]

    assert named("log") == ["Questions and answers"]
    assert "Ask a question about these docs" in named("textbox")


def with_gtag(page: Page, site: Path) -> None:
    """A gtag on the site's pages that keeps each event in `window.__events`."""
    (site / "gtag.js").write_text(
        "window.__events = []; window.gtag = function () { __events.push([].slice.call(arguments)); };"
    )
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => {"
        " const s = document.createElement('script'); s.src = '/gtag.js';"
        " document.head.appendChild(s); });"
    )


def test_analytics_say_found_or_not_never_the_question(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    built = serve_site(config(receiver, analytics=True), PAGES)
    with_gtag(page, built.site)
    page.goto(server.url)
    open_chat(page)
    ask(page, QUESTION)
    ask(page, UNANSWERED)
    expect(log(page).locator(".chatspark-answer")).to_have_count(2)
    events = [e for e in page.evaluate("window.__events") if e[1] == "chatspark_answered"]
    assert [e[2]["outcome"] for e in events] == ["found", "not_found"]
    assert "zeppelin" not in json.dumps(events) and "pip" not in json.dumps(events)


def test_pages_that_could_not_be_read_are_not_told_as_not_found_and_the_next_question_tries_again(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    """Offline, or the index's files refused: the reader is not told the pages lack an
    answer (nor is the team), and once the files can load, the next question is answered."""
    built = serve_site(config(receiver, analytics=True), PAGES)
    with_gtag(page, built.site)
    page.goto(server.url)
    open_chat(page)
    index_files = re.compile(r"/assets/chatspark/answers/en/")
    page.route(index_files, lambda route: route.abort())
    ask(page, QUESTION)
    answer = log(page).locator(".chatspark-answer")
    expect(answer).to_have_count(1)
    expect(answer).to_have_text(
        "These pages could not be read just now. Check the connection and ask again."
    )
    expect(log(page).locator(".chatspark-answer--none")).to_have_count(0)
    page.unroute(index_files)
    ask(page, QUESTION)
    expect(answer).to_have_count(2)
    expect(answer.nth(1).get_by_role("link").first).to_have_text(
        "Installation \u203a Install with pip"
    )
    # Analytics heard of no refusal, and what the next page keeps is what was answered.
    events = [e for e in page.evaluate("window.__events") if e[1] == "chatspark_answered"]
    assert [e[2]["outcome"] for e in events] == ["found"]
    page.reload()
    open_chat(page)
    expect(log(page).locator(".chatspark-answer")).to_have_count(1)
    expect(log(page).locator(".chatspark-source").first).to_be_visible()


@pytest.mark.parametrize("directory_urls", [True, False], ids=["dir-urls", "file-urls"])
def test_answers_work_from_disk(
    page: Page, build_site: BuildSite, receiver: Receiver, directory_urls: bool
) -> None:
    built = build_site(config(receiver, directory_urls=directory_urls), PAGES)
    assert built.ok, built.log
    start = built.site / nested(directory_urls)
    if directory_urls:
        start = start / "index.html"
    page.goto(start.as_uri())
    open_chat(page)
    ask(page, QUESTION)
    link = log(page).locator(".chatspark-source-link").first
    target: Path = built.site / install(directory_urls)
    if directory_urls:
        target = target / "index.html"
    expected = target.as_uri() + "#install-with-pip"
    expect(link).to_have_attribute("href", expected)
    link.click()
    page.wait_for_url(expected)
    expect(page.locator("#install-with-pip")).to_be_attached()


def test_the_field_marked_question_gets_the_question(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    site = config(receiver)
    form = site["plugins"][1]["chatspark"]["actions"][0]
    form["fields"].insert(1, {"key": "topic", "label": "Topic", "question": True})
    serve_site(site, PAGES)
    page.goto(server.url)
    open_chat(page)
    ask(page, UNANSWERED)
    log(page).get_by_role("button", name="Ask the team").click()
    expect(page.get_by_label("Topic", exact=True)).to_have_value(UNANSWERED)
    expect(page.get_by_label("Message", exact=True)).to_have_value("")


def serve_english_and_french(serve_site: ServeSite) -> None:
    """A site in English and French (mkdocs-static-i18n, suffix layout)."""
    config = site_config({}, theme="material")  # i18n refuses instant navigation
    config["plugins"].insert(
        1,
        {
            "i18n": {
                "docs_structure": "suffix",
                "languages": [
                    {"locale": "en", "default": True, "name": "English", "build": True},
                    {"locale": "fr", "name": "Français", "build": True},
                ],
            }
        },
    )
    pages = {
        "index.md": "# Home\n\n## Install\n\nRun pip install to install the zebra package.\n",
        "index.fr.md": "# Accueil\n\n## Installer\n\nLancez pip install pour installer la girafe.\n",
        "about.md": "# About\n\nThe zebra project.\n",
        "about.fr.md": "# À propos\n\nLe projet girafe.\n",
    }
    serve_site(config, pages)


def ask_in_french(page: Page) -> Any:
    """The French chat opened and asked how to install; its first source link."""
    widget_ready(page)
    page.get_by_role("button", name="Ouvrir le chat").click()
    box = page.get_by_role("textbox", name="Posez une question sur cette documentation")
    box.fill("comment installer la girafe")
    box.press("Enter")
    link = page.get_by_role("log").locator(".chatspark-source-link").first
    expect(link).to_be_visible()
    return link


def test_a_french_page_asks_in_french_and_answers_from_french_pages(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    serve_english_and_french(serve_site)
    page.goto(server.url + "fr/about/")
    link = ask_in_french(page)
    expect(link).to_have_attribute("href", server.url + "fr/#installer")
    expect(link).to_have_text("Accueil \u203a Installer")
    expect(page.get_by_role("log")).to_contain_text("Dans ces pages :")


def test_each_language_keeps_a_conversation_of_its_own(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    # One tab, one site, two languages: a French question and its French links do
    # not follow the reader to the English pages, and come back with the French ones.
    serve_english_and_french(serve_site)
    page.goto(server.url + "fr/about/")
    ask_in_french(page)
    page.goto(server.url + "about/")
    open_chat(page)
    ask(page, "how do I install the zebra")
    turns = log(page).locator(".chatspark-turn")
    expect(turns.locator(".chatspark-source-link").first).to_have_attribute(
        "href", server.url + "#install"
    )
    expect(turns).to_have_count(1)
    expect(log(page)).not_to_contain_text("girafe")
    page.goto(server.url + "fr/about/")
    widget_ready(page)
    page.get_by_role("button", name="Ouvrir le chat").click()
    french = page.get_by_role("log").locator(".chatspark-turn")
    expect(french).to_have_count(1)
    expect(french).to_contain_text("comment installer la girafe")
    expect(french.locator(".chatspark-source-link").first).to_have_attribute(
        "href", server.url + "fr/#installer"
    )


def test_sources_under_headings_the_page_repeats_are_named_with_the_heading_above(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    # cibuildwheel's options page: an "Examples" under each option. An answer that
    # quotes two of them must not show "Options > Examples" twice.
    options = "# Options\n\n" + "".join(
        f"## {name}\n\n{about}\n\n### Examples\n\n```toml\n{example}\n```\n\n"
        f"Examples of {name} in a pyproject.toml file.\n\n"
        for name, about, example in [
            ("build", "Which wheels to build.", 'build = "cp313-*"'),
            ("environment", "Variables set in the build.", 'environment = { FOO = "1" }'),
            ("archs", "The architectures to build.", 'archs = ["arm64"]'),
        ]
    )
    serve_site(config(receiver), {**PAGES, "options.md": options})
    page.goto(server.url + "guide/install/")
    open_chat(page)
    ask(page, "examples of environment in pyproject.toml")
    links = log(page).locator(".chatspark-source-link")
    expect(links.first).to_be_visible()
    expect(links.first).to_have_text("Options \u203a environment \u203a Examples")
    expect(links.first).to_have_attribute("href", server.url + "options/#examples_1")
    names = links.all_inner_texts()
    assert len(names) == len(set(names)), names
    # A heading the page has once keeps its short name.
    ask(page, QUESTION)
    expect(
        log(page).locator(".chatspark-answer").nth(1).locator(".chatspark-source-link").first
    ).to_have_text("Installation \u203a Install with pip")


def test_a_source_links_name_keeps_the_words_of_its_page_and_heading_apart(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    # The chevron between them is hidden from screen readers: without a space beside it,
    # inline spans join and the link was read "InstallationInstall with pip".
    link = asked(page, serve_site, server, receiver)
    expect(link).to_have_text("Installation \u203a Install with pip")
    expect(link).to_have_accessible_name("Installation Install with pip")
    cdp = page.context.new_cdp_session(page)
    names = [
        node.get("name", {}).get("value")
        for node in cdp.send("Accessibility.getFullAXTree")["nodes"]
        if node.get("role", {}).get("value") == "link"
    ]
    assert "Installation Install with pip" in names, names


def test_a_section_headed_with_its_pages_title_is_told_apart_from_the_pages_top(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    # Typer's "Progress Bar" page opens with an h2 "Progress Bar": an answer quoting the
    # page's top and that section showed two links named "Progress Bar" (the AX tree
    # too), leading to two places.
    progress = (
        "# Progress Bar\n\n"
        "When a command runs for a long time, a progress bar shows how far it got.\n\n"
        "## Progress Bar\n\n"
        "Wrap the loop in `track()` and a progress bar is drawn as the loop runs.\n\n"
        "## Spinner\n\nWhen the length is not known, show a spinner instead.\n"
    )
    serve_site(config(receiver), {**PAGES, "progress.md": progress})
    page.goto(server.url + "guide/install/")
    open_chat(page)
    ask(page, "progress bar")
    links = log(page).locator(".chatspark-source-link")
    expect(links.nth(1)).to_be_visible()
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert server.url + "progress/" in hrefs and server.url + "progress/#progress-bar_1" in hrefs
    expect(links.and_(page.locator('[href$="#progress-bar_1"]'))).to_have_text(
        "Progress Bar \u203a Progress Bar"
    )
    expect(links.and_(page.locator('[href$="/progress/"]'))).to_have_text("Progress Bar")
    names = links.all_inner_texts()
    assert len(names) == len(set(names)), names
    # A section headed with the title, alone in its answer, keeps the short name.
    ask(page, "wrap the loop in track")
    expect(
        log(page).locator(".chatspark-answer").nth(1).locator(".chatspark-source-link").first
    ).to_have_text("Progress Bar")
