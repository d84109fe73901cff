"""The plugin's options in mkdocs.yml, as a typed MkDocs Config."""

from __future__ import annotations

import difflib
import os
import re
from typing import Any, Optional

from mkdocs.config import base
from mkdocs.config import config_options as c

from . import feedback, messages, model, safety, yaml_lines
from .errors import ActionError, Notice, Warnings, file_label

UNKNOWN = "Unrecognised configuration name"
"""How MkDocs' Config begins its warning for a key no option declares."""
CONTEXT_KEYS = ("referrer", "utm")
"""What `context:` may add to the payload's `page`: the referrer, the landing page's utm_*."""


def config_file_label(config_file_path: Optional[str]) -> str:
    """The config file as the author knows it (`mkdocs.yml`)."""
    if not config_file_path:
        return "mkdocs.yml"
    return file_label(config_file_path, os.path.dirname(config_file_path))


class OptionError(base.ValidationError):
    """A mistake at `key` inside an option (`retry` in `messages`, `[0]` in
    `context`); `ChatSparkConfig.validate` places it in the config file."""

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(message)
        self.key = key
        self.message = message


class PlacedError(base.ValidationError):
    """A mistake whose message already names the file, line and key path."""


class Flag(c.Type[bool]):
    """`true` or `false`, said as the action keys say it (not `<class 'bool'>`)."""

    def __init__(self, default: Optional[bool] = None) -> None:
        super().__init__(bool, default=default)

    def run_validation(self, value: object) -> Any:
        if not isinstance(value, bool):
            raise OptionError(f"expected true or false, found {model.describe(value)}")
        return value


class String(c.Type[str]):
    """A string, said as the action keys say it; a number or boolean is told to quote."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> Any:
        if not isinstance(value, str):
            hint = " (put it in quotes)" if isinstance(value, (bool, int, float)) else ""
            raise OptionError(f"expected a string, found {model.describe(value)}{hint}")
        return value


class OneOf(c.Choice[str]):
    """One of a few words, said as `context` says it."""

    def run_validation(self, value: object) -> Any:
        if value not in self.choices:
            raise OptionError(f"{model.describe(value)} is not one of: {', '.join(self.choices)}")
        return value


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
            raise PlacedError(str(notice)) from None
        self.warnings.extend(str(Notice(source, k, m, lines(k))) for k, m in warnings.found)


class FeedbackOption(base.BaseConfigOption[Optional[feedback.Feedback]]):
    """`feedback:`, "Was this page helpful?": checked by `feedback.parse` with key
    paths, placed in the config file as the actions' mistakes are."""

    def __init__(self) -> None:
        super().__init__()
        self.default = None

    def run_validation(self, value: object) -> Any:
        return value  # checked in post_validation, where the config file is known

    @staticmethod
    def schema() -> dict[str, Any]:
        words = {
            k: {"oneOf": [{"type": "string", **TEXT_SCHEMA}, LOCALIZED_SCHEMA]}
            for k in feedback.TEXT_KEYS
        }
        return {
            "oneOf": [
                {"type": ["boolean", "null"]},
                {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "enabled": {"type": "boolean"},
                        "webhook": {"$ref": "#/definitions/siteAction/properties/webhook"},
                        "url": {"type": "string", "pattern": "^[Mm][Aa][Ii][Ll][Tt][Oo]:"},
                        "pages": {"type": "array", "items": {"type": "string"}},
                        **words,
                    },
                },
            ]
        }

    def post_validation(self, config: base.Config, key_name: str) -> None:
        source = config_file_label(config.config_file_path)
        entry = getattr(config, "entry", yaml_lines.PLUGIN_ENTRY)
        lines = yaml_lines.lines_for(config.config_file_path, entry)
        warnings = Warnings()
        try:
            config[key_name] = feedback.parse(config[key_name], key_name, warnings)
        except ActionError as e:
            notice = Notice(source, e.key_path, e.message, lines(e.key_path))
            raise PlacedError(str(notice)) from None
        self.warnings.extend(str(Notice(source, k, m, lines(k))) for k, m in warnings.found)


class PublishedText(c.Optional[str]):
    """Text the widget shows or sends to every reader (a title, a greeting, the
    chatbot id): a non-empty string that does not look like a credential."""

    def __init__(self) -> None:
        super().__init__(String())

    def run_validation(self, value: object) -> Any:
        value = super().run_validation(value)
        if value is not None:
            check_published(value)
        return value

    @staticmethod
    def schema() -> dict[str, Any]:
        return {"type": ["string", "null"], **TEXT_SCHEMA}


