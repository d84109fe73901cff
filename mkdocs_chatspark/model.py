"""Chat actions and their fields: raw YAML in, frozen dataclasses out.

One validator serves mkdocs.yml and page front matter, under MkDocs and Zensical
alike. Every problem carries the key path (`actions[1].fields[0].type`), what was
found and what is allowed; the caller adds the file name.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, Callable, Optional, TypeVar, Union
from urllib.parse import parse_qs, urlsplit

from . import pattern, redos, safety
from .errors import ActionError, Warnings

ACTION_TYPES = ("button", "form", "link")
WEBHOOK_FORMATS = ("json", "form")
FIELD_TYPES = (
    "text",
    "email",
    "tel",
    "url",
    "number",
    "textarea",
    "select",
    "checkbox",
    "radio",
    "date",
    "hidden",
)
TEXT_TYPES = ("text", "email", "tel", "url", "textarea")
"""Fields whose value is typed text: they take `placeholder`, `max_length`, `pattern`."""
CHOICE_TYPES = ("select", "radio")
HONEYPOT = "_gotcha"
"""The honeypot's name where it travels in a urlencoded body (Formspree's name for
it); no field may take it."""
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
        "min_fill_seconds",
    ),
    "link": (*_COMMON_KEYS, "url"),
}
_ALL_ACTION_KEYS = frozenset(k for keys in KEYS_BY_TYPE.values() for k in keys)
# Which keys each field type accepts; a key of another type is an error.
_FIELD_COMMON = ("key", "label", "type", "required", "help", "default", "autocomplete")
_TEXT_KEYS = (
    *_FIELD_COMMON,
    "placeholder",
    "max_length",
    "pattern",
    "pattern_message",
    "question",
)
FIELD_KEYS_BY_TYPE: dict[str, tuple[str, ...]] = {
    **{t: _TEXT_KEYS for t in TEXT_TYPES},
    "number": (*_FIELD_COMMON, "placeholder", "min", "max", "step"),
    "date": (*_FIELD_COMMON, "min", "max"),
    "select": (*_FIELD_COMMON, "options", "multiple"),
    "radio": (*_FIELD_COMMON, "options"),
    "checkbox": _FIELD_COMMON,
    "hidden": ("key", "label", "type", "value"),
}
_ALL_FIELD_KEYS = frozenset(k for keys in FIELD_KEYS_BY_TYPE.values() for k in keys)
_PAGE_KEYS = ("enabled", "actions", "hide", "greeting", "feedback")

_MAX_DATA_DEPTH = 8

JSONValue = Union[None, bool, int, float, str, list["JSONValue"], dict[str, "JSONValue"]]
Number = Union[int, float]
Scalar = Union[bool, int, float, str]
FieldValue = Union[Scalar, tuple[str, ...]]
"""A field's `default`, as its data is typed: text, a number, true/false, or the
chosen options of a `multiple` select."""


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    type: str = "text"
    required: bool = False
    placeholder: Optional[str] = None
    max_length: Optional[int] = None
    options: tuple[str, ...] = ()
    """select and radio: the choices."""
    multiple: bool = False
    """select: any number of options; the data is then a list."""
    pattern: Optional[str] = None
    """Text-like fields: a JavaScript regular expression the whole value must match."""
    pattern_message: Optional[str] = None
    minimum: Optional[Union[Number, str]] = None
    """`min`: a number (number) or an ISO date (date)."""
    maximum: Optional[Union[Number, str]] = None
    """`max`: a number (number) or an ISO date (date)."""
    step: Optional[Number] = None
    help: Optional[str] = None
    """A line under the label, tied to the input with aria-describedby."""
    default: Optional[FieldValue] = None
    value: Optional[Scalar] = None
    """hidden: the static value sent with the form."""
    autocomplete: Optional[str] = None
    """HTML autocomplete tokens: the author's, or inferred from the type or key."""
    question: bool = False
    """Text-like fields: receives a reader's unanswered question when the form is
    chosen from the Ask box's refusal (unmarked: the form's first textarea)."""


LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*\Z")
"""A language code as themes and mkdocs-static-i18n write them: en, fr, pt_BR, zh-Hant."""


@dataclass(frozen=True)
class Localized:
    """One text per language, in the order written: `{en: Book a demo, fr: Réserver
    une démo}`. The build picks the one of the language it builds (`localize`)."""

    texts: tuple[tuple[str, str], ...]


Text = Union[str, Localized]
"""A text the reader sees: the same in every language, or one per language."""


def plain(text: Text) -> str:
    """A text as one string: itself, or (not localized yet) its first language's."""
    return text if isinstance(text, str) else text.texts[0][1]


def _base(code: str) -> str:
    return code.lower().replace("-", "_").split("_")[0]


def pick(text: Text, language: str) -> tuple[str, bool]:
    """The text for `language`: its own entry, else one of the same base language
    (`pt` for `pt_BR`, and the reverse), else the first entry; and whether one matched."""
    if isinstance(text, str):
        return text, True
    wanted = language.lower().replace("-", "_")
    for code, value in text.texts:
        if code.lower().replace("-", "_") == wanted:
            return value, True
    for code, value in text.texts:
        if _base(code) == _base(language):
            return value, True
    return text.texts[0][1], False


@dataclass(frozen=True)
class Action:
    id: str
    type: str
    label: Text
    primary: bool = False
    url: Optional[str] = None
    webhook: Optional[str] = None
    webhook_format: str = "json"
    """json: a JSON body with an Idempotency-Key header (CORS preflight); form: a
    CORS-simple urlencoded body, for receivers that answer no preflight."""
    data: Optional[Mapping[str, JSONValue]] = None
    netlify: bool = False
    """Form: sent to Netlify Forms (`webhook: {netlify: true}`), urlencoded, to the site root."""
    fields: tuple[Field, ...] = ()
    min_fill_seconds: Optional[Number] = None
    """Form: a submission sooner than this after the form opened is taken for a bot."""
    # Unset: the widget's own words in the site's language (messages.py).
    submit_label: Optional[str] = None
    success_message: Optional[Text] = None
    error_message: Optional[Text] = None
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
    feedback: bool = True
    """`feedback: false`: no "Was this page helpful?" block on this page."""


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
    """A short, readable account of a YAML value, for error messages, in YAML's words:
    `true (a boolean)`, `nothing (null)`, not Python's `True` and `None`."""
    kind = next((name for t, name in _TYPE_NAMES.items() if type(value) is t), None)
    if kind is None:
        kind = f"a {type(value).__name__}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if value is None:
        return kind
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} ({kind})"
    if isinstance(value, (int, float)):
        return f"{value!r} ({kind})"
    return kind


def _join(choices: Iterable[str]) -> str:
    return ", ".join(choices)


def did_you_mean(key: object, known: Iterable[str]) -> str:
    """`did you mean label? ` for a mistyped key close to a known one, else ``: the
    hint an unknown option gets (options.py), for every unknown key."""
    close = difflib.get_close_matches(str(key), list(known), n=1)
    return f"did you mean {close[0]}? " if close else ""


def missing(raw: Mapping[Any, Any], key: str, key_path: str, why: str) -> ActionError:
    """The error for a required `key` that `raw` lacks, naming a key of `raw` written
    close to it (`lable:` for `label:`): the unknown-key warning that says so would
    not be seen, the build stopping on this error first."""
    close = difflib.get_close_matches(key, [k for k in raw if isinstance(k, str)], n=1)
    found = f" (found {close[0]!r}, a typo?)" if close else ""
    return ActionError(f"{key_path}.{key}", f"missing{found}; {why}")


def unknown_key(key: object, known: Iterable[str]) -> str:
    """The warning for an unknown key: ignored, the likely intended one, every known one."""
    known = tuple(known)
    return f"unknown key, ignored; {did_you_mean(key, known)}known keys: {_join(known)}"


# --- small typed readers ---------------------------------------------------------

T = TypeVar("T")


