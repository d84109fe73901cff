"""The plugin's options in mkdocs.yml, as a typed MkDocs Config."""

from __future__ import annotations

import os
import re
from typing import Any, Optional

from mkdocs.config import base
from mkdocs.config import config_options as c

from . import messages, model, safety, yaml_lines
from .errors import ActionError, Notice, Warnings, file_label


def config_file_label(config_file_path: Optional[str]) -> str:
    """The config file as the author knows it (`mkdocs.yml`)."""
    if not config_file_path:
        return "mkdocs.yml"
    return file_label(config_file_path, os.path.dirname(config_file_path))


class Actions(base.BaseConfigOption[tuple[model.Action, ...]]):
    """A list of actions, checked by the one validator with key paths.

    MkDocs' `ListOfItems(SubConfig(...))` loses the list index in its messages,
    so the option only hands the raw list to `model.parse_actions`.
    """

    def __init__(self) -> None:
        super().__init__()
        self.default = None  # parsed into () in post_validation

    def run_validation(self, value: object) -> Any:
        # Checked in post_validation, where the config file's name is known.
        return value

    @staticmethod
    def schema() -> dict[str, Any]:
        return {"type": ["array", "null"], "items": {"$ref": "#/definitions/siteAction"}}

    def post_validation(self, config: base.Config, key_name: str) -> None:
        source = config_file_label(config.config_file_path)
        entry = getattr(config, "entry", yaml_lines.PLUGIN_ENTRY)
        lines = yaml_lines.lines_for(config.config_file_path, entry)
        warnings = Warnings()
        try:
            config[key_name] = model.parse_actions(config[key_name], key_name, warnings)
        except ActionError as e:
            notice = Notice(source, e.key_path, e.message, lines(e.key_path))
            raise base.ValidationError(str(notice)) from None
        self.warnings.extend(str(Notice(source, k, m, lines(k))) for k, m in warnings.found)


class PublishedText(c.Optional[str]):
    """Text the widget shows or sends to every reader (a title, a greeting, the
    chatbot id): a non-empty string that does not look like a credential."""

    def __init__(self) -> None:
        super().__init__(c.Type(str))

    def run_validation(self, value: object) -> Any:
        value = super().run_validation(value)
        if value is not None:
            check_published(value)
        return value

    @staticmethod
    def schema() -> dict[str, Any]:
        return {"type": ["string", "null"], **TEXT_SCHEMA}


TEXT_SCHEMA: dict[str, Any] = {"minLength": 1, "pattern": r"\S"}
"""What `check_published` accepts, as far as a JSON schema can say it."""


def check_published(text: str, key: str = "") -> None:
    """Raises ValidationError, as MkDocs expects of an option, for empty text or
    text that looks like a credential. `key` names a value inside the option."""
    prefix = f"{key}: " if key else ""
    if not text.strip():
        raise base.ValidationError(f"{prefix}expected a non-empty string, found {text!r}")
    try:
        safety.check_text(text, key)
    except ActionError as e:
        raise base.ValidationError(f"{prefix}{e.message}") from None


class ScriptURL(c.Optional[str]):
    """An optional https URL of a hosted ChatSpark embed script."""

    def __init__(self) -> None:
        super().__init__(c.Type(str))

    def run_validation(self, value: object) -> Any:
        value = super().run_validation(value)
        if value is not None:
            try:
                safety.check_webhook(value, "script")
            except ActionError as e:
                raise base.ValidationError(e.message) from None
        return value

    @staticmethod
    def schema() -> dict[str, Any]:
        local = "|".join(re.escape(h) for h in safety.LOCAL_HOSTS[:3])
        return {
            "type": ["string", "null"],
            "pattern": rf"^(https://[^\s\\/?#@]+|http://({local})(:[0-9]+)?)([/?#][^\s\\]*)?$",
        }


SRI = re.compile(
    r"sha(?:256|384|512)-[A-Za-z0-9+/]+={0,2}(?:\s+sha(?:256|384|512)-[A-Za-z0-9+/]+={0,2})*\Z"
)


class Integrity(c.Optional[str]):
    """An optional Subresource Integrity value: `sha384-<base64>`, or several."""

    def __init__(self) -> None:
        super().__init__(c.Type(str))

    def run_validation(self, value: object) -> Any:
        value = super().run_validation(value)
        if value is not None and not SRI.match(value):
            raise base.ValidationError(
                f"expected a Subresource Integrity hash like 'sha384-<base64>', found {value!r}"
            )
        return value

    @staticmethod
    def schema() -> dict[str, Any]:
        return {"type": ["string", "null"], "pattern": "^" + SRI.pattern.removesuffix("\\Z") + "$"}


