"""The plugin's options in mkdocs.yml, as a typed MkDocs Config."""

from __future__ import annotations

import os
import re
from typing import Any, Optional

from mkdocs.config import base
from mkdocs.config import config_options as c

from . import messages, model, safety
from .errors import ActionError, Warnings, file_label


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

    def post_validation(self, config: base.Config, key_name: str) -> None:
        source = config_file_label(config.config_file_path)
        warnings = Warnings()
        try:
            config[key_name] = model.parse_actions(config[key_name], key_name, warnings)
        except ActionError as e:
            raise base.ValidationError(f"{source}: {e}") from None
        self.warnings.extend(f"{source}: {w}" for w in warnings.items)


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
            elif not isinstance(text, str) or not text.strip():
                raise base.ValidationError(f"{key}: expected a non-empty string, found {text!r}")
            elif key == "too_long" and "{n}" not in text:
                raise base.ValidationError("too_long: must contain {n}, the number of characters")
            else:
                safety.check_text(text, f"messages.{key}")
        return {k: v for k, v in value.items() if k in messages.KEYS}


LOAD_MODES = ("interaction", "idle", "eager")
"""When the widget's interface, or the hosted script, loads: see `ChatSparkConfig.load`."""


CONSENT_COOKIE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


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


class ChatSparkConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it, e.g. `!ENV [CHATSPARK, true]`."""
    chatbot_id = c.Optional(c.Type(str))
    """Passed to ChatSpark as `chatbotId`; required with `script`, else a slug of site_name."""
    script = ScriptURL()
    """URL of a hosted ChatSpark embed script; unset, the bundled widget is used."""
    script_integrity = c.Optional(c.Type(str))
    """Subresource Integrity hash of the hosted script, e.g. `sha384-...`."""
    title = c.Optional(c.Type(str))
    """Bundled widget: the title of the chat panel (default: in the site's language)."""
    greeting = c.Optional(c.Type(str))
    """Bundled widget: the first message in the panel; a page may set its own."""
    launcher_label = c.Optional(c.Type(str))
    """Accessible name of the launcher button (default: in the site's language)."""
    messages = Messages()
    """The widget's own words, each replaceable: required, email, retry, ..."""
    position = c.Choice(("right", "left"), default="right")
    """Which bottom corner the launcher sits in."""
    preview = c.Optional(c.Type(bool))
    """Show the request a webhook would receive instead of sending it; unset: on under serve."""
    load = c.Optional(c.Choice(LOAD_MODES))
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
        for key in ("chatbot_id", "title", "greeting", "launcher_label"):
            value = self[key]
            try:
                if isinstance(value, str):
                    safety.check_text(value, key)
            except ActionError as e:
                failed.append((key, base.ValidationError(e.message)))
        for key in ("script_integrity", "consent"):
            if not failed and self[key] and not self.script:
                failed.append((key, base.ValidationError("only applies when 'script' is set")))
        return failed, warnings
