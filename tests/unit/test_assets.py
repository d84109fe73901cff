"""The browser files and the Python side agree on the names they share."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown

from mkdocs_chatspark import extension, model, render

JS_NAME = re.compile(r'^var ([A-Z_]+) = "([^"]*)";$', re.M)


def js_names() -> dict[str, str]:
    source = (render.ASSET_SOURCES / "src" / "data.js").read_text(encoding="utf-8")
    return dict(JS_NAME.findall(source))


def test_the_widget_reads_the_names_the_build_writes() -> None:
    assert js_names() == {
        "ISLAND_ID": render.ISLAND_ID,
        "BOOT_STYLE_ID": render.BOOT_STYLE_ID,
        "DATA_ATTRIBUTE": render.DATA_ATTRIBUTE,
        "CTA_CLASS": extension.CTA_CLASS,
        "CTA_ATTRIBUTE": extension.CTA_ATTRIBUTE,
        "HONEYPOT_INPUT": render.HONEYPOT_INPUT,
        "GOTCHA": model.HONEYPOT,
    }


def test_the_bootstrap_keeps_early_clicks_on_the_same_attribute() -> None:
    boot = render.asset_source("boot.js")
    # presses on calls to action are the bootstrap's to keep and pass on
    assert f'node.closest("[{extension.CTA_ATTRIBUTE}],.chatspark-facade")' in boot
    # a page without the chat (no island) fetches nothing and shows no launcher
    assert f'd.getElementById("{render.ISLAND_ID}")' in boot
    assert f'node.getAttribute("{extension.CTA_ATTRIBUTE}")' in boot
    assert f'd.getElementById("{render.BOOT_STYLE_ID}")' in boot  # the inline boot.css


def test_the_names_are_spelled_once_in_the_widget() -> None:
    """Every other part uses the constants, so a rename cannot miss one."""
    widget = render.asset_source("widget.js")
    for value in js_names().values():
        assert widget.count(f'"{value}"') == 1, value


def test_the_island_and_the_calls_to_action_carry_those_names() -> None:
    settings = render.SiteSettings("b", None, None, {}, "right", 10, False, (), load="eager")
    [island, *_] = render.content_elements("", {"greeting": "Hi"}, settings)
    assert island.get("id") == render.ISLAND_ID
    assert island.get(render.DATA_ATTRIBUTE) == '{"greeting":"Hi"}'
    assert f'id="{render.ISLAND_ID}"' in render.head_tags(lambda u: u, "site.x.js", {})

    html = markdown.markdown(
        "[Book](chatspark:book_demo)", extensions=[extension.ChatSparkExtension()]
    )
    button = etree.fromstring(html).find("button")
    assert button is not None
    assert button.get("class") == extension.CTA_CLASS
    assert button.get(extension.CTA_ATTRIBUTE) == "book_demo"


def test_the_stylesheet_styles_the_calls_to_action() -> None:
    # boot.css, which a page with calls to action has in <head> before the first paint.
    assert f".{extension.CTA_CLASS}" in render.asset("boot.css")
    assert f".{extension.CTA_CLASS}" not in render.asset("widget.css")  # late: it would shift


def test_widget_js_is_joined_from_its_parts_in_one_scope() -> None:
    widget = render.asset_source("widget.js")
    assert widget.startswith("(function (w, d) {")
    assert widget.endswith("})(window, document);\n")
    offsets = [widget.index(f"part {n} of {len(render.WIDGET_PARTS)}") for n in range(1, 8)]
    assert offsets == sorted(offsets)


def test_the_outbox_touches_no_dom() -> None:
    outbox = (render.ASSET_SOURCES / "src" / "outbox.js").read_text(encoding="utf-8")
    code = re.sub(r"//[^\n]*|/\*.*?\*/", "", outbox, flags=re.S)
    assert not re.search(r"\b(d|document|window|location)\.", code)


TOP_LEVEL = re.compile(r"^(?:function|var) ([A-Za-z_$][\w$]*)", re.M)


def test_no_two_parts_declare_the_same_name() -> None:
    # The parts share one scope: a second `function consented()` in another part
    # silently replaces the first (hoisting), as a merge once did.
    seen: dict[str, str] = {}
    for part in render.WIDGET_PARTS:
        source = (render.ASSET_SOURCES / "src" / part).read_text(encoding="utf-8")
        for name in TOP_LEVEL.findall(source):
            assert name not in seen, f"{name} is declared in {seen[name]} and in {part}"
            seen[name] = part
    assert len(seen) > 20  # the pattern does find the parts' declarations
