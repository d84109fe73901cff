"""The plugin's options in mkdocs.yml, as a typed MkDocs Config."""

from __future__ import annotations

import ast
import inspect
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import get_plugin_logger

from . import answering, feedback, messages, model, safety, yaml_lines
from .errors import ActionError, Notice, Warnings, file_label

log = get_plugin_logger(__name__)

UNKNOWN = "Unrecognised configuration name"
"""How MkDocs' Config begins its warning for a key no option declares."""
CONTEXT_KEYS = ("referrer", "utm")
"""What `context:` may add to the payload's `page`: the referrer, the landing page's utm_*."""


def config_file_label(config_file_path: Optional[str]) -> str:
    """The config file as the author knows it (`mkdocs.yml`)."""
    if not config_file_path:
        return "mkdocs.yml"
    return file_label(config_file_path, os.path.dirname(config_file_path))


def _parse_placed(
    option: base.BaseConfigOption[Any],
    config: base.Config,
    key_name: str,
    parse: Callable[[Any, str, Warnings], Any],
) -> None:
    """Parse an option's value with the model's key-path validator, once the config
    file is known, so that its mistakes (an error) and doubts (warnings) carry the
    file and line of the key, as the actions' do."""
    source = config_file_label(config.config_file_path)
    entry = getattr(config, "entry", yaml_lines.PLUGIN_ENTRY)
    lines = yaml_lines.lines_for(config.config_file_path, entry)
    warnings = Warnings()
    try:
        config[key_name] = parse(config[key_name], key_name, warnings)
    except ActionError as e:
        notice = Notice(source, e.key_path, e.message, lines(e.key_path))
        # What was doubted before the mistake is told beside it (a select's `opitons`
        # behind "needs options"): ChatSparkConfig.validate passes these on.
        option.warnings.extend(str(Notice(source, k, m, lines(k))) for k, m in warnings.found)
        raise PlacedError(str(notice)) from None
    option.warnings.extend(str(Notice(source, k, m, lines(k))) for k, m in warnings.found)


class KeyWarning(str):
    """A doubt about `key` inside an option (an unknown key of `answers` or
    `messages`): MkDocs keeps an option's warnings as strings, and
    `ChatSparkConfig.validate` places this one in the config file, as the
    actions' and feedback's are placed (`mkdocs.yml:9: answers.source: ...`)."""

    key: str

    def __new__(cls, message: str, key: str) -> KeyWarning:
        made = super().__new__(cls, message)
        made.key = key
        return made


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
        _parse_placed(self, config, key_name, model.parse_actions)


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
        _parse_placed(self, config, key_name, feedback.parse)


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
                self.warnings.append(KeyWarning(model.unknown_key(key, messages.KEYS), str(key)))
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


