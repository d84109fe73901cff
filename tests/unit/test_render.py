"""What the build writes for the browser: HTML-safe JSON and the tags."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
import xml.etree.ElementTree as etree

import pytest

from mkdocs_chatspark import merge, render
from mkdocs_chatspark.model import Action, Field

HOSTILE = [
    "</script><script>alert(1)</script>",
    "<!--",
    'Tom\'s "quoted" & <b>bold</b>',
    "line\u2028separator\u2029paragraph",
    "\u202eRTL override",
    "日本語 · émoji 🎉",
    "",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_dumps_round_trips_and_cannot_end_a_script_element(text: str) -> None:
    out = render.dumps({"label": text, "list": [text]})
    assert json.loads(out) == {"label": text, "list": [text]}
    assert "<" not in out and ">" not in out and "&" not in out
    assert "\u2028" not in out and "\u2029" not in out


def test_dumps_keeps_unicode_readable_and_compact() -> None:
    assert render.dumps({"a": "é", "b": [1, 2]}) == '{"a":"é","b":[1,2]}'


def test_dumps_refuses_nan() -> None:
    with pytest.raises(ValueError):
        render.dumps(float("nan"))


def test_action_json_uses_the_client_api_names_and_omits_defaults() -> None:
    button = Action(id="demo", type="button", label="Demo")
    assert render.action_json(button) == {"id": "demo", "type": "button", "label": "Demo"}
    form = Action(
        id="c",
        type="form",
        label="C",
        primary=True,
        webhook="https://h.example/c",
        url="thanks/",
        site_relative=True,
        fields=(
            Field(key="email", label="Email", type="email", required=True, placeholder="you@x"),
            Field(key="size", label="Size", type="select", options=("S", "M")),
            Field(key="note", label="Note", max_length=10),
        ),
    )
    assert render.action_json(form) == {
        "id": "c",
        "type": "form",
        "label": "C",
        "primary": True,
        "url": "thanks/",
        "siteRelative": True,
        "webhook": "https://h.example/c",
        "fields": [
            {
                "key": "email",
                "label": "Email",
                "type": "email",
                "required": True,
                "placeholder": "you@x",
            },
            {"key": "size", "label": "Size", "type": "select", "options": ["S", "M"]},
            {"key": "note", "label": "Note", "type": "text", "maxLength": 10},
        ],
    }
    assert render.action_json(
        Action(id="b", type="button", label="B", submit_label=None, success_message="Yes!")
    ) == {
        "id": "b",
        "type": "button",
        "label": "B",
        "successMessage": "Yes!",
    }


def test_page_data_sends_ids_for_site_actions_and_objects_for_the_page_own() -> None:
    own = Action(id="o", type="button", label="Own")
    plan = merge.PagePlan(actions=("a", own), greeting="Hi")
    assert render.page_data(plan) == {
        "actions": ["a", {"id": "o", "type": "button", "label": "Own"}],
        "greeting": "Hi",
    }
    assert render.page_data(merge.PagePlan()) == {}


def test_site_script_file_name_follows_its_content() -> None:
    name1, content1 = render.site_script({"actions": []})
    name2, _ = render.site_script({"actions": [1]})
    assert re.fullmatch(r"site\.[0-9a-f]{10}\.js", name1)
    assert name1 != name2
    assert content1 == 'window.__chatsparkSite={"actions":[]};\n'


def url(path: str) -> str:
    return "../" + path


def test_head_tags_carry_the_island_and_deferred_scripts() -> None:
    head = render.head_tags(url, "site.abc.js", {"greeting": "</script>"})
    assert head == (
        '<script type="application/json" id="chatspark-page">{"greeting":"\\u003c/script\\u003e"}</script>'
        '<script defer src="../assets/chatspark/site.abc.js"></script>'
        '<script defer src="../assets/chatspark/widget.js"></script>'
    )
    assert "chatspark-page" not in render.head_tags(url, "site.abc.js", None)


def settings(load: str, position: str = "right") -> render.SiteSettings:
    return render.SiteSettings(
        chatbot_id="bot",
        script=None,
        script_integrity=None,
        text={
            "launcher_label": 'Ask "us" <now>',
            "not_loaded": "The chat could not load.",
            "retry": "Try again",
        },
        position=position,
        webhook_timeout=10,
        preview=False,
        actions=(),
        load=load,
    )


def _tags(elements: list[etree.Element]) -> list[tuple[str, dict[str, str]]]:
    return [(e.tag, dict(e.attrib)) for e in elements]


@pytest.mark.parametrize("load", ["idle", "interaction"])
def test_content_elements_let_the_bootstrap_fetch_the_widget_when_load_says(load: str) -> None:
    """The Markdown extension: no site file, so the bootstrap has no data-site and
    fetches widget.js alone; the site's data is in the island."""
    island, boot = render.content_elements("../", {"site": {}}, settings(load, "left"))
    assert island.get("id") == render.ISLAND_ID
    assert _tags([boot]) == [
        (
            "script",
            {
                "src": "../assets/chatspark/boot.js",
                "data-load": load,
                "data-label": 'Ask "us" <now>',  # an attribute: the serializer escapes it
                "data-position": "left",
                "data-failed": "The chat could not load.",
                "data-retry": "Try again",
            },
        )
    ]


def test_an_english_launcher_name_on_a_page_in_another_language_says_so() -> None:
    """Arabic has no catalog: the launcher's name is the English fallback, and the
    bootstrap marks its launcher lang="en" (issue 20, item 10)."""
    s = dataclasses.replace(settings("idle"), english=("launcher_label", "close"))
    assert render.boot_attributes(s)["data-lang"] == "en"
    assert "data-lang" not in render.boot_attributes(settings("idle"))


