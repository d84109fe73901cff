"""Patterns whose matching time can explode on a short input are refused at build
(redos.py); the patterns authors write for codes, numbers and addresses are not.
benchmarks/bench_patterns.py times both kinds in Chromium under a 4x slower CPU."""

from __future__ import annotations

import pytest

from mkdocs_chatspark import redos

EXPLODING = [
    r"(a+)+b",  # the issue's: 28 a's and a "c" kept a page busy for 3.4 s
    r"(a*)*",
    r"(a|a)*",
    r"(a|aa)+",
    r"(\d|\w)+",  # alternatives that overlap inside a repetition
    r"(\w+\s?)+",
    r"(x+x+)+y",
    r"([a-z]+)*@",
    r"(?:[^,]*,?)+$",
    r"(?=(a+)+)b",  # inside a lookahead too
    r"(.*a){12}",  # polynomial, of degree 12
    r"\d*\d*\d*x",  # n³: 0.3 s on 1,000 characters
    r"\s*a?\s*b?\s*",
    r"(\w+[-.]?){1,20}@x",
    r"(?<n>a+)+b",
    r"(\p{L}+ ?)+",
]

SAFE = [
    r"[A-Z]{2}[0-9]{8,12}",
    r"[A-Z]{2}[0-9A-Z]{8,12}",  # the example site's VAT number
    r"\d{5}",
    r"\d+",
    r"a+b",
    r"(ab|cd)*",
    r"(a|b)+",
    r"(ab|a)*c",  # overlapping first letters, but each text is read one way
    r"([a-z]+\.)+[a-z]+",  # a repetition inside one, kept apart by the dot
    r"(\d{1,3}\.){3}\d{1,3}",
    r"[\w.-]+@[\w-]+\.[a-z]{2,}",
    r"(?:[A-Za-z0-9._%+-]+)@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}",
    r"(\+\d{1,3} )?\d{3}[ -]?\d{3}[ -]?\d{4}",
    r"https?://[\w.-]+(/[\w./-]*)?",
    r"\d+\.?\d*",  # n² at most: 2 ms on 1,000 characters
    r"\s*,\s*",
    r"(?<year>\d{4})-(?:\d\d)",
    r"\u{1F600}|\uD83D\uDE00",
    r"[^]",
    r"x[]?",
    r"a{2}?b{1,}c{0,2}",
    r"[--0]+",
    r"[\-\]\b]+",
    r"it's",
]


@pytest.mark.parametrize("pattern", EXPLODING)
def test_a_pattern_that_can_explode_is_refused_with_the_reason(pattern: str) -> None:
    reason = redos.check(pattern)
    assert reason is not None
    assert reason.startswith("its matching time can explode on a short input")
    assert "(a+)+" in reason  # and an example of the shape to avoid


@pytest.mark.parametrize("pattern", SAFE)
def test_a_pattern_read_one_way_is_accepted(pattern: str) -> None:
    assert redos.check(pattern) is None
