"""The browser files and the Python side agree on the names they share."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown

from mkdocs_chatspark import answering, cta, feedback, model, render

SRC = Path(render.__file__).parent / "assets" / "src"
JS_NAME = re.compile(r'^export const ([A-Z_]+) = "([^"]*)";$', re.M)


def js_names() -> dict[str, str]:
    return dict(JS_NAME.findall((SRC / "names.js").read_text(encoding="utf-8")))


def test_the_widget_reads_the_names_the_build_writes() -> None:
    assert js_names() == {
        "ISLAND_ID": render.ISLAND_ID,
        "BOOT_STYLE_ID": render.BOOT_STYLE_ID,
        "DATA_ATTRIBUTE": render.DATA_ATTRIBUTE,
        "CTA_CLASS": cta.CTA_CLASS,
        "CTA_ATTRIBUTE": cta.CTA_ATTRIBUTE,
        "HONEYPOT_INPUT": render.HONEYPOT_INPUT,
        "GOTCHA": model.HONEYPOT,
        "VOTE_ATTRIBUTE": feedback.VOTE_ATTRIBUTE,
        "FEEDBACK_ATTRIBUTE": feedback.BLOCK_ATTRIBUTE,
    }


def test_the_bootstrap_keeps_early_clicks_on_the_same_attribute() -> None:
    boot = (SRC / "boot.js").read_text(encoding="utf-8")
    # names.js's names, which the build defines for the bootstrap as literal strings
    build = (SRC.parents[2] / "scripts" / "build-assets.mjs").read_text(encoding="utf-8")
    assert "define: Object.fromEntries(names.map(" in build
    assert not [p for p in map_sources("boot.js") if p.endswith("names.js")]  # not imported
    # presses on calls to action are the bootstrap's to keep and pass on
    assert 'node.closest?.("[" + CTA_ATTRIBUTE + "],.chatspark-facade" +' in boot
    # and, for a press only, the votes of "Was this page helpful?"
    assert '(vote ? ",[" + VOTE_ATTRIBUTE + "]" : "")' in boot
    assert "trigger(e.target, 1)" in boot
    # the widget tells them apart by the same attributes
    start = (SRC / "start.js").read_text(encoding="utf-8")
    assert "node.getAttribute(CTA_ATTRIBUTE)" in start
    assert "node.hasAttribute(VOTE_ATTRIBUTE)" in start
    # a page without the chat (no island) fetches nothing and shows no launcher
    assert "document.getElementById(ISLAND_ID)" in boot
    assert "document.getElementById(BOOT_STYLE_ID)" in boot  # the inline boot.css
    # and the built file has the values themselves
    built = render.asset("boot.js")
    for name in (
        render.ISLAND_ID,
        render.BOOT_STYLE_ID,
        cta.CTA_ATTRIBUTE,
        feedback.VOTE_ATTRIBUTE,
    ):
        assert name in built, name


def test_the_names_are_spelled_once_in_the_sources() -> None:
    """Every other file imports the constants, so a rename cannot miss one."""
    for value in js_names().values():
        spelled = [p.name for p in sorted(SRC.glob("*.js")) if f'"{value}"' in p.read_text()]
        assert spelled == ["names.js"], value


def test_the_island_and_the_calls_to_action_carry_those_names() -> None:
    settings = render.SiteSettings("b", None, None, {}, "right", 10, False, (), load="eager")
    [island, *_] = render.content_elements("", {"greeting": "Hi"}, settings)
    assert island.get("id") == render.ISLAND_ID
    assert island.get(render.DATA_ATTRIBUTE) == '{"greeting":"Hi"}'
    assert f'id="{render.ISLAND_ID}"' in render.head_tags(lambda u: u, "site.x.js", {})

    html = markdown.markdown("[Book](chatspark:book_demo)", extensions=[cta.CallsExtension()])
    button = etree.fromstring(html).find("span")
    assert button is not None
    assert button.get("class") == cta.CTA_CLASS
    assert button.get(cta.CTA_ATTRIBUTE) == "book_demo"
    assert (button.get("role"), button.get("tabindex")) == ("button", "0")


def test_the_stylesheet_styles_the_calls_to_action() -> None:
    # boot.css, which a page with calls to action has in <head> before the first paint.
    assert f".{cta.CTA_CLASS}" in render.asset("boot.css")
    assert f".{cta.CTA_CLASS}" not in render.asset("widget.css")  # late: it would shift


def map_sources(name: str) -> list[str]:
    sources: list[str] = json.loads(render.asset(f"{name}.map"))["sources"]
    return sources


def test_each_built_file_has_its_source_map_beside_it() -> None:
    for name in ("widget.js", "widget.css", *PARTS):
        link = render.asset(name).rstrip().splitlines()[-1]
        assert link in (f"//# sourceMappingURL={name}.map", f"/*# sourceMappingURL={name}.map */")
        # The answers part ships only with answers on (answering.PART_FILES).
        assert f"{name}.map" in (*render.STATIC_ASSETS, *answering.PART_FILES)
    # The bootstrap's maps are beside it, unlinked: boot.css is also copied inline
    # into pages, and the link would cost boot.js 24 B of its 2 kB budget.
    for name in ("boot.js", "boot.css"):
        assert "sourceMappingURL" not in render.asset(name)
        assert f"{name}.map" in render.STATIC_ASSETS
    for name in ("boot.js", "widget.js", "boot.css", "widget.css"):
        assert f"../src/{name}" in map_sources(name)


PARTS = ("outbox.js", "form.js", "measure.js", "feedback.js", "answers.js")


def src_modules(name: str) -> set[str]:
    """The modules of assets/src a built file is made of, by their path there."""
    return {s.removeprefix("../src/") for s in map_sources(name) if s.startswith("../src/")}


def test_every_module_is_in_the_core_or_a_part_and_parts_share_the_core() -> None:
    core = src_modules("widget.js")
    parts = {p: src_modules(p) for p in PARTS}
    modules = {p.relative_to(SRC).as_posix() for p in SRC.rglob("*.js")} - {"boot.js"}
    assert core.union(*parts.values()) == modules
    for part, own in parts.items():
        assert part in own and part not in core
        # what the core has, a part takes from the core (names.js: constants, inlined)
        assert own & core <= {"names.js"}, (part, own & core)
        # ... and another part's module from that part (one outbox): never a copy
        for other, theirs in parts.items():
            assert other == part or not (own & theirs) - {"names.js"}, (part, other)
        assert {s for s in map_sources(part) if s.startswith("core:")} <= {
            f"core:{m}" for m in core | set(PARTS)
        }
    assert {"fields.js", "form.js"} <= parts["form.js"]
    assert parts["feedback.js"] == {"feedback.js", "names.js"}  # the outbox is the outbox part's
    assert "outbox.js" not in core


def test_a_part_that_imports_another_is_loaded_after_it() -> None:
    """The core knows which parts need which (scripts/build-assets.mjs writes it in):
    the form and feedback parts take the outbox part's module, so it loads first."""
    widget = render.asset("widget.js")
    needs = re.search(r"\{form:\[[^]]*\][^}]*\}", widget)
    assert needs is not None
    assert 'form:["outbox"]' in needs.group(0)
    assert 'feedback:["outbox"]' in needs.group(0)
    for part in ("form.js", "feedback.js"):
        assert "core:outbox.js" in map_sources(part)


