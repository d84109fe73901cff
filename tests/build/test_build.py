"""Real `mkdocs build` runs: what lands in the built site, and what authors see when
their input is wrong."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from support import TOOL, BuildSite, run_build, site_config, without_lines

from mkdocs_chatspark import render

ACTIONS = [
    {
        "id": "demo",
        "type": "button",
        "label": "Book a demo",
        "primary": True,
        "url": "pricing.md#plans",
    },
    {
        "id": "contact",
        "type": "form",
        "label": "Contact sales",
        "fields": [{"key": "email", "label": "Email", "type": "email", "required": True}],
        "webhook": "https://hooks.example.com/contact",
    },
    {"id": "api", "type": "link", "label": "API", "url": "https://example.com/api"},
]

PAGES = {
    "index.md": "# Home\n\nWelcome.\n",
    "pricing.md": "# Pricing\n\n## Plans\n",
    "guide/deep/page.md": "# Deep\n",
    "own.md": (
        "---\nchatspark:\n  greeting: Own greeting\n  actions:\n"
        "    - {id: demo, type: button, label: 'Own <demo>', url: index.md}\n"
        "    - {id: extra, type: link, label: Extra, url: 'https://extra.example'}\n---\n# Own\n"
    ),
    "hide.md": "---\nchatspark:\n  hide: [contact]\n---\n# Hide\n",
    "off.md": "---\nchatspark: false\n---\n# Off\n",
    "off2.md": "---\nchatspark:\n  enabled: false\n---\n# Off too\n",
}


def tags(html: str) -> list[str]:
    return re.findall(r"<script[^>]*chatspark[^>]*>", html)


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs", "material"])
def test_every_page_gets_its_data_and_the_shared_files(build_site: BuildSite, theme: str) -> None:
    built = build_site(site_config({"actions": ACTIONS}, theme=theme), PAGES)
    assert built.ok, built.log
    assert built.island("index.html") == {}
    assert built.island("hide/index.html") == {"actions": ["demo", "api"]}
    own = built.island("own/index.html")
    assert own == {
        "actions": [
            {
                "id": "demo",
                "type": "button",
                "label": "Own <demo>",
                "url": "./",
                "siteRelative": True,
            },
            "contact",
            "api",
            {"id": "extra", "type": "link", "label": "Extra", "url": "https://extra.example"},
        ],
        "greeting": "Own greeting",
    }
    deep = built.html("guide/deep/page/index.html")
    # Only the bootstrap: it fetches the rest when the reader wants it. Async in
    # <head>, on the mkdocs and readthedocs themes too: the search/main.js that their
    # search plugin adds to extra_javascript never calls window.ChatSpark.
    boot = (
        r'src="../../../assets/chatspark/boot.js" data-site="site\.[0-9a-f]{10}\.js"'
        r' data-load="idle" data-label="Open chat" data-position="right"'
        r' data-failed="The chat could not load." data-retry="Try again"></script>'
    )
    found = re.search(rf"<script async {boot}", deep)
    assert found and found.start() < deep.index("</head>")
    assert "widget.js" not in deep and "site." not in deep.replace('data-site="site.', "")
    assert "boot.css" not in deep  # no call to action in its prose: nothing to style early
    for name in ("boot.js", "boot.css", "widget.js", "widget.css"):
        assert (built.site / "assets" / "chatspark" / name).stat().st_size > 100
    data = built.site_data()
    assert data["chatbotId"] == "test-docs"  # a slug of site_name
    assert [a["id"] for a in data["actions"]] == ["demo", "contact", "api"]
    assert data["actions"][0]["url"] == "pricing/#plans"


def test_an_opted_out_page_gets_nothing_at_all(build_site: BuildSite) -> None:
    built = build_site(site_config({"actions": ACTIONS}), PAGES)
    assert built.ok, built.log
    for page in ("off/index.html", "off2/index.html"):
        assert "chatspark" not in built.html(page)


def test_under_instant_navigation_an_opted_out_page_keeps_the_shared_files_only(
    build_site: BuildSite,
) -> None:
    config = site_config({"actions": ACTIONS}, theme="material")
    config["theme"]["features"] = ["navigation.instant"]
    built = build_site(config, PAGES)
    assert built.ok, built.log
    assert built.island("off/index.html") is None
    assert len(tags(built.html("off/index.html"))) == 1  # the bootstrap


def test_the_search_plugins_script_is_not_the_sites_own(build_site: BuildSite) -> None:
    """The mkdocs theme gets `search/main.js` from the search plugin: it never calls
    window.ChatSpark, so an opted-out page gets nothing."""
    built = build_site(site_config({"actions": ACTIONS}), PAGES)
    assert built.ok, built.log
    assert "search/main.js" in built.html("index.html")
    assert "chatspark" not in built.html("off/index.html")


def test_with_the_sites_own_scripts_an_opted_out_page_keeps_the_bootstrap_only(
    build_site: BuildSite,
) -> None:
    # They may call window.ChatSpark.on, as the ChatSpark page shows, on any page.
    pages = {**PAGES, "js/own.js": "window.ChatSpark.on('action-triggered', function () {});\n"}
    config = site_config({"actions": ACTIONS}, extra_javascript=["js/own.js"])
    built = build_site(config, pages)
    assert built.ok, built.log
    off = built.html("off/index.html")
    assert built.island("off/index.html") is None
    assert len(tags(off)) == 1  # the bootstrap
    assert off.index("assets/chatspark/boot.js") < off.index("js/own.js")


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_the_bootstrap_comes_just_before_the_authors_scripts(
    build_site: BuildSite, theme: str
) -> None:
    pages = {**PAGES, "js/own.js": "window.ChatSpark.on('action-triggered', function () {});\n"}
    config = site_config({"actions": ACTIONS}, theme=theme, extra_javascript=["js/own.js"])
    built = build_site(config, pages)
    assert built.ok, built.log
    page = built.html("pricing/index.html")
    boot = page.index('<script src="../assets/chatspark/boot.js" data-site=')  # not deferred
    assert page.index("</head>") < boot
    assert re.match(r'[^<]*<script src="../js/own.js"', page[page.index("</script>", boot) + 9 :])


def test_load_eager_loads_everything_with_the_page(build_site: BuildSite) -> None:
    config = site_config({"actions": ACTIONS, "load": "eager"}, theme="material")
    built = build_site(config, PAGES)
    assert built.ok, built.log
    page = built.html("pricing/index.html")
    assert '<script defer src="../assets/chatspark/boot.js"></script>' in page  # API only
    assert re.search(r'<script defer src="../assets/chatspark/site\.[0-9a-f]{10}\.js">', page)
    assert '<script defer src="../assets/chatspark/widget.js"></script>' in page


def test_a_page_with_calls_to_action_styles_them_before_the_first_paint(
    build_site: BuildSite,
) -> None:
    pages = {**PAGES, "pricing.md": "# Pricing\n\n[Book](chatspark:demo)\n\n## Plans\n"}
    built = build_site(site_config({"actions": ACTIONS}), pages)
    assert built.ok, built.log
    head = built.html("pricing/index.html").split("</head>")[0]
    # inline: the first paint waits for no request
    assert f'<style id="{render.BOOT_STYLE_ID}">{render.asset("boot.css")}</style>' in head
    assert "boot.css" not in head
    assert render.BOOT_STYLE_ID not in built.html("index.html")


def test_the_page_data_stays_out_of_the_search_index(build_site: BuildSite) -> None:
    built = build_site(site_config({"actions": ACTIONS}), PAGES)
    index = (built.site / "search" / "search_index.json").read_text()
    assert "Own greeting" not in index and "Book a demo" not in index
    assert "Welcome." in index  # the index itself was written


def test_without_directory_urls(build_site: BuildSite) -> None:
    built = build_site(site_config({"actions": ACTIONS}, use_directory_urls=False), PAGES)
    assert built.ok, built.log
    assert built.site_data()["actions"][0]["url"] == "pricing.html#plans"
    deep = built.html("guide/deep/page.html")
    assert '<script async src="../../assets/chatspark/boot.js"' in deep
    assert built.island("own.html")["actions"][0]["url"] == "index.html"


def test_the_404_page_gets_the_widget_with_urls_from_the_site_root(build_site: BuildSite) -> None:
    config = site_config({"actions": ACTIONS}, site_url="https://x.org/docs/")
    built = build_site(config, PAGES)
    page = built.html("404.html")
    assert '<script async src="/docs/assets/chatspark/boot.js"' in page
    assert built.island("404.html") == {}
    without_site_url = build_site(site_config({"actions": ACTIONS}), PAGES).html("404.html")
    assert '<script async src="/assets/chatspark/boot.js"' in without_site_url


def test_disabled_plugin_leaves_no_trace(build_site: BuildSite) -> None:
    prose = "# Home\n\nReady? [Book **a demo**](chatspark:demo), or [not](chatspark:nosuch).\n"
    built = build_site(
        site_config({"enabled": False, "actions": ACTIONS}), {**PAGES, "index.md": prose}
    )
    assert built.ok, built.log  # nothing is checked: nothing is shown
    assert not (built.site / "assets" / "chatspark").exists()
    home = built.html("index.html")
    assert "chatspark" not in home
    # Calls to action are their label, as plain text: no dead links, no page edits.
    assert "<p>Ready? Book <strong>a demo</strong>, or not.</p>" in home


def test_hostile_labels_cannot_break_out_of_the_island(build_site: BuildSite) -> None:
    label = "</script><script>alert(1)</script> \u2028 ünïcode \"'"
    page = (
        "---\nchatspark:\n  actions:\n    - id: x\n      type: button\n      label: "
        + json.dumps(label)
        + "\n---\n# X\n"
    )
    built = build_site(site_config(), {"index.md": "# Home\n", "x.md": page})
    assert built.ok, built.log
    html = built.html("x/index.html")
    assert "<script>alert(1)" not in html
    assert built.island("x/index.html")["actions"][0]["label"] == label


def test_settings_reach_the_site_data(build_site: BuildSite) -> None:
    options: dict[str, Any] = {
        "chatbot_id": "bot-1",
        "title": "Talk",
        "greeting": "Yo",
        "launcher_label": "Chat now",
        "position": "left",
        "webhook_timeout": 2.5,
    }
    data = build_site(site_config(options)).site_data()
    text = data.pop("text")
    assert data.pop("answers")["sources"] == 3  # on by default with the bundled widget
    assert data == {
        "chatbotId": "bot-1",
        "position": "left",
        "timeout": 2.5,
        "actions": [],
        "load": "idle",
    }
    assert (text["title"], text["greeting"], text["launcher_label"]) == ("Talk", "Yo", "Chat now")
    assert text["required"] == "This field is required."
    hosted = build_site(
        site_config(
            {**options, "script": "https://cdn.example.com/c.js", "script_integrity": "sha384-x"}
        )
    ).site_data()
    assert hosted["script"] == "https://cdn.example.com/c.js"
    assert hosted["integrity"] == "sha384-x"
    assert hosted["load"] == "interaction"  # the hosted script is a facade by default
    assert "consent" not in hosted
    chosen = build_site(
        site_config(
            {**options, "script": "https://cdn.example.com/c.js", "load": "eager"},
            extra={"consent": {"cookies": {"chat": "ChatSpark"}}},
        )
    ).site_data()
    assert chosen["load"] == "eager"
    assert "consent" not in chosen
    consented = build_site(
        site_config(
            {**options, "script": "https://cdn.example.com/c.js", "consent": "chat"},
            extra={"consent": {"cookies": {"chat": "ChatSpark"}}},
        )
    ).site_data()
    assert consented["consent"] == "chat"


# --- mistakes, as the author sees them ---------------------------------------------
# The config file is written by yaml.safe_dump: `- chatspark:` on line 7, `actions:`
# on line 8, the first action's `id` on line 9 and each further key one line down.

CONFIG_ERRORS = [
    (
        [{"id": "a", "type": "buton", "label": "A"}],
        "Config value 'plugins': Plugin 'chatspark' option 'actions': mkdocs.yml:10: "
        "actions[0].type: 'buton' is not one of: button, form, link",
    ),
    (
        [{"id": "a", "type": "button", "label": "A"}, {"id": "a", "type": "button", "label": "B"}],
        "mkdocs.yml:12: actions[1].id: 'a' is already the id of actions[0]; ids must be unique",
    ),
    (
        [{"id": "f", "type": "form", "label": "F", "fields": [{"key": "k", "type": "select"}]}],
        "mkdocs.yml:13: actions[0].fields[0].options: a select field needs a non-empty list",
    ),
    (
        [{"id": "l", "type": "link", "label": "L", "url": "javascript:alert(1)"}],
        "mkdocs.yml:12: actions[0].url: the scheme javascript: is not allowed",
    ),
]


@pytest.mark.parametrize(("actions", "message"), CONFIG_ERRORS)
def test_config_mistakes_stop_the_build_with_one_clear_line(
    build_site: BuildSite, actions: Any, message: str
) -> None:
    built = build_site(site_config({"actions": actions}))
    assert built.result.returncode == 1
    assert message in built.log
    assert "Traceback" not in built.log


PAGE_ERRORS = [
    (
        "chatspark:\n  actions:\n    - {id: x, type: form, label: X, fields: [{key: a, type: emial}]}",
        "docs/bad.md:4: chatspark.actions[0].fields[0].type: 'emial' is not one of: text, email, "
        "tel, url, number, textarea, select, checkbox",
    ),
    (
        "chatspark:\n  hide: [nope]",
        "docs/bad.md:3: chatspark.hide[0]: 'nope' is not the id of a site action; site actions: demo, contact, api",
    ),
    (
        "chatspark: [1, 2]",
        "docs/bad.md:2: chatspark: expected true or false (unquoted), or a mapping of keys to "
        "values, found a list",
    ),
    (
        "chatspark:\n  actions:\n    - {id: dup, type: button, label: A}\n    - {id: dup, type: button, label: B}",
        "docs/bad.md:5: chatspark.actions[1].id: 'dup' is already the id of chatspark.actions[0]; ids must be unique",
    ),
    (
        "chatspark:\n  hide: [api]\n  actions:\n    - {id: api, type: button, label: A}",
        "docs/bad.md:5: chatspark.actions[0].id: 'api' is both hidden and defined on this page",
    ),
    (
        "chatspark:\n  actions:\n    - {id: l, type: link, label: L, url: x, webhook: 'https://h.example/x'}",
        "docs/bad.md:4: chatspark.actions[0].webhook: not an option of a link action",
    ),
]


@pytest.mark.parametrize(("front_matter", "message"), PAGE_ERRORS)
def test_front_matter_mistakes_name_the_page(
    build_site: BuildSite, front_matter: str, message: str
) -> None:
    pages = {**PAGES, "bad.md": f"---\n{front_matter}\n---\n# Bad\n"}
    built = build_site(site_config({"actions": ACTIONS}), pages)
    assert built.result.returncode == 1
    assert message in built.log
    assert "Traceback" not in built.log


@pytest.mark.parametrize(
    ("options", "pages", "warning"),
    [
        (
            {"actions": [{"id": "a", "type": "button", "label": "A", "colour": "red"}]},
            {"index.md": "# Home\n"},
            "mkdocs.yml:12: actions[0].colour: unknown key, ignored",
        ),
        (
            {},
            {"index.md": "---\nchatspark:\n  hidden: [a]\n---\n# Home\n"},
            "docs/index.md:3: chatspark.hidden: unknown key, ignored",
        ),
        # The key itself mistyped: MkDocs keeps any front matter key, so the page's
        # opt-out (or its actions) would be ignored without a word.
        (
            {},
            {"index.md": "---\ntitle: Home\nchatsprak: false\n---\n# Home\n"},
            "docs/index.md:3: chatsprak: not a key the plugin reads, ignored; did you mean chatspark?",
        ),
        (
            {},
            {"index.md": "---\nChatSpark:\n  greeting: Hi\n---\n# Home\n"},
            "docs/index.md:2: ChatSpark: not a key the plugin reads, ignored; did you mean chatspark?",
        ),
        (
            {"actions": [{"id": "a", "type": "button", "label": "A", "url": "nope.md"}]},
            {"index.md": "# Home\n"},
            "mkdocs.yml:12: actions[0].url: 'nope.md' is not found among the documentation files",
        ),
        (
            {},
            {
                "index.md": "---\nchatspark:\n  actions: [{id: a, type: link, label: A, url: gone.md}]\n---\n# Home\n"
            },
            "docs/index.md:3: chatspark.actions[0].url: 'gone.md' is not found among the documentation files",
        ),
        # An anchor the page lacks: the link would open the page at its top.
        (
            {"actions": [{"id": "a", "type": "button", "label": "A", "url": "plans.md#prices"}]},
            {
                "index.md": "# Home\n",
                "plans.md": '# Plans\n\n## Pricing\n\n<a id="help"></a>Support.\n',
            },
            "mkdocs.yml:12: actions[0].url: 'plans.md#prices': plans.md has no heading or "
            "anchor 'prices', so the link would open the page at its top; did you mean "
            "'pricing'? (its anchors: help, plans, pricing)",
        ),
        (
            {},
            {
                "index.md": "---\nchatspark:\n  actions:\n    - {id: a, type: link, label: A, url: '/guide/x.md#nope'}\n---\n# Home\n",
                "guide/x.md": "# X\n\nText.\n",
            },
            "docs/index.md:4: chatspark.actions[0].url: '/guide/x.md#nope': guide/x.md has no "
            "heading or anchor 'nope', so the link would open the page at its top (its anchors: x)",
        ),
        # A page action's bare `#anchor` is on its own page, which the build knows:
        # a typo would leave the reader where they are, without a word.
        (
            {},
            {
                "index.md": "# Home\n",
                "settings.md": "---\nchatspark:\n  actions:\n    - id: a\n      type: button\n"
                '      label: A\n      url: "#htps"\n---\n# Settings\n\n## HTTPS\n\n## Timeouts\n',
            },
            "docs/settings.md:7: chatspark.actions[0].url: '#htps': settings.md has no heading "
            "or anchor 'htps', so the link would leave the reader where they are on this page; "
            "did you mean 'https'? (its anchors: https, settings, timeouts)",
        ),
        (
            {"actions": [{"id": "a", "type": "button", "label": "A"}]},
            {
                "index.md": "# Home\n",
                "guide/x.md": "---\nchatspark:\n  actions: [{id: a, type: form, label: A, "
                "url: '#sent', fields: [{key: m, label: M}]}]\n---\n# X\n",
            },
            "docs/guide/x.md:3: chatspark.actions[0].url: '#sent': guide/x.md has no heading or "
            "anchor 'sent', so the link would leave the reader where they are on this page "
            "(its anchors: x)",
        ),
        (
            {"script": "https://cdn.example.com/c.js", "chatbot_id": "x", "consent": "chat"},
            {"index.md": "# Home\n", "extra": {"consent": {"cookies": {"analytics": "GA"}}}},
            "consent: 'chat' is not a cookie readers can accept: "
            "extra.consent.cookies lacks it (it has: analytics), so the hosted script never loads. "
            "Add it, e.g. extra: {consent: {cookies: {chat: ChatSpark}}}",
        ),
        (
            {"script": "https://cdn.example.com/c.js", "chatbot_id": "x", "consent": "chat"},
            {"index.md": "# Home\n"},
            "consent: 'chat' is not a cookie readers can accept: the site has no "
            "extra.consent (Material's cookie consent), so the hosted script never loads.",
        ),
    ],
)
def test_suspicious_input_warns_and_strict_mode_fails_on_it(
    build_site: BuildSite, options: dict[str, Any], pages: dict[str, Any], warning: str
) -> None:
    pages = dict(pages)
    extra = pages.pop("extra", None)  # mkdocs.yml's `extra:`, where a row needs one
    config = site_config(options, **({"extra": extra} if extra else {}))
    lenient = build_site(config, pages, strict=False)
    assert lenient.ok, lenient.log
    assert "WARNING" in lenient.log and warning in lenient.log
    strict = build_site(config, pages)
    assert strict.result.returncode == 1
    assert warning in strict.log
    assert "Traceback" not in strict.log


def test_same_page_anchors_that_exist_or_cannot_be_known_build_cleanly(
    build_site: BuildSite,
) -> None:
    """A page action's `#anchor` that its page has, `#top` (HTML's top of any page),
    and a site action's `#anchor`: that one is on whichever page the reader is on, so
    no one page can say it is wrong."""
    site = {"actions": [{"id": "s", "type": "button", "label": "S", "url": "#anywhere"}]}
    page = (
        "---\nchatspark:\n  actions:\n"
        "    - {id: a, type: button, label: A, url: '#https'}\n"
        "    - {id: b, type: button, label: B, url: '#top'}\n"
        "    - {id: c, type: link, label: C, url: 'settings.md#top'}\n"
        "    - {id: d, type: button, label: D, url: '#'}\n"
        "---\n# Settings\n\n## HTTPS\n"
    )
    built = build_site(site_config(site), {"index.md": "# Home\n", "settings.md": page})
    assert built.ok, built.log
    assert "WARNING" not in built.log


# --- calls to action in the prose, and site actions for parts of the site --------------


def test_calls_to_action_become_buttons_and_unknown_ids_name_page_and_line(
    build_site: BuildSite,
) -> None:
    pages = {
        **PAGES,
        "cta.md": "# CTA\n\nReady? [Book a demo](chatspark:demo)\n\n`[not](chatspark:code)`\n",
    }
    built = build_site(site_config({"actions": ACTIONS}), pages)
    assert built.ok, built.log
    html = built.html("cta/index.html")
    assert (
        '<span class="chatspark-cta" data-chatspark-action="demo" role="button" tabindex="0">'
        "Book a demo</span>" in html
    )
    assert "<code>[not](chatspark:code)</code>" in html

    bad = {**PAGES, "cta.md": "# CTA\n\nText\n\n[Go](chatspark:extra)\n"}
    built = build_site(site_config({"actions": ACTIONS}), bad)
    assert built.result.returncode == 1
    assert (
        "docs/cta.md:5: chatspark:extra: 'extra' is not an action on this page; "
        "actions here: demo, contact, api" in built.log
    )
    assert "Traceback" not in built.log
    # a page's own action can be called on that page
    own = build_site(
        site_config({"actions": ACTIONS}),
        {**PAGES, "own.md": PAGES["own.md"] + "\n[X](chatspark:extra)\n"},
    )
    assert own.ok, own.log


def test_a_call_to_action_on_an_opted_out_page_warns(build_site: BuildSite) -> None:
    pages = {**PAGES, "off.md": PAGES["off.md"] + "\n[Book](chatspark:demo)\n"}
    built = build_site(site_config({"actions": ACTIONS}), pages)
    assert built.result.returncode == 1  # --strict
    assert "docs/off.md:6: chatspark:demo: this page has no chat widget" in built.log


def test_site_actions_for_parts_of_the_site(build_site: BuildSite) -> None:
    actions = [
        {"id": "all", "type": "button", "label": "All"},
        {
            "id": "api",
            "type": "button",
            "label": "API help",
            "pages": ["api/**", "!api/internal/**"],
        },
        {"id": "notblog", "type": "button", "label": "Not blog", "pages": ["!blog/**"]},
    ]
    pages = {
        "index.md": "# Home\n",
        "api/index.md": "# API\n",
        "api/internal/x.md": "# Internal\n",
        "blog/post.md": "# Post\n",
    }
    built = build_site(site_config({"actions": actions}), pages)
    assert built.ok, built.log
    assert built.island("index.html") == {"actions": ["all", "notblog"]}
    assert built.island("api/index.html") == {}
    assert built.island("api/internal/x/index.html") == {"actions": ["all", "notblog"]}
    assert built.island("blog/post/index.html") == {"actions": ["all"]}  # neither api nor notblog


@pytest.mark.parametrize(
    ("theme", "language", "expected"),
    [
        ({"name": "mkdocs", "locale": "de"}, None, "Dieses Feld ist erforderlich."),
        ({"name": "material", "language": "fr", "font": False}, None, "Ce champ est obligatoire."),
        (
            {"name": "material", "language": "pt-BR", "font": False},
            None,
            "Este campo é obrigatório.",
        ),
        ({"name": "material", "language": "zh", "font": False}, None, "此项为必填项。"),
        ({"name": "readthedocs", "locale": "ja"}, None, "この項目は必須です。"),
        (
            {"name": "mkdocs", "locale": "es"},
            "Rellena esto, por favor.",
            "Rellena esto, por favor.",
        ),
    ],
)
def test_the_widget_speaks_the_sites_language(
    build_site: BuildSite, theme: dict[str, Any], language: Any, expected: str
) -> None:
    options: dict[str, Any] = {"messages": {"required": language}} if language else {}
    config = {**site_config(options), "theme": theme}
    built = build_site(config)
    assert built.ok, built.log
    assert built.site_data()["text"]["required"] == expected


def test_unknown_message_keys_warn(build_site: BuildSite) -> None:
    built = build_site(site_config({"messages": {"requird": "x"}}))
    assert built.result.returncode == 1
    assert "option 'messages': mkdocs.yml:" in built.log
    assert ": messages.requird: unknown key, ignored; did you mean required?" in built.log


def test_a_mistyped_key_behind_an_error_is_told_beside_it(build_site: BuildSite) -> None:
    # MkDocs drops a plugin's warnings when one of its options fails: the typo that
    # explains the error would be lost.
    select = {"key": "plan", "label": "Plan", "type": "select", "opitons": ["a", "b"]}
    form = {"id": "s", "type": "form", "label": "S", "webhook": "https://x.example/h"}
    built = build_site(site_config({"actions": [{**form, "fields": [select]}]}))
    assert built.result.returncode == 1
    assert "actions[0].fields[0].options: a select field needs a non-empty list" in built.log
    assert "actions[0].fields[0].opitons: unknown key, ignored; did you mean options?" in (
        built.log
    )
    assert "Traceback" not in built.log


def test_a_glob_that_matches_no_page_is_a_warning(build_site: BuildSite) -> None:
    # A typo in a glob hid the action on every page without a word.
    action = {"id": "b", "type": "button", "label": "B", "pages": ["guidee/**", "!index.md"]}
    options = {"actions": [action], "answers": {"exclude": ["drafst/**"]}}
    pages = {"index.md": "# Home\n", "guide/setup.md": "# Setup\n"}
    built = build_site(site_config(options), pages)
    assert built.result.returncode == 1
    assert without_lines(built.log).count("matches no page of the site") == 2
    assert "mkdocs.yml: actions[0].pages[0]: 'guidee/**' matches no page of the site" in (
        without_lines(built.log)
    )
    assert "mkdocs.yml: answers.exclude[0]: 'drafst/**' matches no page" in without_lines(built.log)
    # The same globs, spelled right, build clean.
    action["pages"] = ["guide/**", "!index.md"]
    options["answers"] = {"exclude": ["guide/setup.md"]}
    built = build_site(site_config(options), pages)
    assert built.ok, built.log


def test_the_site_is_built_by_the_tool_asked_for(build_site: BuildSite) -> None:
    built = build_site(site_config(theme="material"))
    match = re.search(r'<meta name="generator" content="([^"]+)"', built.html("index.html"))
    assert match is not None
    assert ("ProperDocs" in match.group(1)) is (TOOL == "properdocs"), match.group(1)


def test_preview_is_off_in_a_build_unless_asked_for(build_site: BuildSite) -> None:
    assert "preview" not in build_site(site_config()).site_data()
    assert build_site(site_config({"preview": True})).site_data()["preview"] is True


def _plugin_lines(log: str) -> list[str]:
    return [
        line.split(" - ", 1)[1].strip() for line in log.splitlines() if "mkdocs_chatspark" in line
    ]


def test_a_build_ends_with_one_line_saying_what_the_plugin_did(build_site: BuildSite) -> None:
    # An entry lost from `plugins:` (a second `plugins:` key) builds as cleanly: this
    # line is how an author tells. INFO, so --strict still passes.
    pages = {
        **PAGES,
        "index.md": "# Home\n\nWelcome to the docs.\n\n## Install\n\nRun pip install.\n",
        "pricing.md": "# Pricing\n\nThree plans.\n\n## Plans\n\nFree, team, company.\n",
    }
    built = build_site(site_config({"actions": ACTIONS}), pages)
    assert built.ok, built.log
    meta_js = (built.site / "assets/chatspark/answers/en/meta.js").read_text(encoding="utf-8")
    meta = json.loads(meta_js[meta_js.index("]=") + 2 : -2])
    assert (meta["sections"], len(meta["pages"])) == (4, 2)
    # 7 pages, off.md and off2.md opted out; own.md replaces one action and adds one.
    assert _plugin_lines(built.log) == [
        "mkdocs_chatspark: widget on 5 of 7 pages, 3 site actions (own actions on 1 page); "
        "answers index: 4 sections of 2 pages (en)"
    ]
    assert "WARNING" not in built.log


def test_the_line_counts_feedback_and_says_when_there_is_no_index_or_no_plugin(
    build_site: BuildSite,
) -> None:
    pages = {
        "index.md": "# Home\n\nWelcome.\n",
        "quiet.md": "---\nchatspark:\n  feedback: false\n---\n# Quiet\n",
    }
    config = site_config({"actions": ACTIONS[2:], "feedback": True, "answers": False})
    built = build_site(config, pages)
    assert built.ok, built.log
    assert _plugin_lines(built.log) == [
        "mkdocs_chatspark: widget on 2 of 2 pages, 1 site action; page feedback on 1 page; "
        "no answers index"
    ]
    off = build_site(site_config({"enabled": False, "actions": ACTIONS}), pages)
    assert off.ok, off.log
    assert _plugin_lines(off.log) == [
        "mkdocs_chatspark: enabled: false, so no page has the chat widget"
    ]


NETLIFY_FORM = {
    "id": "contact",
    "type": "form",
    "label": "Contact",
    "webhook": {"netlify": True},
    "fields": [
        {"key": "email", "type": "email", "required": True},
        {"key": "message", "type": "textarea"},
        {"key": "topics", "type": "select", "options": ["a", "b"], "multiple": True},
        {"key": "campaign", "type": "hidden", "value": "spring"},
    ],
}


def test_netlify_forms_get_the_static_form_netlifys_deploy_step_reads(
    build_site: BuildSite,
) -> None:
    pages = {
        "index.md": "# Home\n",
        "own.md": (
            "---\nchatspark:\n  actions:\n"
            "    - {id: contact, type: form, label: C, webhook: {netlify: true}, "
            "fields: [{key: company}]}\n"
            "    - {id: trial, type: form, label: T, webhook: {netlify: true}, "
            "fields: [{key: seats, type: number}]}\n---\n# Own\n"
        ),
        "off.md": (
            "---\nchatspark:\n  enabled: false\n  actions:\n"
            "    - {id: hidden_one, type: form, label: H, webhook: {netlify: true}, "
            "fields: [{key: x}]}\n---\n# Off\n"
        ),
    }
    built = build_site(site_config({"actions": [NETLIFY_FORM]}), pages)
    assert built.ok, built.log
    html = built.html("chatspark-forms.html")
    forms = re.findall(r"<form [^>]*>.*?</form>", html)
    assert forms == [
        '<form name="contact" data-netlify="true" netlify-honeypot="chatspark-website" hidden="">'
        '<input type="hidden" name="form-name" value="contact">'
        '<input type="email" name="email"><textarea name="message"></textarea>'
        '<input type="text" name="topics"><input type="hidden" name="campaign">'
        '<input type="text" name="company">'  # the page's own form of the same id adds its fields
        '<input name="chatspark-website"></form>',
        '<form name="trial" data-netlify="true" netlify-honeypot="chatspark-website" hidden="">'
        '<input type="hidden" name="form-name" value="trial">'
        '<input type="text" name="seats"><input name="chatspark-website"></form>',
    ]
    # No page carries it: the file stands alone, out of the pages and the search index.
    assert "netlify" not in built.html("index.html")
    assert "chatspark-forms" not in (built.site / "search" / "search_index.json").read_text()
    contact = built.site_data()["actions"][0]
    assert contact["netlify"] is True and "webhook" not in contact


def test_no_netlify_form_no_static_form_file(build_site: BuildSite) -> None:
    built = build_site(site_config({"actions": ACTIONS}), PAGES)
    assert built.ok, built.log
    assert not (built.site / "chatspark-forms.html").exists()


def test_new_fields_and_options_reach_the_site_data(build_site: BuildSite) -> None:
    form = {
        "id": "lead",
        "type": "form",
        "label": "Lead",
        "min_fill_seconds": 2,
        "url": "mailto:sales@example.com",
        "fields": [
            {"key": "name", "help": "As on your badge."},
            {"key": "plan", "type": "radio", "options": ["Starter", "Team"], "default": "Team"},
            {"key": "start", "type": "date", "min": "2026-12-01"},
            {"key": "seats", "type": "number", "min": 1, "max": 500, "step": 1},
            {
                "key": "vat",
                "pattern": "[A-Z]{2}[0-9]{8,12}",
                "pattern_message": "Like DE123456789.",
            },
            {"key": "campaign", "type": "hidden", "value": "spring"},
        ],
    }
    config = site_config({"actions": [form], "analytics": True, "context": ["utm", "referrer"]})
    built = build_site(config, {"index.md": "# Home\n"})
    assert built.ok, built.log
    data = built.site_data()
    assert (data["analytics"], data["context"]) == (True, ["utm", "referrer"])
    lead = data["actions"][0]
    assert (lead["mailto"], lead["minFillSeconds"]) == (True, 2)
    assert lead["fields"] == [
        {
            "key": "name",
            "label": "name",
            "type": "text",
            "help": "As on your badge.",
            "autocomplete": "name",
        },
        {
            "key": "plan",
            "label": "plan",
            "type": "radio",
            "options": ["Starter", "Team"],
            "default": "Team",
        },
        {"key": "start", "label": "start", "type": "date", "min": "2026-12-01"},
        {"key": "seats", "label": "seats", "type": "number", "min": 1, "max": 500, "step": 1},
        {
            "key": "vat",
            "label": "vat",
            "type": "text",
            "pattern": "[A-Z]{2}[0-9]{8,12}",
            "patternMessage": "Like DE123456789.",
        },
        {"key": "campaign", "label": "campaign", "type": "hidden", "value": "spring"},
    ]


def test_a_mistake_in_mkdocs_yml_names_its_line_beside_yaml_tags(tmp_path: Path) -> None:
    """The line lookup reads the file MkDocs read, with MkDocs' `!ENV` and `!relative`
    and Material's `!!python/name:` tags in it."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        """\
site_name: Tagged
theme:
  name: material
  font: false
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.snippets:
      base_path: !relative $config_dir
plugins:
  - chatspark:
      enabled: !ENV [CHATSPARK, true]
      actions:
        - id: ok
          type: button
          label: OK
        - id: bad
          type: button
          label: Bad
          webhook: http://hooks.example.com/x
""",
        encoding="utf-8",
    )
    built = run_build(tmp_path)
    assert built.result.returncode == 1
    assert "mkdocs.yml:21: actions[1].webhook: 'http://hooks.example.com/x' uses http" in built.log
    assert "Traceback" not in built.log
