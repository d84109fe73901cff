"""Which pages answers come from, without a build."""

from __future__ import annotations

from typing import Any

import pytest

from mkdocs_chatspark import answering

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
    assert answering.answered_from(path, meta, ON, front_matter_key="chatspark") is answered


def test_resolve() -> None:
    assert answering.resolve(None, None) == answering.Answers()
    assert answering.resolve(None, "https://cdn.example.com/c.js") is None
    assert answering.resolve(False, None) is None
    assert answering.resolve(ON, None) is ON
