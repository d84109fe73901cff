"""The page pipeline both hosts call: what a page gets, and its errors and warnings."""

from __future__ import annotations

from typing import Any

import pytest
from mkdocs.utils.meta import get_data

from mkdocs_chatspark import pipeline, render
from mkdocs_chatspark.cta import Call
from mkdocs_chatspark.errors import Notice
from mkdocs_chatspark.model import Action

SITE = (Action(id="a", type="button", label="A"), Action(id="b", type="button", label="B"))


def site(instant: bool = False, project: str = ".") -> pipeline.Site:
    settings = render.SiteSettings("bot", None, None, {}, "right", 10, False, SITE)
    return pipeline.Site(SITE, settings, instant, False, (), {}.get, project=project)


def outcome(front_matter: Any, calls: list[Call] = [], **kw: Any) -> Any:  # noqa: B006
    return pipeline.page_outcome(
        site(instant=kw.get("keep_bootstrap", False)),
        front_matter,
        "page.md",
        calls,
        file="docs/page.md",
    )


@pytest.mark.parametrize(
    ("text", "inject"),
    [
        ("chatspark: yes", True),  # YAML's booleans, as MkDocs reads front matter
        ("chatspark: true", True),
        ("chatspark: on", True),
        ("chatspark: no", False),
        ("chatspark: off", False),
        ("chatspark: false", False),
    ],
)
def test_yaml_booleans_turn_the_widget_on_and_off(text: str, inject: bool) -> None:
    _, meta = get_data(f"---\n{text}\n---\n# Page\n")
    result = outcome(meta["chatspark"])
    assert (result.inject, result.errors, result.warnings) == (inject, (), ())
    assert result.data == ({} if inject else None)


def test_true_is_the_defaults_explicitly() -> None:
    assert outcome(True) == outcome(None)


def test_an_opted_out_page_keeps_the_shared_files_under_instant_navigation() -> None:
    result = outcome(False, keep_bootstrap=True)
    assert (result.inject, result.data) == (True, None)


def test_calls_to_action_are_checked_against_the_page() -> None:
    result = outcome({"hide": ["b"]}, [Call("a", 3), Call("b", 7)])
    assert result.errors == (
        Notice(
            "docs/page.md", "chatspark:b", "'b' is not an action on this page; actions here: a", 7
        ),
    )
    assert str(result.errors[0]).startswith("docs/page.md:7: chatspark:b: ")
    assert not result.inject


def test_a_call_is_placed_where_it_is_written() -> None:
    included = Call("x", 2, "snippets/cta.md", "docs/page.md:5")
    elsewhere = Call("y")  # a docstring, another plugin's output
    assert [str(e) for e in outcome(None, [included]).errors] == [
        "snippets/cta.md:2: chatspark:x: 'x' is not an action on this page; "
        "actions here: a, b (included by docs/page.md:5)"
    ]
    assert [str(e) for e in outcome(None, [elsewhere]).errors] == [
        "docs/page.md: chatspark:y: 'y' is not an action on this page; actions here: a, b "
        "(not written in the page's file: a docstring, or another plugin's output)"
    ]


def test_a_call_on_an_opted_out_page_is_a_warning() -> None:
    result = outcome(False, [Call("a", 4)])
    assert result.errors == ()
    assert [str(w) for w in result.warnings] == [
        "docs/page.md:4: chatspark:a: this page has no chat widget (chatspark: false), "
        "so the button does nothing"
    ]


def test_front_matter_errors_and_warnings_carry_file_and_key_path() -> None:
    result = outcome({"hide": ["zz"], "hidden": 1})
    assert [(n.file, n.key_path) for n in result.errors] == [("docs/page.md", "chatspark.hide[0]")]
    assert [(n.file, n.key_path) for n in result.warnings] == [("docs/page.md", "chatspark.hidden")]


def test_a_page_source_is_read_only_for_a_line_and_its_calls_are_placed(tmp_path: Any) -> None:
    """The one entry both hosts call: the page's file is read when a call or a
    mistake needs a line, and not at all for a page with neither."""
    reads = []
    text = "---\nchatspark:\n  hide: [b]\n---\n# Page\n\n[Go](chatspark:b)\n"

    def read() -> str:
        reads.append(1)
        return text

    def source(found: tuple[str, ...]) -> pipeline.PageSource:
        _, meta = get_data(text)
        return pipeline.PageSource("page.md", "docs/page.md", meta, read, found)

    assert pipeline.page(site(), source(())).errors == ()
    assert reads == []
    result = pipeline.page(site(), source(("b",)))
    assert [str(e) for e in result.errors] == [
        "docs/page.md:7: chatspark:b: 'b' is not an action on this page; actions here: a"
    ]
    assert reads


def test_a_call_from_an_included_file_is_placed_in_that_file(tmp_path: Any) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets.md").write_text("[Go](chatspark:nope)\n", encoding="utf-8")
    page = tmp_path / "docs" / "page.md"
    page.write_text('# Page\n\n--8<-- "snippets.md"\n', encoding="utf-8")
    source = pipeline.PageSource("page.md", "docs/page.md", {}, page.read_text, ("nope",), page)
    the_site = pipeline.Site(
        SITE,
        site().settings,
        False,
        False,
        (),
        {}.get,
        docs_dir=str(tmp_path / "docs"),
        project=str(tmp_path),
    )
    assert [str(e) for e in pipeline.page(the_site, source).errors] == [
        "snippets.md:1: chatspark:nope: 'nope' is not an action on this page; "
        "actions here: a, b (included by docs/page.md:3)"
    ]


@pytest.mark.parametrize(
    ("meta", "warned"),
    [
        ({"chatsprak": False}, ["chatsprak"]),
        ({"ChatSpark": {"greeting": "Hi"}}, ["ChatSpark"]),
        ({"chat_spark": {"hide": ["a"]}}, ["chat_spark"]),
        ({"chatspak": False}, ["chatspak"]),
        # Other plugins' and themes' keys are theirs: no word about them.
        ({"title": "T", "hide": ["toc"], "search": {"exclude": True}}, []),
        ({"template": "home.html", "tags": ["a"], "chatbot": "x", "status": "new"}, []),
        ({"chat": 1, "spark": 2, "sparkle": 3, "charts": 4}, []),
        # The real key present: a look-alike beside it is someone else's.
        ({"chatspark": True, "chatsparks": 1}, []),
    ],
)
def test_a_mistyped_front_matter_key_is_a_warning(meta: dict[str, Any], warned: list[str]) -> None:
    result = pipeline.page_outcome(
        site(), meta.get("chatspark"), "page.md", [], file="docs/page.md", meta=meta
    )
    assert [n.key_path for n in result.warnings] == warned
    for notice in result.warnings:
        assert notice.message == "not a key the plugin reads, ignored; did you mean chatspark?"


def test_a_mistyped_call_to_action_id_names_the_likely_one() -> None:
    page = {"actions": [{"id": "contact", "type": "button", "label": "Contact"}]}
    result = outcome(page, [Call("contcat", 4)])
    assert [str(e) for e in result.errors] == [
        "docs/page.md:4: chatspark:contcat: 'contcat' is not an action on this page; "
        "did you mean contact? actions here: a, b, contact"
    ]