class AnswersOption(base.BaseConfigOption[object]):
    """`answers`: unset (on with the bundled widget, off with `script`), `true`,
    `false`, or a mapping of `sources` (1 to 5) and `exclude` (docs page globs)."""

    def __init__(self) -> None:
        super().__init__()
        self.default = None

    def run_validation(self, value: object) -> Any:
        if value is None or value is False:
            return value
        if value is True:
            return answering.Answers()
        if not isinstance(value, dict):
            raise OptionError(
                f"expected true, false or a mapping with {' and '.join(answering.KEYS)}; "
                f"found {model.describe(value)}"
            )
        for key in value:
            if key not in answering.KEYS:
                self.warnings.append(KeyWarning(model.unknown_key(key, answering.KEYS), str(key)))
        low, high = answering.SOURCES_RANGE
        sources = value.get("sources", answering.SOURCES_DEFAULT)
        if isinstance(sources, bool) or not isinstance(sources, int) or not low <= sources <= high:
            raise OptionError(
                f"expected a whole number from {low} to {high}, found {model.describe(sources)}",
                "sources",
            )
        exclude = value.get("exclude") or []
        if not isinstance(exclude, list):
            raise OptionError(
                f"expected a list of docs page globs, like [drafts/**], found "
                f"{model.describe(exclude)}",
                "exclude",
            )
        for i, pattern in enumerate(exclude):
            if not isinstance(pattern, str) or not pattern.strip():
                raise OptionError(
                    f"expected a docs page glob, like drafts/** or changelog.md, found "
                    f"{model.describe(pattern)}",
                    f"exclude[{i}]",
                )
        return answering.Answers(sources=sources, exclude=tuple(exclude))

    @staticmethod
    def schema() -> dict[str, Any]:
        low, high = answering.SOURCES_RANGE
        return {
            "oneOf": [
                {"type": ["boolean", "null"]},
                {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "sources": {
                            "type": "integer",
                            "minimum": low,
                            "maximum": high,
                            "default": answering.SOURCES_DEFAULT,
                        },
                        "exclude": {"type": "array", "items": {"type": "string", "minLength": 1}},
                    },
                },
            ]
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

    # Each option is described once, in the docstring under it: the docs' options
    # table and schema.json's descriptions are made from these (`descriptions()`).
    # The first sentence is the summary; a last paragraph "Default: ..." the default.

    enabled = Flag(default=True)
    """Turn the plugin off without removing it, e.g. `!ENV [CHATSPARK, true]`. When
    off, nothing is added to the site, and calls to action in the pages become their
    plain label text (no dead links, no page to edit).

    Default: `true`"""
    chatbot_id = PublishedText()
    """Passed to ChatSpark as `chatbotId` and sent with every webhook request. Required
    when `script` is set.

    Default: a slug of `site_name`"""
    script = ScriptURL()
    """URL of a hosted ChatSpark embed script (https). When unset, the bundled widget
    is used.

    Default: none"""
    script_integrity = Integrity()
    """Subresource Integrity hash of `script`, e.g. `sha384-...` (several, separated
    by spaces, are allowed). The script is always loaded with
    `crossorigin="anonymous"`, so its server must send CORS headers.

    Default: none"""
    title = LocalizedText()
    """Bundled widget: the panel's title. May be given per language
    (`{en: Chat with us, fr: Discutons}`).

    Default: `Chat with us`, in the site's language"""
    greeting = LocalizedText()
    """Bundled widget: the first message in the panel. A page can set its own. May be
    given per language.

    Default: `Hi! How can we help?`, in the site's language"""
    launcher_label = LocalizedText()
    """Accessible name of the launcher button. May be given per language.

    Default: `Open chat`, in the site's language"""
    messages = Messages()
    """The widget's own words, each replaceable by key: `close`, `submit`, `success`,
    `error`, `required`, `email`, `url`, `number`, `too_long`, `too_small`,
    `too_large`, `step`, `step_near`, `too_early`, `too_late` (each must contain
    `{n}`; `step_near`, said of a number between two valid ones when `min` is off the
    step, `{m}` too), `pattern`, `date`, `choose`, `choose_prompt`, `fix`, `sending`,
    `retry`, `pending`, `replaced`, `replaced_unsure`, `unconfirmed`, `not_loaded`,
    `not_kept`, `mailto`, `honeypot`, `preview`, `consent`, `consent_settings`,
    `required_note` (above a form with a required field: what its `*` means), and
    the Ask box's `ask`, `ask_send`, `conversation`, `found`, `not_found`,
    `not_found_offer`, `asking`, `ask_failed` (the pages could not be read, e.g.
    offline), `clear`. An unknown key is a warning.

    Default: `{}`"""
    position = OneOf(("right", "left"), default="right")
    """Which bottom corner the launcher sits in: `right` or `left`.

    Default: `right`"""
    preview = c.Optional(Flag())
    """Show in the panel and the browser console the exact request a webhook would
    receive, instead of sending it: try forms without touching a production endpoint.
    `false` sends for real under `mkdocs serve` too.

    Default: on under `mkdocs serve`, off in `mkdocs build`"""
    load = LoadMode()
    """When the page fetches the chat beyond its launcher: `interaction`, `idle` or
    `eager` (see [Performance](performance.md)).

    Default: `interaction` with `script`, else `idle`"""
    consent = ConsentCookie()
    """With `script` and Material's cookie consent: the key of a cookie in
    `extra.consent.cookies` (e.g. `chatspark`) that a reader must accept before the
    hosted script loads. Until then the bundled widget serves the actions. A name that
    `extra.consent.cookies` lacks is a warning.

    Default: none"""
    webhook_timeout = Timeout()
    """Seconds a webhook request may take: more than 0, at most 600. After that the
    reader sees the error message and a retry button.

    Default: `10`"""
    analytics = Flag(default=False)
    """One event per step of every action (opened, submitted, succeeded, failed) to
    the analytics the site already has: gtag (GA4), Plausible, Matomo, Google Tag
    Manager (see [Forms](forms.md#knowing-what-works)).

    Default: `false`"""
    context = Context()
    """What the payload's `page` adds, opt-in: `referrer` (the page's referrer), `utm`
    (the `utm_*` parameters of the tab's landing page). See [Security](security.md).

    Default: `[]`"""
    actions = Actions()
    """Site-wide actions: buttons, links and forms shown on every page (see
    [Actions](actions.md)).

    Default: `[]`"""
    feedback = FeedbackOption()
    """"Was this page helpful?" at the end of each page: `true`, or a mapping of where
    votes go (`webhook`, `url: mailto:...`, `netlify: true`), `pages` globs, and the
    words, per language too (see [Page feedback](feedback.md)).

    Default: off"""
    answers = AnswersOption()
    """Bundled widget: answer readers' questions from the site's own pages, quoted and
    linked (see [Answers](answers.md)). `false` turns it off; a mapping sets
    `sources` (how many sources an answer shows, 1 to 5) and `exclude` (globs of docs
    pages not answered from). Off with `script`, whose service answers.

    Default: on without `script`: `{sources: 3, exclude: []}`"""

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        failed, warnings = super().validate()
        # The warnings of an option that failed after doubting (a select's `opitons`
        # behind "needs options"), which MkDocs leaves on the option.
        for key, option in self._schema:
            warnings.extend((key, message) for message in option.warnings)
            option.reset_warnings()
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
        if not failed and self.script and self.answers not in (None, False):
            failed.append(
                (
                    "answers",
                    base.ValidationError(
                        "only applies to the bundled widget: with 'script' the hosted "
                        "service answers (remove 'answers', or set it to false)"
                    ),
                )
            )
        for key in ("script_integrity", "consent"):
            if not failed and self[key] and not self.script:
                failed.append((key, base.ValidationError("only applies when 'script' is set")))
        told = [
            (
                name,
                self._unknown(name)
                if message.startswith(UNKNOWN)
                else self._placed_warning(name, message)
                if isinstance(message, KeyWarning)
                else message,
            )
            for name, message in warnings
        ]
        if failed:
            # MkDocs drops a plugin's warnings when one of its options fails (and keeps
            # them on its `plugins` option for the next build in the process): they are
            # logged here, beside the error they may explain.
            for name, message in told:
                log.warning("Plugin 'chatspark' option '%s': %s", name, message)
            told = []
        return [(name, self._placed(name, e)) for name, e in failed], told

    def _unknown(self, name: str) -> str:
        """An unknown option, told as an unknown action key is: where, the likely
        intended name, and every valid one (MkDocs says only "Unrecognised ...")."""
        known = [key for key, _ in self._schema]
        hint = model.did_you_mean(name, known)
        lines = yaml_lines.lines_for(self.config_file_path, self.entry)
        source = config_file_label(self.config_file_path)
        message = f"unknown option, ignored; {hint}known options: {', '.join(known)}"
        return str(Notice(source, name, message, lines(name)))

    def _placed_warning(self, name: str, warning: KeyWarning) -> str:
        """A doubt inside an option, placed: `mkdocs.yml:9: answers.source: ...`."""
        key_path = f"{name}.{warning.key}"
        lines = yaml_lines.lines_for(self.config_file_path, self.entry)
        source = config_file_label(self.config_file_path)
        return str(Notice(source, key_path, str(warning), lines(key_path)))

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