class LocalizedText(PublishedText):
    """Published text, the same in every language or one per language:
    `{en: Chat with us, fr: Discutons}` (the build picks the language it builds)."""

    def run_validation(self, value: object) -> Any:
        if not isinstance(value, dict):
            return super().run_validation(value)
        try:
            text = model.localized_text(value, "")
        except ActionError as e:
            raise OptionError(e.message, e.key_path.lstrip(".")) from None
        for code, words in text.texts if isinstance(text, model.Localized) else ():
            check_published(words, code)
        return text

    @staticmethod
    def schema() -> dict[str, Any]:
        return {"oneOf": [{"type": ["string", "null"], **TEXT_SCHEMA}, LOCALIZED_SCHEMA]}


TEXT_SCHEMA: dict[str, Any] = {"minLength": 1, "pattern": r"\S"}
"""What `check_published` accepts, as far as a JSON schema can say it."""

LOCALIZED_SCHEMA: dict[str, Any] = {
    "type": "object",
    "minProperties": 1,
    "propertyNames": {"pattern": "^" + model.LANGUAGE_CODE.pattern.removesuffix("\\Z") + "$"},
    "additionalProperties": {"type": "string", **TEXT_SCHEMA},
    "description": "One text per language code, e.g. {en: Book a demo, fr: Réserver une démo}.",
}
"""A text given per language, as `model.localized_text` reads it."""


def check_published(text: str, key: str = "") -> None:
    """Raises ValidationError, as MkDocs expects of an option, for empty text or
    text that looks like a credential. `key` names a value inside the option."""
    if not text.strip():
        raise OptionError(f"expected a non-empty string, found {text!r}", key)
    try:
        safety.check_text(text, key)
    except ActionError as e:
        raise OptionError(e.message, key) from None


class ScriptURL(c.Optional[str]):
    """An optional https URL of a hosted ChatSpark embed script."""

    def __init__(self) -> None:
        super().__init__(String())

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
        super().__init__(String())

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
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise OptionError(f"expected a number of seconds, found {model.describe(value)}")
        if not 0 < value <= 600:
            raise OptionError(f"expected seconds more than 0 and at most 600, found {value!r}")
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
        if not isinstance(value, dict):
            raise OptionError(
                f"expected a mapping of keys to values, found {model.describe(value)}"
            )
        for key, text in value.items():
            if key not in messages.KEYS:
                self.warnings.append(
                    f"unknown key {key!r}, ignored; known keys: {', '.join(messages.KEYS)}"
                )
            elif not isinstance(text, str):
                raise OptionError(f"expected a non-empty string, found {text!r}", key)
            else:
                check_published(text, key)
                if key in messages.NUMBERED and "{n}" not in text:
                    raise OptionError(
                        "must contain {n}, where the widget puts the number or date", key
                    )
                if key in messages.PAIRED and "{m}" not in text:
                    raise OptionError(
                        "must contain {m}, where the widget puts the second number", key
                    )
        return {k: v for k, v in value.items() if k in messages.KEYS}

    @staticmethod
    def schema() -> dict[str, Any]:
        words = {k: {"type": "string", **TEXT_SCHEMA} for k in messages.KEYS}
        words.update({k: {"type": "string", "pattern": r"\{n\}"} for k in messages.NUMBERED})
        words.update(
            {
                k: {"type": "string", "allOf": [{"pattern": r"\{n\}"}, {"pattern": r"\{m\}"}]}
                for k in messages.PAIRED
            }
        )
        return {"type": ["object", "null"], "additionalProperties": False, "properties": words}


class Context(base.BaseConfigOption[tuple[str, ...]]):
    """`context: [referrer, utm]`: what the payload's `page` adds, each once."""

    def __init__(self) -> None:
        super().__init__()
        self.default = ()

    def run_validation(self, value: object) -> Any:
        if value is None:
            return ()
        if not isinstance(value, (list, tuple)):
            raise base.ValidationError(
                f"expected a list of: {', '.join(CONTEXT_KEYS)}; found {model.describe(value)}"
            )
        for i, item in enumerate(value):
            if item not in CONTEXT_KEYS:
                raise OptionError(
                    f"{model.describe(item)} is not one of: {', '.join(CONTEXT_KEYS)}", f"[{i}]"
                )
        return tuple(dict.fromkeys(value))

    @staticmethod
    def schema() -> dict[str, Any]:
        return {
            "type": ["array", "null"],
            "items": {"enum": list(CONTEXT_KEYS)},
            "uniqueItems": True,
        }


