"""Words of a text as the answers index counts them: the same steps as text.js in the browser.

A word is a run of letters and digits, or of such runs joined by `-`, `_` or `.` (a
code identifier: `model_dump`, `mkdocs.yml`; a hyphenated word: `keep-alive`). It
counts as its parts, split at `-`, `_`, `.` and camelCase (`BaseModel` is base and
model), and, after them, as each dotted segment written whole (`modeldump`,
`basemodel`, `keepalive`), so that a reader finds
`model_dump` by "dump a model" and by "model_dump" alike. Each part is lower-cased
and stripped of accents; a run of Chinese or Japanese script becomes its overlapping
pairs of characters (those languages put no spaces between words). Stop words go,
and what remains is cut to a stem by the language's suffix rules (languages.json).
Both sides read the same rules; a test runs both over the same words and compares.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

RULES_FILE = Path(__file__).with_name("languages.json")

WORD = re.compile(r"[^\W_]+(?:[-_.][^\W_]+)*")
"""Letters and digits, runs of them joined by `-`, `_` or `.`: what JavaScript's
/[\\p{L}\\p{N}]+(?:[-_.][\\p{L}\\p{N}]+)*/u finds."""
JOINED = re.compile(r"[-_]")
"""What joins the parts of one segment of a word: `model_dump`, `keep-alive`."""
CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
"""Where camelCase splits: `getStarted` at S, `HTMLParser` before P (ASCII only)."""
DIGITS = re.compile(r"[0-9]+")
LOWER = re.compile(r"[a-z]")
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
    guides: frozenset[str] = frozenset()
    """The stems of `guides`: title words of a migration or upgrade guide (index.py)."""
    known: dict[str, tuple[tuple[str, ...], int]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Each word already seen: its terms (parts, then wholes) and how many are parts. A
    site repeats its words, and cutting a word costs more than looking it up."""


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
    plain = Language(base, frozenset(raw["stop"]), steps, raw)
    # The guides' stems need the language's own steps: stemmed by `plain`, then added.
    return replace(plain, guides=frozenset(stems(raw.get("guides", []), plain)))


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


def _part_terms(part: str, lang: Language, out: list[str]) -> None:
    for piece in pieces(fold(part)):
        if piece in lang.stop or (len(piece) < 2 and not CJK.match(piece)):
            continue
        out.append(stem(piece, lang))


def _camel(chunk: str) -> list[str]:
    """A camelCase name's parts: `getStarted` is get and Started. One that starts with
    a capital stays whole: `MkDocs`, `GitHub`, `JavaScript` are names, not two words."""
    return CAMEL.split(chunk) if LOWER.match(chunk) else [chunk]


def word_terms(word: str, lang: Language) -> tuple[list[str], list[str]]:
    """The terms of one word of text: its parts', and an identifier's whole segments'.

    A segment (between dots) of two or more parts that are not all digits is also a
    term written whole, folded and stemmed: `model_dump` is model, dump and modeldump;
    `v1.6` and `2024_01` are their parts only.
    """
    out: list[str] = []
    wholes: list[str] = []
    if "_" not in word and "." not in word and "-" not in word and not CAMEL.search(word):
        _part_terms(word, lang, out)
        return out, wholes
    for segment in word.split("."):
        parts = [p for chunk in JOINED.split(segment) for p in _camel(chunk)]
        for part in parts:
            _part_terms(part, lang, out)
        if sum(1 for p in parts if not DIGITS.fullmatch(p)) >= 2:
            whole = fold("".join(parts))
            if whole not in lang.stop and not CJK.search(whole):
                wholes.append(stem(whole, lang))
    return out, wholes


def terms(text: str, lang: Language) -> list[str]:
    """The index terms of a text, in order, repeats kept (they count)."""
    return counted(text, lang)[0]


def _known(word: str, lang: Language) -> tuple[tuple[str, ...], int]:
    parts, wholes = word_terms(word, lang)
    found = (tuple(parts + wholes), len(parts))
    if len(lang.known) < KNOWN_WORDS:
        lang.known[word] = found
    return found


def counted(text: str, lang: Language) -> tuple[list[str], int]:
    """The index terms of a text, and its length: how many of them are not wholes."""
    out: list[str] = []
    length = 0
    known = lang.known
    for word in WORD.findall(unicodedata.normalize("NFC", text)):
        found, parts = known.get(word) or _known(word, lang)
        length += parts
        out.extend(found)
    return out, length


def stems(words: Sequence[str], lang: Language) -> list[str]:
    """Each word's stem (as text.js `stem(fold(word))`): the index's synonym stems, and
    the test that compares this module with text.js."""
    return [stem(fold(word), lang) for word in words]