def _mapping(value: object, key_path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ActionError(
            key_path, f"expected a mapping of keys to values, found {describe(value)}"
        )
    for key in value:
        if not isinstance(key, str):
            shown = "null" if key is None else describe(key)  # `~:` or `null:`
            raise ActionError(key_path, f"keys must be strings, found the key {shown}")
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


def localized_text(value: object, key_path: str) -> Text:
    """A string, or a mapping of language codes to strings."""
    if not isinstance(value, Mapping):
        return _text(value, key_path)
    if not value:
        raise ActionError(
            key_path,
            "is empty; write the text, or one per language: "
            "{en: Book a demo, fr: Réserver une démo}",
        )
    texts = []
    for code, text in value.items():
        if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
            hint = " (put it in quotes: YAML reads no, on and yes as booleans)"
            raise ActionError(
                key_path,
                f"{describe(code)} is not a language code like en, fr or pt_BR"
                + (hint if isinstance(code, bool) else ""),
            )
        texts.append((code, _text(text, f"{key_path}.{code}")))
    return Localized(tuple(texts))


def choose(text: Text, language: str, key_path: str, warnings: Warnings) -> str:
    """The text for `language`, the language being built. A missing language is a
    warning naming the key path, and the first text stands in."""
    value, matched = pick(text, language)
    if not matched and isinstance(text, Localized):
        first = text.texts[0][0]
        warnings.add(
            key_path,
            f"no text for {language!r}, the language being built; the {first!r} one is "
            f"shown. Add `{language}: ...` to it",
        )
    return value


def localize(action: Action, language: str, key_path: str, warnings: Warnings) -> Action:
    """The action with each per-language text picked for `language`."""
    changes: dict[str, Any] = {}
    for key in ("label", "success_message", "error_message"):
        value = getattr(action, key)
        if isinstance(value, Localized):
            changes[key] = choose(value, language, f"{key_path}.{key}", warnings)
    return replace(action, **changes) if changes else action


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
        warnings.add(f"{key_path}.{key}", unknown_key(key, allowed))


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

# HTML's autofill field names (the "autocomplete" attribute), and the contact ones
# that may follow home, work, mobile, fax or pager.
AUTOFILL_NAMES = (
    "name",
    "honorific-prefix",
    "given-name",
    "additional-name",
    "family-name",
    "honorific-suffix",
    "nickname",
    "username",
    "new-password",
    "current-password",
    "one-time-code",
    "organization-title",
    "organization",
    "street-address",
    "address-line1",
    "address-line2",
    "address-line3",
    "address-level4",
    "address-level3",
    "address-level2",
    "address-level1",
    "country",
    "country-name",
    "postal-code",
    "cc-name",
    "cc-given-name",
    "cc-additional-name",
    "cc-family-name",
    "cc-number",
    "cc-exp",
    "cc-exp-month",
    "cc-exp-year",
    "cc-csc",
    "cc-type",
    "transaction-currency",
    "transaction-amount",
    "language",
    "bday",
    "bday-day",
    "bday-month",
    "bday-year",
    "sex",
    "url",
    "photo",
)
AUTOFILL_CONTACT = (
    "tel",
    "tel-country-code",
    "tel-national",
    "tel-area-code",
    "tel-local",
    "tel-local-prefix",
    "tel-local-suffix",
    "tel-extension",
    "email",
    "impp",
)
_CONTACT_HINTS = ("home", "work", "mobile", "fax", "pager")

# The token a field gets when the author sets none: by its type, else by its key.
_AUTOCOMPLETE_BY_TYPE = {"email": "email", "tel": "tel", "url": "url"}
_AUTOCOMPLETE_BY_KEY = {
    **dict.fromkeys(("name", "full_name", "fullname", "your_name"), "name"),
    **dict.fromkeys(("given_name", "first_name", "firstname", "forename"), "given-name"),
    **dict.fromkeys(("family_name", "last_name", "lastname", "surname"), "family-name"),
    **dict.fromkeys(("additional_name", "middle_name"), "additional-name"),
    "nickname": "nickname",
    **dict.fromkeys(("username", "user_name"), "username"),
    **dict.fromkeys(
        ("company", "company_name", "organization", "organisation", "org"), "organization"
    ),
    **dict.fromkeys(("job_title", "organization_title"), "organization-title"),
    **dict.fromkeys(("email", "email_address", "work_email"), "email"),
    **dict.fromkeys(("phone", "phone_number", "telephone", "tel", "mobile"), "tel"),
    **dict.fromkeys(("website", "homepage", "url"), "url"),
    **dict.fromkeys(("address", "street_address"), "street-address"),
    **dict.fromkeys(("city", "town"), "address-level2"),
    **dict.fromkeys(("region", "state", "province"), "address-level1"),
    **dict.fromkeys(("postal_code", "postcode", "zip", "zip_code"), "postal-code"),
    "country": "country-name",
    "language": "language",
    **dict.fromkeys(("birthday", "bday", "date_of_birth"), "bday"),
}
# Types whose value autofill can fill in: the key decides only for these.
_AUTOFILL_TYPES = (*TEXT_TYPES, "select", "date")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# As the widget checks them (widget.js), so that a default passes in the browser too.
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+\Z")


def infer_autocomplete(field_type: str, key: str) -> Optional[str]:
    """The autocomplete token for a field the author set none on."""
    if field_type in _AUTOCOMPLETE_BY_TYPE:
        return _AUTOCOMPLETE_BY_TYPE[field_type]
    if field_type in _AUTOFILL_TYPES:
        return _AUTOCOMPLETE_BY_KEY.get(key.lower())
    return None


def _autocomplete(value: object, key_path: str) -> str:
    """`on`, `off`, or HTML's tokens: [section-*] [shipping|billing] [home|work|...]
    field-name [webauthn]."""
    text = _text(value, key_path)
    tokens = text.lower().split()
    if tokens in (["on"], ["off"]):
        return tokens[0]
    rest = list(tokens)
    if rest and rest[-1] == "webauthn":
        rest.pop()
    if rest and rest[0].startswith("section-") and len(rest[0]) > len("section-"):
        rest.pop(0)
    if rest and rest[0] in ("shipping", "billing"):
        rest.pop(0)
    contact = bool(rest) and rest[0] in _CONTACT_HINTS
    if contact:
        rest.pop(0)
    names = AUTOFILL_CONTACT if contact else (*AUTOFILL_NAMES, *AUTOFILL_CONTACT)
    if len(rest) != 1 or rest[0] not in names:
        raise ActionError(
            key_path,
            f"{describe(text)} is not an HTML autocomplete value; use on, off, or a token "
            "such as name, given-name, family-name, organization, email, tel, url, "
            "street-address, postal-code, country-name (optionally after section-*, "
            "shipping/billing, or home/work/mobile for tel and email)",
        )
    return " ".join(tokens)


def _number(value: object, key_path: str) -> Number:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        hint = " (without quotes)" if isinstance(value, str) else ""
        raise ActionError(key_path, f"expected a number, found {describe(value)}{hint}")
    if not math.isfinite(value):
        raise ActionError(key_path, f"expected a finite number, found {describe(value)}")
    return value


def _positive_number(value: object, key_path: str) -> Number:
    number = _number(value, key_path)
    if number <= 0:
        raise ActionError(key_path, f"expected a number above 0, found {describe(value)}")
    return number


def _iso_date(value: object, key_path: str) -> str:
    """A date as YAML reads `2026-12-01` (a date) or `"2026-12-01"` (a string)."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            raise ActionError(
                key_path, f"{describe(value)} is not a date in the calendar"
            ) from None
    raise ActionError(key_path, f"expected a date as YYYY-MM-DD, found {describe(value)}")


def _pattern(value: object, key_path: str) -> str:
    text = _text(value, key_path)
    try:
        pattern.compile_pattern(text)
    except pattern.PatternError as e:
        raise ActionError(
            key_path,
            f"{pattern_shown(text)} is not a JavaScript regular expression the widget can use: {e}",
        ) from None
    _pattern_is_safe(text, key_path)
    return text


def _pattern_is_safe(text: str, key_path: str) -> None:
    """A pattern whose matching time can explode on a short input is refused (redos.py)."""
    reason = redos.check(text)
    if reason:
        raise ActionError(key_path, f"{pattern_shown(text)} is refused: {reason}")


def pattern_shown(text: str) -> str:
    """A pattern as the author writes it in YAML, in single quotes (where a backslash is
    itself), not Python's repr (which doubles each one)."""
    shown = text if len(text) <= 80 else text[:77] + "..."
    return "'" + shown.replace("'", "''") + "'"


def _options(mapping: Mapping[str, Any], key_path: str) -> tuple[str, ...]:
    items = _list(mapping["options"], f"{key_path}.options")
    options = tuple(_text(o, f"{key_path}.options[{i}]") for i, o in enumerate(items))
    seen: set[str] = set()
    for i, option in enumerate(options):
        if option in seen:
            raise ActionError(f"{key_path}.options[{i}]", f"{describe(option)} is listed twice")
        seen.add(option)
    return options


def _hidden_value(value: object, key_path: str) -> Scalar:
    if isinstance(value, (bool, int, float, str)) and not (
        isinstance(value, float) and not math.isfinite(value)
    ):
        if isinstance(value, str):
            _text(value, key_path)
        return value
    raise ActionError(key_path, f"expected text, a number or true/false, found {describe(value)}")


def _in_range(value: Union[Number, str], f: Field, key_path: str) -> None:
    if f.minimum is not None and value < f.minimum:  # type: ignore[operator]
        raise ActionError(key_path, f"{describe(value)} is below min ({f.minimum})")
    if f.maximum is not None and value > f.maximum:  # type: ignore[operator]
        raise ActionError(key_path, f"{describe(value)} is above max ({f.maximum})")


def _on_step(value: Number, f: Field) -> bool:
    if f.step is None:
        return True
    base = f.minimum if isinstance(f.minimum, (int, float)) else 0
    steps = (value - base) / f.step
    return abs(steps - round(steps)) <= 1e-9 * max(1.0, abs(steps))


def _default(value: object, f: Field, key_path: str) -> FieldValue:
    """The field's `default`, checked as the widget would check the value."""
    if f.type == "checkbox":
        return _flag(value, key_path)
    if f.type == "number":
        number = _number(value, key_path)
        _in_range(number, f, key_path)
        if not _on_step(number, f):
            raise ActionError(
                key_path, f"{describe(number)} is not on a step of {f.step} from {f.minimum or 0}"
            )
        return number
    if f.type == "date":
        date = _iso_date(value, key_path)
        _in_range(date, f, key_path)
        return date
    if f.type in CHOICE_TYPES and f.multiple:
        items = _list(value, key_path)
        chosen = tuple(_text(v, f"{key_path}[{i}]") for i, v in enumerate(items))
        for i, option in enumerate(chosen):
            if option not in f.options:
                raise ActionError(
                    f"{key_path}[{i}]",
                    f"{describe(option)} is not one of the options: {_join(f.options)}",
                )
        if len(set(chosen)) != len(chosen):
            raise ActionError(key_path, "lists an option twice")
        return chosen
    text = _text(value, key_path)
    if f.type in CHOICE_TYPES:
        if text not in f.options:
            raise ActionError(
                key_path, f"{describe(text)} is not one of the options: {_join(f.options)}"
            )
        return text
    if f.max_length is not None and len(text) > f.max_length:
        raise ActionError(
            key_path,
            f"{describe(text)} ({len(text)} characters) is longer than max_length ({f.max_length})",
        )
    if f.pattern is not None and not pattern.matches(pattern.compile_pattern(f.pattern), text):
        raise ActionError(
            key_path, f"{describe(text)} does not match the pattern {pattern_shown(f.pattern)}"
        )
    if f.type == "email" and not _EMAIL.match(text):
        raise ActionError(key_path, f"{describe(text)} is not an email address")
    if f.type == "url" and urlsplit(text).scheme not in ("http", "https"):
        raise ActionError(key_path, f"{describe(text)} is not an http(s) address")
    return text


def parse_field(raw: object, key_path: str, warnings: Warnings) -> Field:
    mapping = _mapping(raw, key_path)
    if "key" not in mapping:
        raise missing(mapping, "key", key_path, "every field needs a key, e.g. `key: email`")
    key = _text(mapping["key"], f"{key_path}.key")
    if not KEY_PATTERN.match(key):
        raise ActionError(
            f"{key_path}.key",
            f"{describe(key)} is not allowed; a key starts with a letter or _, "
            "then letters, digits or _",
        )
    if key == HONEYPOT:
        raise ActionError(
            f"{key_path}.key", f"{key!r} is reserved: the spam honeypot travels under that name"
        )
    field_type = _text(mapping.get("type", "text"), f"{key_path}.type")
    if field_type not in FIELD_TYPES:
        raise ActionError(
            f"{key_path}.type", f"{describe(field_type)} is not one of: {_join(FIELD_TYPES)}"
        )
    allowed = FIELD_KEYS_BY_TYPE[field_type]
    _check_keys(
        mapping,
        key_path,
        allowed,
        warnings,
        known_elsewhere=_ALL_FIELD_KEYS,
        elsewhere_hint=f"does not apply to a {field_type} field",
    )
    label = _text(mapping["label"], f"{key_path}.label") if "label" in mapping else key
    options: tuple[str, ...] = ()
    if field_type in CHOICE_TYPES:
        if "options" in mapping:
            options = _options(mapping, key_path)
        if not options:
            raise ActionError(
                f"{key_path}.options",
                f"a {field_type} field needs a non-empty list of options to choose from",
            )
    if field_type == "hidden" and "value" not in mapping:
        raise ActionError(
            f"{key_path}.value",
            "missing; a hidden field sends a static value, e.g. `value: spring`",
        )
    minimum: Optional[Union[Number, str]] = None
    maximum: Optional[Union[Number, str]] = None
    if field_type in ("number", "date"):
        read = _number if field_type == "number" else _iso_date
        minimum = _optional(mapping, "min", key_path, read)
        maximum = _optional(mapping, "max", key_path, read)
        if minimum is not None and maximum is not None and minimum > maximum:  # type: ignore[operator]
            raise ActionError(
                f"{key_path}.max", f"{describe(maximum)} is below min ({minimum}); min <= max"
            )
    autocomplete = _optional(mapping, "autocomplete", key_path, _autocomplete)
    f = Field(
        key=key,
        label=label,
        type=field_type,
        required=_optional(mapping, "required", key_path, _flag) or False,
        placeholder=_optional(mapping, "placeholder", key_path, _text),
        max_length=_optional(mapping, "max_length", key_path, _positive_int),
        options=options,
        multiple=_optional(mapping, "multiple", key_path, _flag) or False,
        pattern=_optional(mapping, "pattern", key_path, _pattern),
        pattern_message=_optional(mapping, "pattern_message", key_path, _text),
        minimum=minimum,
        maximum=maximum,
        step=_optional(mapping, "step", key_path, _positive_number),
        help=_optional(mapping, "help", key_path, _text),
        question=_optional(mapping, "question", key_path, _flag) or False,
        value=_optional(mapping, "value", key_path, _hidden_value),
        autocomplete=autocomplete
        if autocomplete is not None
        else infer_autocomplete(field_type, key),
    )
    if f.pattern_message is not None and f.pattern is None:
        raise ActionError(
            f"{key_path}.pattern_message", "only applies with a pattern; add `pattern:` too"
        )
    if "default" in mapping:
        if mapping["default"] is None:
            raise ActionError(
                f"{key_path}.default", "is empty (null); leave the key out for no default"
            )
        f = dataclasses.replace(f, default=_default(mapping["default"], f, f"{key_path}.default"))
    return f


# --- actions --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Webhook:
    """Where an action's POST goes: a URL in a format, or Netlify Forms."""

    url: Optional[str] = None
    format: str = "json"
    netlify: bool = False


def _webhook(value: object, key_path: str, warnings: Warnings) -> _Webhook:
    """`webhook: https://...`, `webhook: {url: https://..., format: form}`, or
    `webhook: {netlify: true}`."""
    if value is None:
        return _Webhook()
    if isinstance(value, Mapping):
        mapping = _mapping(value, key_path)
        _check_keys(mapping, key_path, ("url", "format", "netlify"), warnings)
        if _optional(mapping, "netlify", key_path, _flag):
            for key in ("url", "format"):
                if key in mapping:
                    raise ActionError(
                        f"{key_path}.{key}",
                        "does not go with `netlify: true`: Netlify Forms takes the "
                        "submission at the site root, urlencoded",
                    )
            return _Webhook(netlify=True)
        if "url" not in mapping:
            raise ActionError(
                f"{key_path}.url",
                "missing; the address that receives the POST (or `netlify: true`)",
            )
        url = safety.check_webhook(_text(mapping["url"], f"{key_path}.url"), f"{key_path}.url")
        fmt = _text(mapping.get("format", "json"), f"{key_path}.format")
        if fmt not in WEBHOOK_FORMATS:
            raise ActionError(
                f"{key_path}.format", f"{describe(fmt)} is not one of: {_join(WEBHOOK_FORMATS)}"
            )
        return _Webhook(url, fmt)
    return _Webhook(safety.check_webhook(_text(value, key_path), key_path))


def mailto_form(
    action_type: str, url: Optional[str], webhook: Optional[str], netlify: bool
) -> bool:
    """A form with a `mailto:` url and no webhook is sent by the reader's mail program."""
    return (
        action_type == "form"
        and url is not None
        and url.lower().startswith("mailto:")
        and webhook is None
        and not netlify
    )


def _mailto_form(url: str, key_path: str) -> None:
    """A form sent by the reader's mail program: the widget writes subject and body."""
    query = parse_qs(urlsplit(url).query)
    for key in ("subject", "body"):
        if any(k.lower() == key for k in query):
            raise ActionError(
                key_path,
                f"a form sent by email sets the {key} itself (subject: the action's label, "
                f"body: the fields); remove `{key}=` from the mailto: address",
            )


def _pages(value: object, key_path: str) -> tuple[str, ...]:
    items = _list(value, key_path)
    patterns = tuple(_text(p, f"{key_path}[{i}]") for i, p in enumerate(items))
    if patterns and all(p.startswith("!") for p in patterns):
        return ("**", *patterns)  # only exclusions: every other page
    return patterns


def parse_action(raw: object, key_path: str, warnings: Warnings, *, site: bool = True) -> Action:
    mapping = _mapping(raw, key_path)
    if "id" not in mapping:
        raise missing(mapping, "id", key_path, "every action needs an id, e.g. `id: book_demo`")
    action_id = _text(mapping["id"], f"{key_path}.id")
    if not ID_PATTERN.match(action_id):
        raise ActionError(
            f"{key_path}.id",
            f"{describe(action_id)} is not allowed; an id starts with a letter, "
            "then letters, digits, _ or -",
        )
    if "type" not in mapping:
        raise missing(mapping, "type", key_path, f"one of: {_join(ACTION_TYPES)}")
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
        raise missing(mapping, "label", key_path, "every action needs the text its button shows")
    label = localized_text(mapping["label"], f"{key_path}.label")

    url = _optional(mapping, "url", key_path, _text)
    if url is not None:
        url = safety.check_url(url, f"{key_path}.url")
    webhook = _webhook(mapping.get("webhook"), f"{key_path}.webhook", warnings)
    if webhook.netlify and action_type != "form":
        raise ActionError(
            f"{key_path}.webhook.netlify", "Netlify Forms takes forms only; this is a button"
        )
    if mailto_form(action_type, url, webhook.url, webhook.netlify):
        _mailto_form(str(url), f"{key_path}.url")
    if action_type == "link" and url is None:
        raise missing(mapping, "url", key_path, "a link action needs the url it opens")

    fields: tuple[Field, ...] = ()
    if action_type == "form":
        if "fields" not in mapping:
            raise missing(mapping, "fields", key_path, "a form needs at least one field")
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
        marked = [i for i, f in enumerate(fields) if f.question]
        if len(marked) > 1:
            raise ActionError(
                f"{key_path}.fields[{marked[1]}].question",
                f"fields[{marked[0]}] already receives the question; mark one field per form",
            )

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
        webhook=webhook.url,
        webhook_format=webhook.format,
        netlify=webhook.netlify,
        data=data,
        fields=fields,
        min_fill_seconds=_optional(mapping, "min_fill_seconds", key_path, _positive_number),
        submit_label=_optional(mapping, "submit_label", key_path, _text),
        success_message=_optional(mapping, "success_message", key_path, localized_text),
        error_message=_optional(mapping, "error_message", key_path, localized_text),
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


def _texts(key: str, text: Text) -> Iterator[safety.Published]:
    if isinstance(text, str):
        yield key, text, False, None
    else:
        for code, value in text.texts:
            yield f"{key}.{code}", value, False, None


def published(action: Action) -> Iterator[safety.Published]:
    """Every string of an action that reaches the browser, with its key path."""
    yield from _texts("label", action.label)
    if action.url is not None:
        yield "url", action.url, True, None
    if action.webhook is not None:
        yield "webhook", action.webhook, True, None
    for key in ("submit_label", "success_message", "error_message"):
        if getattr(action, key) is not None:
            yield from _texts(key, getattr(action, key))
    if action.data is not None:
        yield from _data_values(dict(action.data), "data", None)
    for i, f in enumerate(action.fields):
        yield f"fields[{i}].label", f.label, False, None
        for key in ("placeholder", "help", "pattern_message"):
            if getattr(f, key) is not None:
                yield f"fields[{i}].{key}", getattr(f, key), False, None
        for j, option in enumerate(f.options):
            yield f"fields[{i}].options[{j}]", option, False, None
        if isinstance(f.default, str):
            yield f"fields[{i}].default", f.default, False, f.key
        if isinstance(f.value, str):
            yield f"fields[{i}].value", f.value, False, f.key


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


_YAML_BOOLEANS = ("true", "false", "yes", "no", "on", "off")
"""Words YAML (1.1, as PyYAML and so MkDocs read it) takes for booleans when unquoted."""


def parse_page_settings(raw: object, key_path: str, warnings: Warnings) -> PageSettings:
    """The `chatspark:` front matter key: `false` (no widget), `true` (the defaults,
    explicitly), or a mapping."""
    if isinstance(raw, bool):
        return PageSettings(enabled=raw)
    if raw is None:
        return PageSettings()
    if not isinstance(raw, Mapping):
        word = raw.strip() if isinstance(raw, str) else ""
        hint = f"; without quotes, {word} is a boolean" if word.lower() in _YAML_BOOLEANS else ""
        raise ActionError(
            key_path,
            "expected true or false (unquoted), or a mapping of keys to values, found "
            f"{describe(raw)}{hint}",
        )
    mapping = _mapping(raw, key_path)
    _check_keys(mapping, key_path, _PAGE_KEYS, warnings)
    hide_raw = _list(mapping["hide"], f"{key_path}.hide") if "hide" in mapping else []
    hide = tuple(_text(h, f"{key_path}.hide[{i}]") for i, h in enumerate(hide_raw))
    return PageSettings(
        enabled=_optional(mapping, "enabled", key_path, _flag) is not False,
        actions=parse_actions(mapping.get("actions"), f"{key_path}.actions", warnings, site=False),
        hide=hide,
        greeting=_optional(mapping, "greeting", key_path, _published_text),
        feedback=_optional(mapping, "feedback", key_path, _flag) is not False,
    )


def _published_text(value: object, key_path: str) -> str:
    text = _text(value, key_path)
    safety.check_text(text, key_path)
    return text
