"""Chat actions and their fields: raw YAML in, frozen dataclasses out.

One validator serves mkdocs.yml and page front matter, under MkDocs and Zensical
alike. Every problem carries the key path (`actions[1].fields[0].type`), what was
found and what is allowed; the caller adds the file name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Callable, Optional, TypeVar, Union

from . import safety
from .errors import ActionError, Warnings

ACTION_TYPES = ("button", "form", "link")
WEBHOOK_FORMATS = ("json", "form")
FIELD_TYPES = ("text", "email", "tel", "url", "number", "textarea", "select", "checkbox")
ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
KEY_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


# Which keys each action type accepts. A key that belongs to another type is an
# error (it would be silently ignored otherwise); a key nobody knows is a warning.
_COMMON_KEYS = ("id", "type", "label", "primary", "public", "pages")
KEYS_BY_TYPE = {
    "button": (*_COMMON_KEYS, "url", "webhook", "data", "success_message", "error_message"),
    "form": (
        *_COMMON_KEYS,
        "fields",
        "webhook",
        "url",
        "submit_label",
        "success_message",
        "error_message",
    ),
    "link": (*_COMMON_KEYS, "url"),
}
_ALL_ACTION_KEYS = frozenset(k for keys in KEYS_BY_TYPE.values() for k in keys)
_FIELD_KEYS = ("key", "label", "type", "required", "placeholder", "max_length", "options")
_PAGE_KEYS = ("enabled", "actions", "hide", "greeting")

_MAX_DATA_DEPTH = 8

JSONValue = Union[None, bool, int, float, str, list["JSONValue"], dict[str, "JSONValue"]]


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    type: str = "text"
    required: bool = False
    placeholder: Optional[str] = None
    max_length: Optional[int] = None
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Action:
    id: str
    type: str
    label: str
    primary: bool = False
    url: Optional[str] = None
    webhook: Optional[str] = None
    webhook_format: str = "json"
    """json: a JSON body with an Idempotency-Key header (CORS preflight); form: a
    CORS-simple urlencoded body, for receivers that answer no preflight."""
    data: Optional[Mapping[str, JSONValue]] = None
    fields: tuple[Field, ...] = ()
    # Unset: the widget's own words in the site's language (messages.py).
    submit_label: Optional[str] = None
    success_message: Optional[str] = None
    error_message: Optional[str] = None
    pages: tuple[str, ...] = ()
    """Site actions only: globs of the docs pages that show the action (`!` excludes)."""
    site_relative: bool = False
    """Set by `merge.resolve_links`: `url` is a path from the site root."""


@dataclass(frozen=True)
class PageSettings:
    """What a page's `chatspark:` front matter says."""

    enabled: bool = True
    actions: tuple[Action, ...] = ()
    hide: tuple[str, ...] = ()
    greeting: Optional[str] = None


# --- describing what was found -------------------------------------------------

_TYPE_NAMES = {
    bool: "a boolean",
    int: "a number",
    float: "a number",
    str: "a string",
    list: "a list",
    dict: "a mapping",
    type(None): "nothing (null)",
}


def describe(value: object) -> str:
    """A short, readable account of a YAML value, for error messages."""
    kind = next((name for t, name in _TYPE_NAMES.items() if type(value) is t), None)
    if kind is None:
        kind = f"a {type(value).__name__}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, (bool, int, float)) or value is None:
        return f"{value!r} ({kind})"
    return kind


def _join(choices: Iterable[str]) -> str:
    return ", ".join(choices)


# --- small typed readers ---------------------------------------------------------

T = TypeVar("T")