def test_the_handles_members_have_fixed_short_names() -> None:
    """The bootstrap's handle for the widget (members ending in `_`) is shortened
    in each script's build by one table, so that boot.js and widget.js, built
    apart, agree: every such member of the sources is in it, and none is left long."""
    table = (SRC.parents[2] / "scripts" / "build-assets.mjs").read_text(encoding="utf-8")
    fixed = dict(
        re.findall(r"(\w+_): \"(\w)\"", re.search(r"const HANDLE = \{.*?\};", table).group(0))
    )
    used = set()
    for path in SRC.rglob("*.js"):
        code = re.sub(r"//[^\n]*|/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        used |= {a or b for a, b in re.findall(r"\.(\w+_)\b|^\s*(\w+_)\s*[:(]", code, re.M)}
    assert used == set(fixed), (used, fixed)
    assert len(set(fixed.values())) == len(fixed)
    for name in ("boot.js", "widget.js"):
        assert not set(re.findall(r"\b\w+_\b", render.asset(name))) & used, name
    assert re.search(r"__chatspark=\{l(:\w+)?,s\(", render.asset("boot.js"))  # l: or l itself


def test_boot_css_links_no_source_map() -> None:
    """It is copied into pages too: a relative map address would resolve against the
    page. Its map is shipped beside it all the same."""
    assert "sourceMappingURL" not in render.asset("boot.css")
    assert "../src/boot.css" in map_sources("boot.css")


def test_the_outbox_touches_no_dom() -> None:
    outbox = (SRC / "outbox.js").read_text(encoding="utf-8")
    code = re.sub(r"//[^\n]*|/\*.*?\*/", "", outbox, flags=re.S)
    assert not re.search(r"\b(document|window|location)\.", code)
