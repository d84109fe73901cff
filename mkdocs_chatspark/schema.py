"""The JSON schema for editors, made from the option types and the model's own tables.

`python -m mkdocs_chatspark.schema` prints it; the package ships the result as
schema.json, and a test keeps the two equal. The schema describes what the build
accepts without warnings; the build's own validator stays the authority (it also
checks ids across lists, URL policy and credentials).
"""

from __future__ import annotations

import json
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption

from . import model
from .options import LOCALIZED_SCHEMA, REQUIRES, TEXT_SCHEMA, ChatSparkConfig, descriptions

SCHEMA_ID = "https://mkdocs-chatspark.invalid/schema.json"

_TEXT = {"type": "string", **TEXT_SCHEMA}
_LOCALIZED_TEXT = {"oneOf": [_TEXT, LOCALIZED_SCHEMA]}
_URL = {"type": "string", "minLength": 1, "pattern": r"^[^\s\\]+$"}
_WEBHOOK_URL = {"type": "string", "pattern": r"^https?://[^\s\\]+$"}


def _anchored(pattern: str) -> str:
    """A Python `...\\Z` pattern as JSON schema writes it: `^...$`."""
    return "^" + pattern.removesuffix("\\Z") + "$"


_ISO_DATE = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_NUMBER_OR_DATE = {"oneOf": [{"type": "number"}, _ISO_DATE]}


def _field() -> dict[str, Any]:
    values: dict[str, Any] = {
        "key": {
            "type": "string",
            "pattern": _anchored(model.KEY_PATTERN.pattern),
            "not": {"const": model.HONEYPOT},
            "description": "The field's name in the submitted data.",
        },
        "label": {**_TEXT, "description": "The visible label; defaults to the key."},
        "type": {"enum": list(model.FIELD_TYPES), "default": "text"},
        "required": {"type": "boolean"},
        "help": {**_TEXT, "description": "A line under the label."},
        "default": {
            "type": ["string", "number", "boolean", "array"],
            "items": {"type": "string"},
            "description": "The value the field starts with (a list for a multiple select).",
        },
        "autocomplete": {
            **_TEXT,
            "description": "HTML autocomplete tokens (name, email, organization, off ...); "
            "inferred for email, tel, url and keys like name or company.",
        },
        "placeholder": {"type": "string"},
        "max_length": {"type": "integer", "minimum": 1},
        "pattern": {
            **_TEXT,
            "description": "A JavaScript regular expression the whole value must match.",
        },
        "pattern_message": {**_TEXT, "description": "Shown when the pattern does not match."},
        "min": {**_NUMBER_OR_DATE, "description": "number: a number; date: YYYY-MM-DD."},
        "max": {**_NUMBER_OR_DATE, "description": "number: a number; date: YYYY-MM-DD."},
        "step": {"type": "number", "exclusiveMinimum": 0},
        "options": {
            "type": "array",
            "items": _TEXT,
            "minItems": 1,
            "uniqueItems": True,
            "description": "select and radio: the choices.",
        },
        "multiple": {"type": "boolean", "description": "select: any number of options."},
        "question": {
            "type": "boolean",
            "description": "Text-like fields: receives the reader's question when the form is "
            "chosen from an answer that found nothing (unmarked: the first textarea).",
        },
        "value": {
            "type": ["string", "number", "boolean"],
            "description": "hidden: the static value sent with the form.",
        },
    }
    by_type: list[dict[str, Any]] = []
    for field_type, keys in model.FIELD_KEYS_BY_TYPE.items():
        then: dict[str, Any] = {"properties": {k: {} for k in keys}, "additionalProperties": False}
        if field_type in model.CHOICE_TYPES:
            then["required"] = ["options"]
        if field_type == "hidden":
            then["required"] = ["value"]
        if field_type in ("number", "date"):
            kind = {"type": "number"} if field_type == "number" else _ISO_DATE
            then["properties"].update({"min": kind, "max": kind})
        when: dict[str, Any] = {
            "properties": {"type": {"const": field_type}},
            "required": ["type"],
        }
        if field_type == "text":  # a field without a type is a text field
            when = {"anyOf": [when, {"not": {"required": ["type"]}}]}
        by_type.append({"if": when, "then": then})
    return {
        "type": "object",
        "description": "A form field.",
        "required": ["key"],
        "properties": values,
        "allOf": by_type,
    }


_DESCRIPTIONS = {
    "id": "Unique; letters, digits, _ and -, starting with a letter. The payload's actionId.",
    "type": "button, form or link.",
    "label": "The text on the action's button or link.",
    "primary": "Make the action stand out.",
    "public": "Key paths of values that only look like credentials and are public on purpose.",
    "pages": "Site actions only: globs of docs pages that show the action; ! excludes.",
    "url": "Button: go there. Link: open in a new tab. Form: go there after success.",
    "webhook": "The https endpoint that receives a POST, or {netlify: true} for Netlify Forms.",
    "data": "Button: static data that becomes the payload's data.",
    "fields": "Form: its fields, at least one.",
    "submit_label": "Form: the submit button's text.",
    "success_message": "Shown after a successful submission.",
    "error_message": "Shown, with a retry, when a submission fails.",
    "min_fill_seconds": "Form: a submission sooner than this after opening is taken for a bot.",
}


