"""Which pages answers come from, without a build."""

from __future__ import annotations

from typing import Any

import pytest

from mkdocs_chatspark import answering, pipeline

ON = answering.Answers(exclude=("drafts/**", "changelog.md"))


@pytest.mark.parametrize(
    ("path", "meta", "answered"),
    [
        ("guide/install.md", {}, True),
        ("guide/install.md", {"search": {"exclude": True}}, False),
        ("guide/install.md", {"search": {"boost": 2}}, True),
        ("guide/install.md", {"chatspark": False}, False),
        ("guide/install.md", {"chatspark": {"enabled": False}}, False),
        ("guide/install.md", {"chatspark": {"greeting": "Hi"}}, True),
        ("drafts/idea.md", {}, False),
        ("drafts/deep/idea.md", {}, False),
        ("changelog.md", {}, False),
        ("guide/changelog.md", {}, True),
    ],
)
def test_answered_from(path: str, meta: dict[str, Any], answered: bool) -> None:
    assert pipeline.answered_from(path, meta, ON, front_matter_key="chatspark") is answered


def test_resolve() -> None:
    assert answering.resolve(None, None) == answering.Answers()
    assert answering.resolve(None, "https://cdn.example.com/c.js") is None
    assert answering.resolve(False, None) is None
    assert answering.resolve(ON, None) is ON


def test_a_form_marks_at_most_one_field_for_the_question() -> None:
    from mkdocs_chatspark import model, render
    from mkdocs_chatspark.errors import ActionError, Warnings

    def form(*fields: dict[str, Any]) -> dict[str, Any]:
        return {"id": "f", "type": "form", "label": "F", "fields": list(fields)}

    [action] = model.parse_actions(
        [form({"key": "topic", "question": True}, {"key": "note", "type": "textarea"})],
        "actions",
        Warnings(),
    )
    assert [render.field_json(f).get("question") for f in action.fields] == [True, None]
    with pytest.raises(ActionError) as e:
        model.parse_actions(
            [form({"key": "a", "question": True}, {"key": "b", "question": True})],
            "actions",
            Warnings(),
        )
    assert (e.value.key_path, e.value.message) == (
        "actions[0].fields[1].question",
        "fields[0] already receives the question; mark one field per form",
    )
    with pytest.raises(ActionError) as e:
        model.parse_actions(
            [form({"key": "n", "type": "number", "question": True})], "actions", Warnings()
        )
    assert e.value.key_path == "actions[0].fields[0].question"
    assert "does not apply to a number field" in e.value.message


def test_index_scripts_carry_each_file_under_its_name() -> None:
    scripts, version = answering.index_scripts({"meta.json": '{"a":1}', "t0.json": "{}"}, "en")
    assert scripts == {
        "answers/en/meta.js": '(window.__chatsparkAnswers=window.__chatsparkAnswers||{})["meta.json"]={"a":1};\n',
        "answers/en/t0.js": '(window.__chatsparkAnswers=window.__chatsparkAnswers||{})["t0.json"]={};\n',
    }
    assert len(version) == 10
    assert answering.index_scripts({"meta.json": '{"a":2}'}, "en")[1] != version
    assert list(answering.index_scripts({"meta.json": "{}"}, "pt_BR")[0]) == [
        "answers/pt_BR/meta.js"
    ]
    assert answering.index_folder("../x") == "answers/x/"
