"""A field's `pattern`: a JavaScript regular expression, read as the widget reads it.

The widget tests a value with `new RegExp("^(?:" + pattern + ")$", FLAGS)`
(assets/src/fields.js). `regress`, Rust's ECMAScript regular expression engine
(the one jsonschema uses for its `regex` format), reads the pattern the same way
at the author's build, without a JavaScript engine: what JavaScript refuses is
refused, and a `default` is matched with JavaScript's meaning (`\\d` is ASCII, `.`
stops at every line terminator, `\\p{L}`, backreferences and lookbehinds of any
length work). tests/browser/test_patterns.py runs a table through both.
"""

from __future__ import annotations

import regress

FLAGS = "u"
"""The flag the widget compiles a pattern with (fields.js)."""


class PatternError(ValueError):
    """Not a pattern the widget can use, and why."""


def compile_pattern(pattern: str) -> regress.Regex:
    """The pattern as the widget compiles it, matching a whole value. The pattern
    is first read alone, so that a `)` of its own cannot pair with the widget's
    `(?:` (`a)|(b` is refused, not read as `^(?:a)|(b)$`)."""
    try:
        regress.Regex(pattern, FLAGS)
        return regress.Regex(f"^(?:{pattern})$", FLAGS)
    except regress.RegressError as e:
        reason = str(e)
        raise PatternError(reason[:1].lower() + reason[1:]) from None


def matches(compiled: regress.Regex, value: str) -> bool:
    """Whether the whole value matches, as `RegExp.prototype.test` says."""
    return compiled.find(value) is not None