REQUIRES = {"script": "chatbot_id", "script_integrity": "script", "consent": "script"}
"""Options that need another, as `ChatSparkConfig.validate` checks (and the schema says)."""


LOAD_MODES = ("interaction", "idle", "eager")
"""When the widget's interface, or the hosted script, loads: see `ChatSparkConfig.load`."""


CONSENT_COOKIE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


class LoadMode(c.Optional[str]):
    """One of LOAD_MODES, or unset: decided by `script`."""

    def __init__(self) -> None:
        super().__init__(OneOf(LOAD_MODES))

    @staticmethod
    def schema() -> dict[str, Any]:
        return {"enum": [*LOAD_MODES, None]}


class ConsentCookie(c.Optional[str]):
    """The key of a cookie in Material's `extra.consent.cookies`, e.g. `chatspark`."""

    def __init__(self) -> None:
        super().__init__(String())

    def run_validation(self, value: object) -> Any:
        value = super().run_validation(value)
        if value is not None and not CONSENT_COOKIE.match(value):
            raise OptionError(
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

    enabled = Flag(default=True)
    """Turn the plugin off without removing it, e.g. `!ENV [CHATSPARK, true]`."""
    chatbot_id = PublishedText()
    """Passed to ChatSpark as `chatbotId`; required with `script`, else a slug of site_name."""
    script = ScriptURL()
    """URL of a hosted ChatSpark embed script; unset, the bundled widget is used."""
    script_integrity = Integrity()
    """Subresource Integrity hash of the hosted script, e.g. `sha384-...`."""
    title = LocalizedText()
    """Bundled widget: the title of the chat panel (default: in the site's language)."""
    greeting = LocalizedText()
    """Bundled widget: the first message in the panel; a page may set its own."""
    launcher_label = LocalizedText()
    """Accessible name of the launcher button (default: in the site's language)."""
    messages = Messages()
    """The widget's own words, each replaceable: required, email, retry, ..."""
    position = OneOf(("right", "left"), default="right")
    """Which bottom corner the launcher sits in."""
    preview = c.Optional(Flag())
    """Show the request a webhook would receive instead of sending it; unset: on under serve."""
    load = LoadMode()
    """When the interface or hosted script loads; unset: interaction (hosted), idle (bundled)."""
    consent = ConsentCookie()
    """With Material's cookie consent: the cookie to accept before the hosted script loads."""
    webhook_timeout = Timeout()
    """Seconds a webhook request may take before the reader is offered a retry."""
    analytics = Flag(default=False)
    """Send one event per step of every action (opened, submitted, succeeded, failed) to
    the site's own analytics: gtag (GA4), Plausible, Matomo, Google Tag Manager."""
    context = Context()
    """What the payload's `page` adds, opt-in: `referrer`, `utm` (the landing page's)."""
    actions = Actions()
    """Site-wide actions: buttons, forms and links shown on every page."""
    feedback = FeedbackOption()
    """"Was this page helpful?" at the end of each page: `true`, or where votes go
    (`webhook`, `url: mailto:...`), `pages` globs and the words, per language too."""

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
        return [(name, self._placed(name, e)) for name, e in failed], [
            (name, self._unknown(name) if message.startswith(UNKNOWN) else message)
            for name, message in warnings
        ]

    def _unknown(self, name: str) -> str:
        """An unknown option, told as an unknown action key is: where, the likely
        intended name, and every valid one (MkDocs says only "Unrecognised ...")."""
        known = [key for key, _ in self._schema]
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        lines = yaml_lines.lines_for(self.config_file_path, self.entry)
        source = config_file_label(self.config_file_path)
        message = f"unknown option, ignored; {hint}known options: {', '.join(known)}"
        return str(Notice(source, name, message, lines(name)))

    def _placed(self, name: str, error: Exception) -> Exception:
        """The error with the config file, its line and the key path in front, as
        action errors have them: `mkdocs.yml:9: position: ...`. MkDocs' own option
        types (`Type`, `Choice`) get the same placing as ours."""
        if isinstance(error, PlacedError):
            return error
        key = error.key if isinstance(error, OptionError) else ""
        message = error.message if isinstance(error, OptionError) else str(error)
        key_path = name + (key if key.startswith("[") else f".{key}" if key else "")
        lines = yaml_lines.lines_for(self.config_file_path, self.entry)
        source = config_file_label(self.config_file_path)
        return PlacedError(str(Notice(source, key_path, message, lines(key_path))))
