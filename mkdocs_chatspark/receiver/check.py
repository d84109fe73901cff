"""Is a submission what the form asks for? The rules the widget applies before it
sends (fields.js `check`), applied again on the server, where a script that skips the
widget cannot skip them: unknown and missing fields, types, options, bounds, patterns.

Each problem is said to the reader, next to the field, in the widget's own words
for it (messages.py: the site's language, the author's `messages:` over them), so a
refusal from the server reads as the widget's own check would. A problem only a
script can make (a key the form lacks, a number sent as text, a field sent twice)
names no field the reader sees: it stays in English. No message repeats the value
(messages are safe to log, values never are).
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Optional, Union
from urllib.parse import urlsplit

import regress

from .. import messages, model

Problems = dict[str, str]
"""Field key -> what is wrong with it, in the reader's words."""
Words = Mapping[str, str]
"""The widget's words by key (`messages.messages_for`): `required`, `too_long`, ..."""
ENGLISH: Words = messages.CATALOG["en"]

_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+\Z")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


@lru_cache(maxsize=512)
def _regex(pattern: str) -> regress.Regex:
    return regress.Regex(f"^(?:{pattern})$", "u")


def full_match(pattern: str, value: str) -> bool:
    """The widget's test, `new RegExp("^(?:" + pattern + ")$", "u").test(value)`, by
    regress (an ECMAScript engine, as jsonschema uses): the same semantics as the
    browser's, not Python's `re`. A pattern the build let through always compiles."""
    return _regex(pattern).find(value) is not None


def _empty(value: object) -> bool:
    return value is None or value == "" or value is False or value == []


def _number(value: object) -> Union[float, int, None]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value if math.isfinite(value) else None


def _shown(value: object) -> str:
    """A bound or step as the widget shows it (JavaScript's String(n)): 5, 0.5, a date."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def say(words: Words, key: str, n: object = None, m: object = None) -> str:
    """One of the widget's words, `{n}` and `{m}` filled in (English for a key the
    given words lack)."""
    text = words.get(key) or ENGLISH[key]
    if n is not None:
        text = text.replace("{n}", _shown(n))
    if m is not None:
        text = text.replace("{m}", _shown(m))
    return text


def _base(f: model.Field) -> float:
    return f.minimum if isinstance(f.minimum, (int, float)) else 0


def _on(value: float, base: float, step: Optional[float]) -> bool:
    if not step:
        return True
    steps = (value - base) / step
    return abs(steps - round(steps)) <= 1e-9 * max(1.0, abs(steps))


def _on_step(value: float, f: model.Field) -> bool:
    return _on(value, _base(f), f.step)


def _decimals(x: float) -> int:
    text = _shown(x)
    return len(text.split(".")[1]) if "." in text else 0


def _off_step(value: float, f: model.Field, words: Words) -> str:
    """A number off its step, told as fields.js `offStep` tells it: with min 1 and
    step 5, 10 is "6 or 11"; a step counted from 0 is told as a step."""
    base, step = _base(f), f.step or 1
    if _on(base, 0, step):
        return say(words, "step", step)
    places = max(_decimals(base), _decimals(step))
    below = base + math.floor((value - base) / step) * step
    low, high = round(below, places), round(below + step, places)
    if isinstance(f.maximum, (int, float)) and high > f.maximum:
        return say(words, "too_large", low)
    return say(words, "step_near", low, high)


def _date(value: str) -> bool:
    if not _ISO_DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _hidden_equal(sent: object, value: model.Scalar) -> bool:
    if isinstance(value, bool) or isinstance(sent, bool):
        return sent is value
    return bool(sent == value)


def field_problem(f: model.Field, value: object, words: Words = ENGLISH) -> str:
    """What is wrong with one field's value, or "" (a value that is absent is None),
    in `words` (the widget's, in the site's language)."""
    if f.type == "hidden":
        if f.value is not None and not _hidden_equal(value, f.value):
            return "is not the value this form sends"
        return ""
    if f.required and _empty(value):
        return say(words, "required")
    if value is None or value == "":
        return ""
    if f.type == "checkbox":
        return "" if isinstance(value, bool) else "must be true or false"
    if f.type in model.CHOICE_TYPES:
        if f.multiple:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return say(words, "choose")
            chosen: list[str] = value
        elif isinstance(value, str):
            chosen = [value]
        else:
            return say(words, "choose")
        if any(v not in f.options for v in chosen) or len(set(chosen)) != len(chosen):
            return say(words, "choose")
        return ""
    if f.type == "number":
        number = _number(value)
        if number is None:
            return say(words, "number")
        if isinstance(f.minimum, (int, float)) and number < f.minimum:
            return say(words, "too_small", f.minimum)
        if isinstance(f.maximum, (int, float)) and number > f.maximum:
            return say(words, "too_large", f.maximum)
        if not _on_step(number, f):
            return _off_step(number, f, words)
        return ""
    if not isinstance(value, str):
        return "must be text"
    if f.type == "date":
        if not _date(value):
            return say(words, "date")
        if isinstance(f.minimum, str) and value < f.minimum:
            return say(words, "too_early", f.minimum)
        if isinstance(f.maximum, str) and value > f.maximum:
            return say(words, "too_late", f.maximum)
        return ""
    if f.max_length is not None and len(value) > f.max_length:
        return say(words, "too_long", f.max_length)
    if f.type == "email" and not _EMAIL.match(value):
        return say(words, "email")
    if f.type == "url" and urlsplit(value).scheme not in ("http", "https"):
        return say(words, "url")
    if f.pattern is not None and not full_match(f.pattern, value):
        return f.pattern_message or say(words, "pattern")
    return ""


def check_form(action: model.Action, data: Mapping[str, Any], words: Words = ENGLISH) -> Problems:
    """Every field's problem, and every key the form does not have."""
    problems: Problems = {}
    keys = {f.key for f in action.fields}
    for key in data:
        if key not in keys:
            problems[key] = "is not a field of this form"
    for f in action.fields:
        problem = field_problem(f, data.get(f.key), words)
        if problem:
            problems[f.key] = problem
    return problems


def coerce_form(
    action: model.Action, pairs: list[tuple[str, str]]
) -> tuple[dict[str, Any], Problems]:
    """An urlencoded body's fields, typed as the JSON body types them: numbers,
    true/false, a multiple select's repeated keys as a list."""
    by_key = {f.key: f for f in action.fields}
    data: dict[str, Any] = {}
    problems: Problems = {}
    for key, text in pairs:
        f = by_key.get(key)
        if f is not None and f.type in model.CHOICE_TYPES and f.multiple:
            data.setdefault(key, []).append(text)
            continue
        if key in data:
            problems[key] = "is sent more than once"
            continue
        value: Any = text
        kind = f.type if f is not None else None
        if kind == "hidden" and f is not None:
            kind = {bool: "checkbox", int: "number", float: "number"}.get(type(f.value))
        if kind == "checkbox":
            value = {"true": True, "false": False}.get(text, text)
        elif kind == "number" and text != "":
            try:
                value = float(text)
                value = int(value) if value.is_integer() and "." not in text else value
            except ValueError:
                value = text
        data[key] = value
    return data, problems
