"""The page pipeline both hosts call: what a page gets, and its errors and warnings."""

from __future__ import annotations

from typing import Any

import pytest
from mkdocs.utils.meta import get_data

from mkdocs_chatspark import pipeline
from mkdocs_chatspark.errors import Notice
from mkdocs_chatspark.model import Action

SITE = (Action(id="a", type="button", label="A"), Action(id="b", type="button", label="B"))


def outcome(front_matter: Any, calls: list[pipeline.Call] = [], **kw: Any) -> Any:  # noqa: B006
    return pipeline.page_outcome(
        SITE,
        front_matter,
        {},
        "page.md",
        calls,
        keep_bootstrap=kw.get("keep_bootstrap", False),
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
    result = outcome({"hide": ["b"]}, [pipeline.Call("a", 3), pipeline.Call("b", 7)])
    assert result.errors == (
        Notice(
            "docs/page.md", "chatspark:b", "'b' is not an action on this page; actions here: a", 7
        ),
    )
    assert str(result.errors[0]).startswith("docs/page.md:7: chatspark:b: ")
    assert not result.inject


def test_a_call_is_placed_where_it_is_written() -> None:
    included = pipeline.Call("x", 2, "snippets/cta.md", "docs/page.md:5")
    elsewhere = pipeline.Call("y")  # a docstring, another plugin's output
    assert [str(e) for e in outcome(None, [included]).errors] == [
        "snippets/cta.md:2: chatspark:x: 'x' is not an action on this page; "
        "actions here: a, b (included by docs/page.md:5)"
    ]
    assert [str(e) for e in outcome(None, [elsewhere]).errors] == [
        "docs/page.md: chatspark:y: 'y' is not an action on this page; actions here: a, b "
        "(not written in the page's file: a docstring, or another plugin's output)"
    ]


def test_a_call_on_an_opted_out_page_is_a_warning() -> None:
    result = outcome(False, [pipeline.Call("a", 4)])
    assert result.errors == ()
    assert [str(w) for w in result.warnings] == [
        "docs/page.md:4: chatspark:a: this page has no chat widget (chatspark: false), "
        "so the button does nothing"
    ]


def test_front_matter_errors_and_warnings_carry_file_and_key_path() -> None:
    result = outcome({"hide": ["zz"], "hidden": 1})
    assert [(n.file, n.key_path) for n in result.errors] == [("docs/page.md", "chatspark.hide[0]")]
    assert [(n.file, n.key_path) for n in result.warnings] == [("docs/page.md", "chatspark.hidden")]