def _mapping(value: object, key_path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ActionError(
            key_path, f"expected a mapping of keys to values, found {describe(value)}"
        )
    for key in value:
        if not isinstance(key, str):
            raise ActionError(key_path, f"keys must be strings, found the key {describe(key)}")
    return value


def _list(value: object, key_path: str) -> list[Any]:
    if not isinstance(value, list):
        raise ActionError(key_path, f"expected a list, found {describe(value)}")
    return value


def _text(value: object, key_path: str, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        hint = " (put it in quotes)" if isinstance(value, (bool, int, float)) else ""
        raise ActionError(key_path, f"expected a string, found {describe(value)}{hint}")
    if not allow_empty and not value.strip():
        raise ActionError(key_path, "must not be empty")
    return value


def _flag(value: object, key_path: str) -> bool:
    if not isinstance(value, bool):
        raise ActionError(key_path, f"expected true or false, found {describe(value)}")
    return value


def _positive_int(value: object, key_path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ActionError(
            key_path, f"expected a whole number of at least 1, found {describe(value)}"
        )
    return value


def _optional(
    raw: Mapping[str, Any], key: str, key_path: str, read: Callable[[object, str], T]
) -> Optional[T]:
    return read(raw[key], f"{key_path}.{key}") if key in raw else None


def _check_keys(
    raw: Mapping[str, Any],
    key_path: str,
    allowed: Iterable[str],
    warnings: Warnings,
    *,
    known_elsewhere: Iterable[str] = (),
    elsewhere_hint: str = "",
) -> None:
    allowed = tuple(allowed)
    known_elsewhere = frozenset(known_elsewhere)
    for key in raw:
        if key in allowed:
            continue
        if key in known_elsewhere:
            raise ActionError(
                f"{key_path}.{key}", f"{elsewhere_hint}; allowed here: {_join(allowed)}"
            )
        warnings.add(f"{key_path}.{key}", f"unknown key, ignored; known keys: {_join(allowed)}")


# --- JSON-able static data ----------------------------------------------------------


def _json_value(value: object, key_path: str, depth: int = 0) -> JSONValue:
    if depth > _MAX_DATA_DEPTH:
        raise ActionError(key_path, f"nested deeper than {_MAX_DATA_DEPTH} levels")
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ActionError(key_path, f"expected a finite number, found {describe(value)}")
        return value
    if isinstance(value, list):
        return [_json_value(v, f"{key_path}[{i}]", depth + 1) for i, v in enumerate(value)]
    if isinstance(value, Mapping):
        mapping = _mapping(value, key_path)
        return {k: _json_value(v, f"{key_path}.{k}", depth + 1) for k, v in mapping.items()}
    raise ActionError(
        key_path,
        f"expected text, a number, true/false, a list or a mapping, found {describe(value)}",
    )


# --- fields ---------------------------------------------------------------------------


def parse_field(raw: object, key_path: str, warnings: Warnings) -> Field:
    mapping = _mapping(raw, key_path)
    _check_keys(mapping, key_path, _FIELD_KEYS, warnings)
    if "key" not in mapping:
        raise ActionError(f"{key_path}.key", "missing; every field needs a key, e.g. `key: email`")
    key = _text(mapping["key"], f"{key_path}.key")
    if not KEY_PATTERN.match(key):
        raise ActionError(
            f"{key_path}.key",
            f"{describe(key)} is not allowed; a key starts with a letter or _, "
            "then letters, digits or _",
        )
    field_type = _text(mapping.get("type", "text"), f"{key_path}.type")
    if field_type not in FIELD_TYPES:
        raise ActionError(
            f"{key_path}.type", f"{describe(field_type)} is not one of: {_join(FIELD_TYPES)}"
        )
    label = _text(mapping["label"], f"{key_path}.label") if "label" in mapping else key
    options: tuple[str, ...] = ()
    if "options" in mapping:
        if field_type != "select":
            raise ActionError(
                f"{key_path}.options",
                f"only a select field has options; this field is {field_type}",
            )
        items = _list(mapping["options"], f"{key_path}.options")
        options = tuple(_text(o, f"{key_path}.options[{i}]") for i, o in enumerate(items))
        seen: set[str] = set()
        for i, option in enumerate(options):
            if option in seen:
                raise ActionError(f"{key_path}.options[{i}]", f"{describe(option)} is listed twice")
            seen.add(option)
    if field_type == "select" and not options:
        raise ActionError(
            f"{key_path}.options", "a select field needs a non-empty list of options to choose from"
        )
    max_length = _optional(mapping, "max_length", key_path, _positive_int)
    if max_length is not None and field_type in ("select", "checkbox", "number"):
        raise ActionError(f"{key_path}.max_length", f"does not apply to a {field_type} field")
    return Field(
        key=key,
        label=label,
        type=field_type,
        required=_optional(mapping, "required", key_path, _flag) or False,
        placeholder=_optional(mapping, "placeholder", key_path, _text),
        max_length=max_length,
        options=options,
    )


# --- actions --------------------------------------------------------------------------


def _webhook(value: object, key_path: str, warnings: Warnings) -> tuple[Optional[str], str]:
    """`webhook: https://...`, or `webhook: {url: https://..., format: form}`."""
    if value is None:
        return None, "json"
    if isinstance(value, Mapping):
        mapping = _mapping(value, key_path)
        _check_keys(mapping, key_path, ("url", "format"), warnings)
        if "url" not in mapping:
            raise ActionError(f"{key_path}.url", "missing; the address that receives the POST")
        url = safety.check_webhook(_text(mapping["url"], f"{key_path}.url"), f"{key_path}.url")
        fmt = _text(mapping.get("format", "json"), f"{key_path}.format")
        if fmt not in WEBHOOK_FORMATS:
            raise ActionError(
                f"{key_path}.format", f"{describe(fmt)} is not one of: {_join(WEBHOOK_FORMATS)}"
            )
        return url, fmt
    return safety.check_webhook(_text(value, key_path), key_path), "json"


def _pages(value: object, key_path: str) -> tuple[str, ...]:
    items = _list(value, key_path)
    patterns = tuple(_text(p, f"{key_path}[{i}]") for i, p in enumerate(items))
    if patterns and all(p.startswith("!") for p in patterns):
        return ("**", *patterns)  # only exclusions: every other page
    return patterns


def parse_action(raw: object, key_path: str, warnings: Warnings, *, site: bool = True) -> Action:
    mapping = _mapping(raw, key_path)
    if "id" not in mapping:
        raise ActionError(
            f"{key_path}.id", "missing; every action needs an id, e.g. `id: book_demo`"
        )
    action_id = _text(mapping["id"], f"{key_path}.id")
    if not ID_PATTERN.match(action_id):
        raise ActionError(
            f"{key_path}.id",
            f"{describe(action_id)} is not allowed; an id starts with a letter, "
            "then letters, digits, _ or -",
        )
    if "type" not in mapping:
        raise ActionError(f"{key_path}.type", f"missing; one of: {_join(ACTION_TYPES)}")
    action_type = _text(mapping["type"], f"{key_path}.type")
    if action_type not in ACTION_TYPES:
        raise ActionError(
            f"{key_path}.type", f"{describe(action_type)} is not one of: {_join(ACTION_TYPES)}"
        )
    if "headers" in mapping:
        raise ActionError(
            f"{key_path}.headers",
            "the plugin sends no custom headers from the browser: every reader could read "
            "them. Add headers (and API keys) on a server-side endpoint that `webhook` points to",
        )
    _check_keys(
        mapping,
        key_path,
        KEYS_BY_TYPE[action_type],
        warnings,
        known_elsewhere=_ALL_ACTION_KEYS,
        elsewhere_hint=f"not an option of a {action_type} action",
    )
    if "label" not in mapping:
        raise ActionError(
            f"{key_path}.label", "missing; every action needs the text its button shows"
        )
    label = _text(mapping["label"], f"{key_path}.label")

    url = _optional(mapping, "url", key_path, _text)
    if url is not None:
        url = safety.check_url(url, f"{key_path}.url")
    webhook, webhook_format = _webhook(mapping.get("webhook"), f"{key_path}.webhook", warnings)
    if action_type == "link" and url is None:
        raise ActionError(f"{key_path}.url", "missing; a link action needs the url it opens")

    fields: tuple[Field, ...] = ()
    if action_type == "form":
        if "fields" not in mapping:
            raise ActionError(f"{key_path}.fields", "missing; a form needs at least one field")
        items = _list(mapping["fields"], f"{key_path}.fields")
        if not items:
            raise ActionError(f"{key_path}.fields", "is empty; a form needs at least one field")
        fields = tuple(
            parse_field(f, f"{key_path}.fields[{i}]", warnings) for i, f in enumerate(items)
        )
        seen: dict[str, int] = {}
        for i, f in enumerate(fields):
            if f.key in seen:
                raise ActionError(
                    f"{key_path}.fields[{i}].key",
                    f"{describe(f.key)} is already the key of fields[{seen[f.key]}]; "
                    "keys must be unique in a form",
                )
            seen[f.key] = i

    data = None
    if "data" in mapping:
        data_map = _mapping(mapping["data"], f"{key_path}.data")
        data = {k: _json_value(v, f"{key_path}.data.{k}", 1) for k, v in data_map.items()}

    if "pages" in mapping and not site:
        raise ActionError(
            f"{key_path}.pages",
            "only a site action in mkdocs.yml can choose its pages; a page's own "
            "actions are shown on that page",
        )
    public_raw = _list(mapping["public"], f"{key_path}.public") if "public" in mapping else []
    public = [_text(p, f"{key_path}.public[{i}]") for i, p in enumerate(public_raw)]
    action = Action(
        id=action_id,
        type=action_type,
        label=label,
        primary=_optional(mapping, "primary", key_path, _flag) or False,
        url=url,
        webhook=webhook,
        webhook_format=webhook_format,
        data=data,
        fields=fields,
        submit_label=_optional(mapping, "submit_label", key_path, _text),
        success_message=_optional(mapping, "success_message", key_path, _text),
        error_message=_optional(mapping, "error_message", key_path, _text),
        pages=_optional(mapping, "pages", key_path, _pages) or (),
    )
    safety.check_secrets(published(action), key_path, public)
    return action


def _data_values(value: JSONValue, where: str, key: Optional[str]) -> Iterator[safety.Published]:
    if isinstance(value, str):
        yield where, value, False, key
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _data_values(item, f"{where}[{i}]", key)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield f"{where}.{k}", k, False, None  # a key itself can be a pasted token
            yield from _data_values(v, f"{where}.{k}", k)


def published(action: Action) -> Iterator[safety.Published]:
    """Every string of an action that reaches the browser, with its key path."""
    yield "label", action.label, False, None
    if action.url is not None:
        yield "url", action.url, True, None
    if action.webhook is not None:
        yield "webhook", action.webhook, True, None
    for key in ("submit_label", "success_message", "error_message"):
        if getattr(action, key) is not None:
            yield key, getattr(action, key), False, None
    if action.data is not None:
        yield from _data_values(dict(action.data), "data", None)
    for i, f in enumerate(action.fields):
        yield f"fields[{i}].label", f.label, False, None
        if f.placeholder is not None:
            yield f"fields[{i}].placeholder", f.placeholder, False, None
        for j, option in enumerate(f.options):
            yield f"fields[{i}].options[{j}]", option, False, None


def parse_actions(
    raw: object, key_path: str, warnings: Warnings, *, site: bool = True
) -> tuple[Action, ...]:
    """A list of actions with unique ids: the site's (mkdocs.yml) or a page's."""
    if raw is None:
        return ()
    items = _list(raw, key_path)
    actions = tuple(
        parse_action(a, f"{key_path}[{i}]", warnings, site=site) for i, a in enumerate(items)
    )
    first: dict[str, int] = {}
    for i, action in enumerate(actions):
        if action.id in first:
            raise ActionError(
                f"{key_path}[{i}].id",
                f"{describe(action.id)} is already the id of {key_path}[{first[action.id]}]; "
                "ids must be unique",
            )
        first[action.id] = i
    return actions


def parse_page_settings(raw: object, key_path: str, warnings: Warnings) -> PageSettings:
    """The `chatspark:` front matter key: `false` (no widget), `true` (the defaults,
    explicitly), or a mapping."""
    if isinstance(raw, bool):
        return PageSettings(enabled=raw)
    if raw is None:
        return PageSettings()
    mapping = _mapping(raw, key_path)
    _check_keys(mapping, key_path, _PAGE_KEYS, warnings)
    hide_raw = _list(mapping["hide"], f"{key_path}.hide") if "hide" in mapping else []
    hide = tuple(_text(h, f"{key_path}.hide[{i}]") for i, h in enumerate(hide_raw))
    return PageSettings(
        enabled=_optional(mapping, "enabled", key_path, _flag) is not False,
        actions=parse_actions(mapping.get("actions"), f"{key_path}.actions", warnings, site=False),
        hide=hide,
        greeting=_optional(mapping, "greeting", key_path, _published_text),
    )


def _published_text(value: object, key_path: str) -> str:
    text = _text(value, key_path)
    safety.check_text(text, key_path)
    return text
