"""Is a submission what the form asks for? The rules the widget applies before it
sends (fields.js `check`), applied again on the server, where a script that skips the
widget cannot skip them: unknown and missing fields, types, options, bounds, patterns.

Each problem is said to the reader, next to the field, without repeating the value
(messages are safe to log, values never are).
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Union
from urllib.parse import urlsplit

import regress

from .. import model

Problems = dict[str, str]
"""Field key -> what is wrong with it, in the reader's words."""

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


def _on_step(value: float, f: model.Field) -> bool:
    if f.step is None:
        return True
    base = f.minimum if isinstance(f.minimum, (int, float)) else 0
    steps = (value - base) / f.step
    return abs(steps - round(steps)) <= 1e-9 * max(1.0, abs(steps))


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


def field_problem(f: model.Field, value: object) -> str:
    """What is wrong with one field's value, or "" (a value that is absent is None)."""
    if f.type == "hidden":
        if f.value is not None and not _hidden_equal(value, f.value):
            return "is not the value this form sends"
        return ""
    if f.required and _empty(value):
        return "is required"
    if value is None or value == "":
        return ""
    if f.type == "checkbox":
        return "" if isinstance(value, bool) else "must be true or false"
    if f.type in model.CHOICE_TYPES:
        if f.multiple:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return "must be a list of options"
            chosen: list[str] = value
        elif isinstance(value, str):
            chosen = [value]
        else:
            return "must be one of the options"
        if any(v not in f.options for v in chosen):
            return "must be one of the options: " + ", ".join(f.options)
        if len(set(chosen)) != len(chosen):
            return "lists an option twice"
        return ""
    if f.type == "number":
        number = _number(value)
        if number is None:
            return "must be a number"
        if isinstance(f.minimum, (int, float)) and number < f.minimum:
            return f"must be at least {f.minimum}"
        if isinstance(f.maximum, (int, float)) and number > f.maximum:
            return f"must be at most {f.maximum}"
        if not _on_step(number, f):
            return f"must be on a step of {f.step}"
        return ""
    if not isinstance(value, str):
        return "must be text"
    if f.type == "date":
        if not _date(value):
            return "must be a date as YYYY-MM-DD"
        if isinstance(f.minimum, str) and value < f.minimum:
            return f"must be on or after {f.minimum}"
        if isinstance(f.maximum, str) and value > f.maximum:
            return f"must be on or before {f.maximum}"
        return ""
    if f.max_length is not None and len(value) > f.max_length:
        return f"must be at most {f.max_length} characters"
    if f.type == "email" and not _EMAIL.match(value):
        return "must be an email address"
    if f.type == "url" and urlsplit(value).scheme not in ("http", "https"):
        return "must be an http(s) address"
    if f.pattern is not None and not full_match(f.pattern, value):
        return f.pattern_message or "does not have the expected format"
    return ""


def check_form(action: model.Action, data: Mapping[str, Any]) -> Problems:
    """Every field's problem, and every key the form does not have."""
    problems: Problems = {}
    keys = {f.key for f in action.fields}
    for key in data:
        if key not in keys:
            problems[key] = "is not a field of this form"
    for f in action.fields:
        problem = field_problem(f, data.get(f.key))
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
