"""A field's `pattern` is a JavaScript regular expression: checked here, at the
author's build, without a JavaScript engine.

The widget tests a value with `new RegExp("^(?:" + pattern + ")$", "u")`. The `u`
flag makes the grammar strict (no Annex B leniency: a lone `{` or `]`, `\\a` or a
backreference to a missing group are syntax errors), which lets a small recursive
parser here accept exactly the patterns JavaScript accepts, instead of guessing
from Python's `re`, which takes many that JavaScript refuses (`a{,3}`, `a*+`,
`(?>a)`, `[[]`) and refuses some that JavaScript takes.

While it parses, the checker writes the same pattern in Python's syntax, with
JavaScript's meaning: `.` does not match any line terminator, `$` is the very end,
`\\s` is JavaScript's list of spaces, `\\d`, `\\w` and `\\b` are ASCII (compiled
with `re.ASCII`), `(?<name>` is `(?P<name>`. The build uses it to test an author's
`default` against the pattern. A construct whose meaning the two engines do not
share, or that `re` cannot express, is refused with a reason, even where
JavaScript would take it: Unicode property escapes (`\\p{L}`), backreferences,
group names with `$` or non-ASCII letters, and lookbehinds of varying length.
"""

from __future__ import annotations

import re
from typing import Optional

_SYNTAX = "^$\\.*+?()[]{}|"
_CONTROL = {"f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_JS_SPACE = (
    "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
)
_NOT_LINE_END = "[^\\n\\r\\u2028\\u2029]"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_HEX = "0123456789abcdefABCDEF"


class JSRegexError(ValueError):
    """Not a pattern the widget can use, with the reason and where (0-based)."""

    def __init__(self, message: str, position: Optional[int] = None) -> None:
        where = f" at character {position + 1}" if position is not None else ""
        super().__init__(f"{message}{where}")


def _lit(char: str) -> str:
    return re.escape(char)