@pytest.mark.parametrize(
    ("load", "in_head", "how"),
    [
        ("idle", True, "async"),  # a task of its own, not inside the theme's DOMContentLoaded
        ("interaction", True, "async"),
        ("eager", True, "defer"),  # before the deferred site data and widget, which need it
        ("idle", False, ""),  # before the site's first script, which may call it
    ],
)
def test_the_bootstrap_tag_waits_for_nothing_in_head_and_runs_first_before_scripts(
    load: str, in_head: bool, how: str
) -> None:
    tag = render.boot_tag(lambda p: "../" + p, "site.abc.js", settings(load), in_head=in_head)
    opening = tag.split(" src=", 1)[0]
    assert opening == ("<script " + how).rstrip()


def test_content_elements_with_load_eager_load_the_widget_with_the_page() -> None:
    assert _tags(render.content_elements("", None, settings("eager"))) == [
        ("script", {"src": "assets/chatspark/boot.js"}),
        ("script", {"src": "assets/chatspark/widget.js", "defer": "defer"}),
    ]


def test_the_calls_to_actions_style_for_the_content() -> None:
    head = render.head_tags(lambda p: p, "site.js", None, load="idle", calls_to_action=True)
    content = etree.tostring(render.style_element(), encoding="unicode", method="html")
    assert content == head  # the same markup from both hosts


PAGE = "<html><head><title>T</title></head><body class=x><p>Hi</p></body></html>"


def test_without_extra_javascript_the_bootstrap_goes_into_head_before_the_rest() -> None:
    out = render.inject(PAGE, "<HEAD>", "<BOOT>")
    assert out == (
        "<html><head><title>T</title><BOOT><HEAD></head><body class=x><p>Hi</p></body></html>"
    )


THEMED = (
    '<html><head><link rel="stylesheet" href="../x.css"></head><body><p>Hi</p>'
    '<script src="../assets/bundle.js"></script>'
    '<script src="../js/own.js" defer></script><script src="../js/two.js"></script>'
    "</body></html>"
)


def test_the_bootstrap_goes_just_before_the_first_extra_javascript_script() -> None:
    out = render.inject(THEMED, "<HEAD>", "<BOOT>", boot_before=["js/own.js", "js/two.js"])
    assert out == THEMED.replace("</head>", "<HEAD></head>").replace(
        '<script src="../js/own.js"', '<BOOT><script src="../js/own.js"'
    )


def test_an_extra_script_from_another_site_is_found_too() -> None:
    page = THEMED.replace("../js/own.js", "https://cdn.example.com/own.js?v=1&amp;x=2")
    out = render.inject(page, "<H>", "<B>", boot_before=["https://cdn.example.com/own.js?v=1&x=2"])
    assert out is not None
    assert '<B><script src="https://cdn.example.com/own.js' in out


def test_a_theme_with_extra_javascript_in_head() -> None:
    page = '<head><script src="js/own.js"></script></head><body>x</body>'
    assert render.inject(page, "<H>", "<B>", boot_before=["js/own.js"]) == (
        '<head><B><script src="js/own.js"></script><H></head><body>x</body>'
    )


def test_when_the_extra_script_is_not_found_the_bootstrap_runs_first_in_body() -> None:
    # Safe for the author's scripts, wherever the theme put them.
    out = render.inject(PAGE, "<HEAD>", "<BOOT>", boot_before=["js/elsewhere.js"])
    assert (
        out
        == "<html><head><title>T</title><HEAD></head><body class=x><BOOT><p>Hi</p></body></html>"
    )
    # A mention of the path that is not a script's src does not count.
    page = PAGE.replace("<p>Hi</p>", '<p>see js/elsewhere.js"</p>')
    out = render.inject(page, "<H>", "<B>", boot_before=["js/elsewhere.js"])
    assert out is not None and "<body class=x><B><p>" in out


def test_inject_without_body_tag_runs_the_bootstrap_from_head() -> None:
    assert render.inject("<head></head><p>x", "<H>", "<B>") == "<head><B><H></head><p>x"


def test_inject_without_head_changes_nothing() -> None:
    assert render.inject("<p>fragment</p>", "<H>", "<B>") is None


@pytest.mark.parametrize("name", ["boot.js", "boot.css", "widget.js", "widget.css", "outbox.js"])
def test_shared_files_ship_minified_with_their_names_intact(name: str) -> None:
    # What it was built from: the sources its map carries.
    source = "".join(json.loads(render.asset(f"{name}.map"))["sourcesContent"])
    shipped = render.asset(name)
    assert len(shipped) < 0.85 * len(source)
    assert "/* " not in shipped  # comments are gone
    for kept in {
        "boot.js": ["__chatspark", "widget.js", "data-chatspark-action"],
        "boot.css": [".chatspark-facade", ".chatspark-cta", "--md-primary-fg-color"],
        "widget.js": ["action-triggered", "document$"],
        "outbox.js": ["Idempotency-Key", "Retry-After"],
        "widget.css": [".chatspark-launcher", "--md-primary-fg-color"],
    }[name]:
        assert kept in shipped


def test_the_csp_hash_is_of_the_file_the_package_ships() -> None:
    """A site's build copies boot.css as it is: its hash depends on the package alone."""
    shipped = (render.DIST / "boot.css").read_bytes()
    expected = base64.b64encode(hashlib.sha256(shipped).digest()).decode()
    assert render.boot_style_hash() == f"'sha256-{expected}'"
    assert render.head_tags(lambda u: u, "s.js", {}, calls_to_action=True).count(shipped.decode())