class Timeout(c.Type[float]):
    def __init__(self) -> None:
        super().__init__((int, float), default=10)

    def run_validation(self, value: object) -> Any:
        if isinstance(value, bool):
            raise base.ValidationError(f"expected a number of seconds, found {value!r}")
        value = super().run_validation(value)
        if not 0 < value <= 600:
            raise base.ValidationError(f"expected seconds between 0 and 600, found {value!r}")
        return value

    def schema(self) -> dict[str, Any]:
        return {
            "type": ["number", "null"],
            "exclusiveMinimum": 0,
            "maximum": 600,
            "default": self.default,
        }


class Messages(c.Type[dict]):  # type: ignore[type-arg]
    """The widget's words by key; an unknown key is a warning."""

    def __init__(self) -> None:
        super().__init__(dict, default={})

    def run_validation(self, value: object) -> Any:
        value = super().run_validation(value)
        for key, text in value.items():
            if key not in messages.KEYS:
                self.warnings.append(
                    f"unknown key {key!r}, ignored; known keys: {', '.join(messages.KEYS)}"
                )
            elif not isinstance(text, str):
                raise base.ValidationError(f"{key}: expected a non-empty string, found {text!r}")
            else:
                check_published(text, key)
                if key == "too_long" and "{n}" not in text:
                    raise base.ValidationError(
                        "too_long: must contain {n}, the number of characters"
                    )
        return {k: v for k, v in value.items() if k in messages.KEYS}

    @staticmethod
    def schema() -> dict[str, Any]:
        words = {k: {"type": "string", **TEXT_SCHEMA} for k in messages.KEYS}
        words["too_long"] = {"type": "string", "pattern": r"\{n\}"}
        return {"type": ["object", "null"], "additionalProperties": False, "properties": words}


REQUIRES = {"script": "chatbot_id", "script_integrity": "script", "consent": "script"}
"""Options that need another, as `ChatSparkConfig.validate` checks (and the schema says)."""


LOAD_MODES = ("interaction", "idle", "eager")
"""When the widget's interface, or the hosted script, loads: see `ChatSparkConfig.load`."""


CONSENT_COOKIE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


class LoadMode(c.Optional[str]):
    """One of LOAD_MODES, or unset: decided by `script`."""

    def __init__(self) -> None:
        super().__init__(c.Choice(LOAD_MODES))

    @staticmethod
    def schema() -> dict[str, Any]:
        return {"enum": [*LOAD_MODES, None]}


class ConsentCookie(c.Optional[str]):
    """The key of a cookie in Material's `extra.consent.cookies`, e.g. `chatspark`."""

    def __init__(self) -> None:
        super().__init__(c.Type(str))

    def run_validation(self, value: object) -> Any:
        value = super().run_validation(value)
        if value is not None and not CONSENT_COOKIE.match(value):
            raise base.ValidationError(
                f"expected the key of a cookie in extra.consent.cookies (letters, digits, "
                f"'_' and '-'), found {value!r}"
            )
        return value

    @staticmethod
    def schema() -> dict[str, Any]:
        return {"type": ["string", "null"], "pattern": "^" + CONSENT_COOKIE.pattern[:-2] + "$"}


class ChatSparkConfig(base.Config):
    entry = yaml_lines.PLUGIN_ENTRY
    """Where the options are in the config file, for line numbers in messages."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it, e.g. `!ENV [CHATSPARK, true]`."""
    chatbot_id = PublishedText()
    """Passed to ChatSpark as `chatbotId`; required with `script`, else a slug of site_name."""
    script = ScriptURL()
    """URL of a hosted ChatSpark embed script; unset, the bundled widget is used."""
    script_integrity = Integrity()
    """Subresource Integrity hash of the hosted script, e.g. `sha384-...`."""
    title = PublishedText()
    """Bundled widget: the title of the chat panel (default: in the site's language)."""
    greeting = PublishedText()
    """Bundled widget: the first message in the panel; a page may set its own."""
    launcher_label = PublishedText()
    """Accessible name of the launcher button (default: in the site's language)."""
    messages = Messages()
    """The widget's own words, each replaceable: required, email, retry, ..."""
    position = c.Choice(("right", "left"), default="right")
    """Which bottom corner the launcher sits in."""
    preview = c.Optional(c.Type(bool))
    """Show the request a webhook would receive instead of sending it; unset: on under serve."""
    load = LoadMode()
    """When the interface or hosted script loads; unset: interaction (hosted), idle (bundled)."""
    consent = ConsentCookie()
    """With Material's cookie consent: the cookie to accept before the hosted script loads."""
    webhook_timeout = Timeout()
    """Seconds a webhook request may take before the reader is offered a retry."""
    actions = Actions()
    """Site-wide actions: buttons, forms and links shown on every page."""

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        failed, warnings = super().validate()
        if not failed and self.script and not self.chatbot_id:
            failed.append(
                (
                    "chatbot_id",
                    base.ValidationError(
                        "required when 'script' is set: the hosted widget needs your "
                        "ChatSpark chatbot id"
                    ),
                )
            )
        for key in ("script_integrity", "consent"):
            if not failed and self[key] and not self.script:
                failed.append((key, base.ValidationError("only applies when 'script' is set")))
        return failed, warnings
