"""A field's `pattern` is checked as JavaScript would check it (`new RegExp(p, "u")`),
without a JavaScript engine: what JavaScript refuses is refused, and what the two
engines read differently is either translated to JavaScript's meaning or refused."""

from __future__ import annotations

import pytest

from mkdocs_chatspark import jsregex

# (pattern, values it must match whole, values it must not)
ACCEPTED = [
    (r"[A-Z]{2}-\d{4}", ["AB-1234"], ["ab-1234", "AB-123", "AB-12345"]),
    (r"\d+", ["0", "42"], ["", "٤٢", "12\n"]),  # \d is ASCII in JavaScript, not Unicode digits
    (r"\w+", ["a_1"], ["é"]),
    (r"a|bc", ["a", "bc"], ["ab", "abc"]),  # the alternation is grouped before anchoring
    (r".", ["a", " "], ["\n", "\r", "\u2028", "\u2029"]),  # . stops at every line terminator
    (r"a\s", ["a ", "a\u00a0", "a\ufeff", "a\u3000"], ["ab"]),  # JavaScript's list of spaces
    (r"\S", ["x"], [" ", "\u00a0"]),
    (r"[a\S]", ["a", "x"], [" "]),
    (r"[^a\S]", [" ", "\t"], ["a", "x"]),
    (r"[^]", ["x", "\n"], ["", "xy"]),  # any one character
    (r"x[]?", ["x"], ["xy"]),  # [] matches nothing
    (r"(?<year>\d{4})-(?:\d\d)", ["2026-11"], ["26-11"]),
    (r"(?=\d)\w", ["5"], ["a"]),
    (r"(?<=a)b|a", ["a"], ["b"]),
    (r"\u{1F600}|\uD83D\uDE00", ["\U0001f600"], ["\ud83d"]),
    (r"\x41\u0042\cJ\0", ["AB\n\x00"], ["AB"]),
    (r"[\w.-]+@[\w-]+\.[a-z]{2,}", ["ada@example.com"], ["ada@localhost"]),
    (r"[a-z-0]", ["a", "-", "0"], ["A"]),
    (r"[--0]", ["-", ".", "/", "0"], ["1"]),
    (r"\/\.\*\[\]\{\}\(\)\|\^\$\?\+\\", ["/.*[]{}()|^$?+\\"], []),
    (r"[\-\]\b]", ["-", "]", "\b"], ["b"]),
    (r"[[]", ["["], ["]"]),  # a [ in a class is a character with the u flag
    (r"a{2}?b{1,}c{0,2}", ["aabc", "aabbb"], ["abc"]),
    (r"^a$", ["a"], ["a\n"]),  # $ is the very end, not before a final newline
    (r"\bab\B.", ["abc"], ["ab "]),
]


@pytest.mark.parametrize(("pattern", "good", "bad"), ACCEPTED)
def test_what_javascript_accepts_is_checked_with_its_meaning(
    pattern: str, good: list[str], bad: list[str]
) -> None:
    compiled = jsregex.compile_pattern(pattern)
    assert [v for v in good if not compiled.fullmatch(v)] == []
    assert [v for v in bad if compiled.fullmatch(v)] == []


REFUSED = [
    # SyntaxError in JavaScript with the u flag
    (r"a{,3}", "a lone '{' must be escaped as \\{ at character 2"),
    (r"a{", "a lone '{' must be escaped as \\{ at character 2"),
    (r"{", "nothing to repeat, or a lone '{' that must be escaped as \\{ at character 1"),
    (r"]", "a lone ']' must be escaped as \\] at character 1"),
    (r"}", "a lone '}' must be escaped as \\} at character 1"),
    (r"a**", "nothing to repeat: a quantifier cannot take another quantifier at character 3"),
    (r"a*+", "nothing to repeat: a quantifier cannot take another quantifier at character 3"),
    (r"*a", "nothing to repeat at character 1"),
    (r"^*", "nothing to repeat: an assertion cannot take a quantifier at character 2"),
    (r"(?=a)+", "nothing to repeat: an assertion cannot take a quantifier at character 6"),
    (r"(?>a)", "unknown group kind '(?'; use (?:, (?=, (?!, (?<= or (?<! at character 1"),
    (r"(?i:a)", "unknown group kind '(?'; use (?:, (?=, (?!, (?<= or (?<! at character 1"),
    (r"(a", "missing ')' at character 1"),
    (r"a)", "unmatched ')' at character 2"),
    (r"[a", "missing ']' at character 1"),
    (r"[z-a]", "the range z-a is out of order at character 2"),
    (r"[\d-z]", "a range cannot start or end with a class like \\d at character 2"),
    (r"\a", "\\a is not a valid escape; write 'a' without the backslash at character 1"),
    (r"\-", "\\- is not a valid escape; write '-' without the backslash at character 1"),
    (r"\x4", "\\x needs two hex digits, e.g. \\x41 at character 1"),
    (r"\u12", "\\u needs four hex digits, e.g. \\u00e9, or \\u{...} at character 1"),
    (r"\u{110000}", "\\u{...} needs a code point in hex, at most 10FFFF at character 1"),
    (r"\c1", "\\c must be followed by a letter at character 1"),
    (r"\01", "octal escapes (\\01) are not allowed at character 1"),
    ("a\\", "the pattern ends with a lone backslash at character 2"),
    (r"(?<a>x)(?<a>y)", "the group name 'a' is used twice at character 8"),
    (r"a{3,2}", "the numbers in {3,2} are out of order at character 2"),
    # valid JavaScript, but read differently by Python's re, or not expressible there
    (r"(a)\1", "backreferences (\\1) are not supported at character 4"),
    (r"(?<n>a)\k<n>", "backreferences (\\k<name>) are not supported at character 8"),
    (r"\p{L}+", "Unicode property escapes (\\p{...}) are not supported"),
    (r"(?<$a>x)", "the group name '$a' is not supported; use ASCII letters, digits and _"),
    (r"(?<=a+)b", "a lookbehind must have a fixed length here"),
]


@pytest.mark.parametrize(("pattern", "message"), REFUSED)
def test_what_javascript_refuses_or_reads_differently_is_refused(
    pattern: str, message: str
) -> None:
    with pytest.raises(jsregex.JSRegexError) as caught:
        jsregex.compile_pattern(pattern)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("pattern", ["[[]", "[&&]", "[!--]", "[~~]", "[||]"])
def test_python_future_warnings_never_fire(pattern: str) -> None:
    # filterwarnings = error: a FutureWarning from re would fail this test.
    jsregex.compile_pattern(pattern)
