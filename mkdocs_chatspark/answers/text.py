"""Words of a text as the answers index counts them: the same steps as text.js in the browser.

A word is a run of letters and digits. It is lower-cased and stripped of accents; a
run of Chinese or Japanese script becomes its overlapping pairs of characters (those
languages put no spaces between words). Stop words go, and what remains is cut to a
stem by the language's suffix rules (languages.json). Both sides read the same rules;
a test runs both over the same words and compares.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

RULES_FILE = Path(__file__).with_name("languages.json")

WORD = re.compile(r"[^\W_]+")
"""Letters and digits: what JavaScript's /[\\p{L}\\p{N}]+/u finds."""
ACCENTS = re.compile("[\u0300-\u036f]")
"""Combining diacritical marks: what is left of an accent once a letter is decomposed."""
CJK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]+)")
"""Kana and Han: no spaces between words, so their pairs of characters are the words."""


@dataclass(frozen=True)
class Language:
    """How one language's words become index terms."""

    code: str
    stop: frozenset[str]
    steps: tuple[tuple[tuple[re.Pattern[str], str], ...], ...]
    raw: Mapping[str, Any]
    """The rules as languages.json has them, for the index's meta.json."""
    known: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    """The terms of each word already seen: a site repeats its words, and folding and
    stemming a word costs more than looking it up (as `known` in text.js)."""


KNOWN_WORDS = 200_000
"""Words whose terms a Language keeps; past this, new words are worked out each time."""


@cache
def _all_rules() -> dict[str, Any]:
    rules: dict[str, Any] = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    return rules


@cache
def language(code: str) -> Language:
    """The rules for a theme's language code (`pt-BR` is pt); no stemming for others."""
    base = code.replace("_", "-").split("-")[0].lower()
    raw = _all_rules().get(base, {"stop": [], "steps": []})
    steps = tuple(
        tuple((re.compile(pattern), re.sub(r"\$(\d)", r"\\\1", repl)) for pattern, repl in step)
        for step in raw["steps"]
    )
    return Language(base, frozenset(raw["stop"]), steps, raw)


def fold(word: str) -> str:
    """Lower case, Latin accents removed (é is e, ü is u; パ stays パ)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", ACCENTS.sub("", decomposed))


def stem(word: str, lang: Language) -> str:
    """The first matching rule of each step, in order."""
    for step in lang.steps:
        for pattern, repl in step:
            if pattern.search(word):
                word = pattern.sub(repl, word, count=1)
                break
    return word


def pieces(word: str) -> Iterator[str]:
    """A folded word, or its pairs of characters in a run of Chinese or Japanese."""
    for i, part in enumerate(CJK.split(word)):
        if not part:
            continue
        if i % 2 == 0 or len(part) == 1:
            yield part
        else:
            yield from (part[j : j + 2] for j in range(len(part) - 1))


def word_terms(word: str, lang: Language) -> tuple[str, ...]:
    """The terms of one word of text (none for a stop word)."""
    found = lang.known.get(word)
    if found is not None:
        return found
    found = tuple(
        stem(piece, lang)
        for piece in pieces(fold(word))
        if piece not in lang.stop and (len(piece) >= 2 or CJK.match(piece))
    )
    if len(lang.known) < KNOWN_WORDS:
        lang.known[word] = found
    return found


def terms(text: str, lang: Language) -> list[str]:
    """The index terms of a text, in order, repeats kept (they count)."""
    out: list[str] = []
    known = lang.known
    for word in WORD.findall(unicodedata.normalize("NFC", text)):
        found = known.get(word)
        out.extend(found if found is not None else word_terms(word, lang))
    return out


def stems(words: Sequence[str], lang: Language) -> list[str]:
    """Each word's stem, for the test that compares this module with text.js."""
    return [stem(fold(word), lang) for word in words]