class _Parser:
    def __init__(self, source: str) -> None:
        self.s = source
        self.i = 0
        self.groups = 0
        self.names: set[str] = set()

    # --- reading ---------------------------------------------------------------

    def peek(self, ahead: int = 0) -> str:
        j = self.i + ahead
        return self.s[j] if j < len(self.s) else ""

    def take(self) -> str:
        char = self.peek()
        if not char:
            raise JSRegexError("the pattern ends too early", self.i)
        self.i += 1
        return char

    def starts(self, text: str) -> bool:
        return self.s.startswith(text, self.i)

    def fail(self, message: str, at: Optional[int] = None) -> JSRegexError:
        return JSRegexError(message, self.i if at is None else at)

    # --- grammar -----------------------------------------------------------------

    def pattern(self) -> str:
        out = self.disjunction()
        if self.i < len(self.s):
            char = self.peek()
            if char == ")":
                raise self.fail("unmatched ')'")
            raise self.fail(f"unexpected {char!r}")
        return out

    def disjunction(self) -> str:
        parts = [self.alternative()]
        while self.peek() == "|":
            self.i += 1
            parts.append(self.alternative())
        return "|".join(parts)

    def alternative(self) -> str:
        out = []
        while self.peek() and self.peek() not in "|)":
            out.append(self.term())
        return "".join(out)

    def term(self) -> str:
        start = self.i
        char = self.peek()
        if char == "^":
            self.i += 1
            return self.no_quantifier("\\A", start)
        if char == "$":
            self.i += 1
            return self.no_quantifier("\\Z", start)
        if self.starts("\\b") or self.starts("\\B"):
            self.i += 2
            return self.no_quantifier("\\" + self.s[start + 1], start)
        if self.starts("(?=") or self.starts("(?!") or self.starts("(?<=") or self.starts("(?<!"):
            opener = self.s[self.i : self.i + (4 if self.starts("(?<") else 3)]
            self.i += len(opener)
            inner = self.disjunction()
            self.close(start)
            return self.no_quantifier(f"{opener}{inner})", start)
        return self.quantified(self.atom(), start)

    def no_quantifier(self, out: str, start: int) -> str:
        if self.peek() in ("*", "+", "?") or (self.peek() == "{" and self.quantifier_ahead()):
            raise self.fail("nothing to repeat: an assertion cannot take a quantifier")
        return out

    def quantifier_ahead(self) -> bool:
        return re.match(r"\{[0-9]+(,[0-9]*)?\}", self.s[self.i :]) is not None

    def quantified(self, atom: str, start: int) -> str:
        char = self.peek()
        if char in ("*", "+", "?"):
            self.i += 1
            quantifier = char
        elif char == "{":
            m = re.match(r"\{([0-9]+)(,([0-9]*))?\}", self.s[self.i :])
            if m is None:
                raise self.fail("a lone '{' must be escaped as \\{")
            low = int(m.group(1))
            high = m.group(3)
            if high and int(high) < low:
                raise self.fail(f"the numbers in {m.group()} are out of order")
            self.i += m.end()
            quantifier = m.group()
        else:
            return atom
        if self.peek() == "?":
            self.i += 1
            quantifier += "?"
        if self.peek() in ("*", "+", "?", "{") and (self.peek() != "{" or self.quantifier_ahead()):
            raise self.fail("nothing to repeat: a quantifier cannot take another quantifier")
        return atom + quantifier

    def close(self, start: int) -> None:
        if self.peek() != ")":
            raise self.fail("missing ')'", start)
        self.i += 1

    def atom(self) -> str:
        start = self.i
        char = self.take()
        if char == ".":
            return _NOT_LINE_END
        if char == "(":
            if self.starts("?:"):
                self.i += 2
                inner = self.disjunction()
                self.close(start)
                return f"(?:{inner})"
            if self.starts("?<"):
                self.i += 2
                end = self.s.find(">", self.i)
                if end < 0:
                    raise self.fail("a group name must end with '>'", start)
                name = self.s[self.i : end]
                if not _NAME.match(name):
                    raise self.fail(
                        f"the group name {name!r} is not supported; use ASCII letters, "
                        "digits and _",
                        start,
                    )
                if name in self.names:
                    raise self.fail(f"the group name {name!r} is used twice", start)
                self.names.add(name)
                self.i = end + 1
                self.groups += 1
                inner = self.disjunction()
                self.close(start)
                return f"(?P<{name}>{inner})"
            if self.peek() == "?":
                raise self.fail("unknown group kind '(?'; use (?:, (?=, (?!, (?<= or (?<!", start)
            self.groups += 1
            inner = self.disjunction()
            self.close(start)
            return f"({inner})"
        if char == "[":
            return self.char_class(start)
        if char == "\\":
            return self.atom_escape(start)
        if char in "*+?":
            raise self.fail("nothing to repeat", start)
        if char == "{":
            raise self.fail("nothing to repeat, or a lone '{' that must be escaped as \\{", start)
        if char in "}]":
            raise self.fail(f"a lone {char!r} must be escaped as \\{char}", start)
        return _lit(char)

    # --- escapes --------------------------------------------------------------------

    def atom_escape(self, start: int) -> str:
        char = self.peek()
        if not char:
            raise self.fail("the pattern ends with a lone backslash", start)
        if char in "123456789":
            raise self.fail("backreferences (\\1) are not supported", start)
        if char == "k":
            raise self.fail("backreferences (\\k<name>) are not supported", start)
        if char in "dDwW":
            self.i += 1
            return "\\" + char  # ASCII under re.ASCII, as in JavaScript
        if char == "s":
            self.i += 1
            return f"[{_JS_SPACE}]"
        if char == "S":
            self.i += 1
            return f"[^{_JS_SPACE}]"
        if char in "pP":
            raise self.fail(
                "Unicode property escapes (\\p{...}) are not supported; list the "
                "characters or ranges instead, e.g. [A-Za-zÀ-ÿ]",
                start,
            )
        return _lit(self.character_escape(start, in_class=False))

    def character_escape(self, start: int, *, in_class: bool) -> str:
        """The one character an escape stands for (`\\n`, `\\x41`, `\\u{1F600}`, `\\.`)."""
        char = self.take()
        if char in _CONTROL:
            return _CONTROL[char]
        if char == "c":
            letter = self.peek()
            if not ("a" <= letter.lower() <= "z" and letter.isascii()):
                raise self.fail("\\c must be followed by a letter", start)
            self.i += 1
            return chr(ord(letter) % 32)
        if char == "0":
            if self.peek().isdigit():
                raise self.fail("octal escapes (\\01) are not allowed", start)
            return "\0"
        if char == "x":
            digits = self.s[self.i : self.i + 2]
            if len(digits) < 2 or any(d not in _HEX for d in digits):
                raise self.fail("\\x needs two hex digits, e.g. \\x41", start)
            self.i += 2
            return chr(int(digits, 16))
        if char == "u":
            code = self.unicode_escape(start)
            if 0xD800 <= code <= 0xDBFF and self.starts("\\u"):
                mark = self.i
                self.i += 2
                low = self.unicode_escape(start, braces=False)
                if 0xDC00 <= low <= 0xDFFF:
                    return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
                self.i = mark
            return chr(code)
        if char in _SYNTAX or char == "/" or (in_class and char == "-"):
            return char
        raise self.fail(
            f"\\{char} is not a valid escape; write {char!r} without the backslash", start
        )

    def unicode_escape(self, start: int, *, braces: bool = True) -> int:
        if braces and self.peek() == "{":
            end = self.s.find("}", self.i)
            digits = self.s[self.i + 1 : end] if end > 0 else ""
            if not digits or any(d not in _HEX for d in digits) or int(digits, 16) > 0x10FFFF:
                raise self.fail("\\u{...} needs a code point in hex, at most 10FFFF", start)
            self.i = end + 1
            return int(digits, 16)
        digits = self.s[self.i : self.i + 4]
        if len(digits) < 4 or any(d not in _HEX for d in digits):
            raise self.fail("\\u needs four hex digits, e.g. \\u00e9, or \\u{...}", start)
        self.i += 4
        return int(digits, 16)

    # --- character classes -----------------------------------------------------------

    def class_atom(self) -> tuple[Optional[str], str]:
        """(the one character, or None for a class escape like \\d; its Python text)."""
        start = self.i
        char = self.take()
        if char != "\\":
            return char, _lit(char)
        char = self.peek()
        if not char:
            raise self.fail("the pattern ends with a lone backslash", start)
        if char == "b":
            self.i += 1
            return "\b", "\\x08"
        if char in "dDwW":
            self.i += 1
            return None, "\\" + char
        if char == "s":
            self.i += 1
            return None, _JS_SPACE
        if char == "S":
            self.i += 1
            return None, "\\S"  # marker, handled by char_class
        if char in "pP":
            raise self.fail(
                "Unicode property escapes (\\p{...}) are not supported; list the "
                "characters or ranges instead",
                start,
            )
        if char in "123456789" or char == "k":
            raise self.fail(f"\\{char} is not allowed inside [...]", start)
        one = self.character_escape(start, in_class=True)
        return one, _lit(one)

    def char_class(self, start: int) -> str:
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        parts: list[str] = []
        not_space = False
        while True:
            if not self.peek():
                raise self.fail("missing ']'", start)
            if self.peek() == "]":
                self.i += 1
                break
            at = self.i
            first, text = self.class_atom()
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.i += 1
                second, text2 = self.class_atom()
                if first is None or second is None:
                    raise self.fail("a range cannot start or end with a class like \\d", at)
                if ord(first) > ord(second):
                    raise self.fail(f"the range {first}-{second} is out of order", at)
                parts.append(f"{text}-{text2}")
            elif text == "\\S" and first is None:
                not_space = True
            else:
                parts.append(text)
        body = "".join(parts)
        if not_space:
            # A class holds one character: "[a\\S]" is "a, or anything but a space".
            rest = f"[{body}]" if body else "(?!)"
            if negated:
                return f"(?!{rest})[{_JS_SPACE}]"
            return f"(?:{rest}|[^{_JS_SPACE}])"
        if not body:
            return "(?s:.)" if negated else "(?!)"
        return f"[{'^' if negated else ''}{body}]"


def translate(pattern: str) -> str:
    """The pattern in Python's syntax with JavaScript's meaning, or JSRegexError."""
    return _Parser(pattern).pattern()


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """What the widget tests a whole value with, as a compiled Python pattern:
    use `.fullmatch(value)`."""
    python = translate(pattern)
    try:
        return re.compile(f"(?:{python})", re.ASCII)
    except re.error as e:  # e.g. a lookbehind of varying length
        if "look-behind" in e.msg:
            raise JSRegexError(
                "a lookbehind must have a fixed length here: the build cannot check "
                "one of varying length"
            ) from None
        raise JSRegexError(f"the build cannot check this pattern ({e.msg})") from None