def _action(*, site: bool) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": {"type": "string", "pattern": _anchored(model.ID_PATTERN.pattern)},
        "type": {"enum": list(model.ACTION_TYPES)},
        "label": _LOCALIZED_TEXT,
        "primary": {"type": "boolean"},
        "public": {"type": "array", "items": _TEXT},
        "pages": {"type": "array", "items": _TEXT},
        "url": _URL,
        "webhook": {
            "oneOf": [
                _WEBHOOK_URL,
                {
                    "type": "object",
                    "required": ["url"],
                    "additionalProperties": False,
                    "properties": {
                        "url": _WEBHOOK_URL,
                        "format": {"enum": list(model.WEBHOOK_FORMATS), "default": "json"},
                        "netlify": {"const": False},
                    },
                },
                {
                    "type": "object",
                    "required": ["netlify"],
                    "additionalProperties": False,
                    "properties": {"netlify": {"const": True}},
                },
            ]
        },
        "data": {"type": "object"},
        "fields": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/field"}},
        "submit_label": _TEXT,
        "success_message": _LOCALIZED_TEXT,
        "error_message": _LOCALIZED_TEXT,
        "min_fill_seconds": {"type": "number", "exclusiveMinimum": 0},
    }
    by_type = []
    for action_type, keys in model.KEYS_BY_TYPE.items():
        keys = tuple(k for k in keys if site or k != "pages")
        then: dict[str, Any] = {
            "properties": {k: {} for k in keys},
            "additionalProperties": False,
        }
        required = {"link": ["url"], "form": ["fields"]}.get(action_type)
        if required:
            then["required"] = required
        by_type.append(
            {
                "if": {"properties": {"type": {"const": action_type}}, "required": ["type"]},
                "then": then,
            }
        )
    properties = {
        k: {**v, "description": _DESCRIPTIONS[k]} for k, v in values.items() if site or k != "pages"
    }
    return {
        "type": "object",
        "required": ["id", "type", "label"],
        "properties": properties,
        "allOf": by_type,
    }


_JSON_TYPES = {bool: "boolean", str: "string", int: "integer", float: "number", dict: "object"}


def option_schema(option: BaseConfigOption[Any]) -> dict[str, Any]:
    """One option's schema, from its type. An unset (null) option takes its default."""
    own = getattr(option, "schema", None)
    if callable(own):
        return dict(own())
    if isinstance(option, c.Choice):
        return {"enum": [*option.choices, None], "default": option.default}
    inner = option.option if isinstance(option, c.Optional) else option
    if isinstance(inner, c.Type) and inner._type in _JSON_TYPES:
        out: dict[str, Any] = {"type": [_JSON_TYPES[inner._type], "null"]}
        if option.default is not None:
            out["default"] = option.default
        return out
    raise TypeError(f"no JSON schema for the option type {type(option).__name__}")


def _options() -> dict[str, Any]:
    described = descriptions()  # the options' docstrings: each is described once
    properties = {
        name: {**option_schema(option), "description": described[name].summary}
        for name, option in ChatSparkConfig._schema
    }
    return {
        "type": ["object", "null"],
        "additionalProperties": False,
        "properties": properties,
        "allOf": [
            {
                "if": {"properties": {key: {"type": "string"}}, "required": [key]},
                "then": {"properties": {needs: {"type": "string"}}, "required": [needs]},
            }
            for key, needs in REQUIRES.items()
        ],
    }


def front_matter() -> dict[str, Any]:
    return {
        "description": "A page's `chatspark:` front matter: false (no widget), true (the "
        "defaults, explicitly), or its settings.",
        "oneOf": [
            {"type": "boolean"},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "enabled": {"type": "boolean"},
                    "actions": {"type": "array", "items": {"$ref": "#/definitions/pageAction"}},
                    "hide": {"type": "array", "items": _TEXT},
                    "greeting": _TEXT,
                    "feedback": {"type": "boolean"},
                },
            },
        ],
    }


def schema() -> dict[str, Any]:
    """A schema for mkdocs.yml: the `chatspark` entry of `plugins`."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "mkdocs-chatspark",
        "description": "The chatspark plugin's options in mkdocs.yml.",
        "type": "object",
        "properties": {
            "plugins": {
                "type": "array",
                "items": {
                    "if": {"type": "object", "required": ["chatspark"]},
                    "then": {"properties": {"chatspark": {"$ref": "#/definitions/options"}}},
                },
            }
        },
        "definitions": {
            "options": _options(),
            "siteAction": _action(site=True),
            "pageAction": _action(site=False),
            "field": _field(),
            "frontMatter": front_matter(),
        },
    }


def dumps() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(dumps(), end="")