@dataclass(frozen=True)
class Description:
    """An option as its docstring describes it."""

    text: str
    """What it does, in Markdown."""
    default: str
    """Its default, in Markdown."""

    @property
    def summary(self) -> str:
        """The first sentence, as plain text: for schema.json, which editors show."""
        plain = _SEE.sub("", _LINK.sub(r"\1", self.text)).replace("`", "")
        first = _SENTENCE_END.split(plain, maxsplit=1)[0]
        return first if first.endswith(".") else first + "."


_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_SEE = re.compile(r" \(see [^)]*\)")
_SENTENCE_END = re.compile(r"(?<!e\.g)(?<!i\.e)(?<!\.\.)\. ")


def descriptions() -> dict[str, Description]:
    """Each option's docstring in `ChatSparkConfig`, read from this file's source (as
    mkdocstrings reads attribute docstrings), in the order of the options."""
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    [config] = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "ChatSparkConfig"]
    names = {name for name, _ in ChatSparkConfig._schema}
    found: dict[str, Description] = {}
    for statement, after in zip(config.body, config.body[1:]):
        if not (isinstance(statement, ast.Assign) and isinstance(after, ast.Expr)):
            continue
        target = statement.targets[0]
        if isinstance(target, ast.Name) and isinstance(after.value, ast.Constant):
            doc = inspect.cleandoc(str(after.value.value))
            text, _, default = doc.rpartition("\n\nDefault: ")
            if target.id in names:
                found[target.id] = Description(" ".join(text.split()), default.strip())
    return found
