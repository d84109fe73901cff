"""The widget's words: every language has every key, and the author's win."""

from __future__ import annotations

import pytest

from mkdocs_chatspark import messages


@pytest.mark.parametrize("code", sorted(messages.CATALOG))
def test_each_language_has_every_word(code: str) -> None:
    words = messages.CATALOG[code]
    assert tuple(words) == messages.KEYS
    assert all(w.strip() for w in words.values())
    assert all("{n}" in words[k] for k in messages.NUMBERED)
    assert all("{m}" in words[k] for k in messages.PAIRED)
    if code != "en":
        assert words["required"] != messages.CATALOG["en"]["required"]


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("de", "de"),
        ("pt-BR", "pt"),
        ("zh_CN", "zh"),
        ("ZH-Hans", "zh"),
        ("nl", "en"),
        (None, "en"),
        ("", "en"),
    ],
)
def test_language_codes(code: str, language: str) -> None:
    assert messages.language(code) == language


def test_the_authors_words_win_and_unset_ones_do_not() -> None:
    words = messages.messages_for("de", {"retry": "Nochmal", "title": None})
    assert words["retry"] == "Nochmal"
    assert words["title"] == messages.CATALOG["de"]["title"]
