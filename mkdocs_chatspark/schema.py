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
from .options import REQUIRES, TEXT_SCHEMA, ChatSparkConfig

SCHEMA_ID = "https://mkdocs-chatspark.invalid/schema.json"

_TEXT = {"type": "string", **TEXT_SCHEMA}
_URL = {"type": "string", "minLength": 1, "pattern": r"^[^\s\\]+$"}
_WEBHOOK_URL = {"type": "string", "pattern": r"^https?://[^\s\\]+$"}


def _anchored(pattern: str) -> str:
    """A Python `...\\Z` pattern as JSON schema writes it: `^...$`."""
    return "^" + pattern.removesuffix("\\Z") + "$"


def _field() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "A form field.",
        "required": ["key"],
        "additionalProperties": False,
        "properties": {
            "key": {
                "type": "string",
                "pattern": _anchored(model.KEY_PATTERN.pattern),
                "description": "The field's name in the submitted data.",
            },
            "label": {**_TEXT, "description": "The visible label; defaults to the key."},
            "type": {"enum": list(model.FIELD_TYPES), "default": "text"},
            "required": {"type": "boolean"},
            "placeholder": {"type": "string"},
            "max_length": {"type": "integer", "minimum": 1},
            "options": {
                "type": "array",
                "items": _TEXT,
                "minItems": 1,
                "uniqueItems": True,
                "description": "select only: the choices.",
            },
        },
        "allOf": [
            {
                "if": {"properties": {"type": {"const": "select"}}, "required": ["type"]},
                "then": {"required": ["options"]},
            }
        ],
    }


_DESCRIPTIONS = {
    "id": "Unique; letters, digits, _ and -, starting with a letter. The payload's actionId.",
    "type": "button, form or link.",
    "label": "The text on the action's button or link.",
    "primary": "Make the action stand out.",
    "public": "Key paths of values that only look like credentials and are public on purpose.",
    "pages": "Site actions only: globs of docs pages that show the action; ! excludes.",
    "url": "Button: go there. Link: open in a new tab. Form: go there after success.",
    "webhook": "The https endpoint that receives a POST.",
    "data": "Button: static data that becomes the payload's data.",
    "fields": "Form: its fields, at least one.",
    "submit_label": "Form: the submit button's text.",
    "success_message": "Shown after a successful submission.",
    "error_message": "Shown, with a retry, when a submission fails.",
}


def _action(*, site: bool) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": {"type": "string", "pattern": _anchored(model.ID_PATTERN.pattern)},
        "type": {"enum": list(model.ACTION_TYPES)},
        "label": _TEXT,
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
                    },
                },
            ]
        },
        "data": {"type": "object"},
        "fields": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/field"}},
        "submit_label": _TEXT,
        "success_message": _TEXT,
        "error_message": _TEXT,
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


_OPTION_DESCRIPTIONS = {
    "enabled": "Turn the plugin off without removing it.",
    "chatbot_id": "Passed to ChatSpark as chatbotId.",
    "script": "URL of a hosted ChatSpark embed script.",
    "script_integrity": "Subresource Integrity hash of script, e.g. sha384-...",
    "title": "Bundled widget: the panel's title.",
    "greeting": "Bundled widget: the first message in the panel.",
    "launcher_label": "Accessible name of the launcher button.",
    "messages": "The widget's own words, each replaceable by key.",
    "position": "Which bottom corner the launcher sits in.",
    "preview": "Show webhook requests, do not send them (unset: on in serve).",
    "load": "When the interface or hosted script loads (unset: interaction with script, "
    "else idle).",
    "consent": "The key in extra.consent.cookies a reader must accept before the hosted "
    "script loads.",
    "webhook_timeout": "Seconds a webhook request may take.",
    "actions": "Site-wide actions.",
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
    properties = {
        name: {**option_schema(option), "description": _OPTION_DESCRIPTIONS[name]}
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
