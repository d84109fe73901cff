"""The plugin's options, validated through `plugin.load_config` as MkDocs does."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
import yaml

from mkdocs_chatspark import messages
from mkdocs_chatspark.plugin import ChatSparkPlugin


def load(options: dict[str, Any]) -> tuple[ChatSparkPlugin, list[str], list[str]]:
    plugin = ChatSparkPlugin()
    errors, warnings = plugin.load_config(options, "/project/mkdocs.yml")
    return plugin, [f"{k}: {e}" for k, e in errors], [f"{k}: {w}" for k, w in warnings]


def test_defaults() -> None:
    plugin, errors, warnings = load({})
    assert (errors, warnings) == ([], [])
    c = plugin.config
    assert c.enabled is True
    assert c.chatbot_id is None and c.script is None and c.script_integrity is None
    assert (c.title, c.greeting, c.launcher_label) == (None, None, None)  # the language's
    assert c.messages == {}
    assert c.position == "right"
    assert c.webhook_timeout == 10
    assert c.actions == ()
    assert c.load is None and c.consent is None  # load: decided by `script`


def test_actions_become_typed_and_errors_name_the_config_file() -> None:
    plugin, errors, _ = load({"actions": [{"id": "a", "type": "link", "label": "A", "url": "#x"}]})
    assert errors == []
    assert plugin.config.actions[0].url == "#x"
    _, errors, _ = load({"actions": [{"id": "a", "type": "link", "label": "A"}]})
    # relative to the config file's folder, wherever mkdocs was started
    assert errors == [
        "actions: mkdocs.yml: actions[0].url: missing; a link action needs the url it opens"
    ]


def test_unknown_action_key_is_a_warning() -> None:
    _, errors, warnings = load(
        {"actions": [{"id": "a", "type": "button", "label": "A", "urll": "x"}]}
    )
    assert errors == []
    assert len(warnings) == 1
    assert warnings[0].startswith("actions: mkdocs.yml: actions[0].urll: unknown key")


KNOWN = (
    "enabled, chatbot_id, script, script_integrity, title, greeting, launcher_label, messages, "
    "position, preview, load, consent, webhook_timeout, analytics, context, actions, feedback, answers"
)


def test_unknown_option_is_a_warning_with_the_likely_name_and_the_known_ones() -> None:
    _, _, warnings = load({"titel": "x", "zzz": 1})
    assert sorted(warnings) == [
        f"titel: mkdocs.yml: titel: unknown option, ignored; did you mean title? known options: {KNOWN}",
        f"zzz: mkdocs.yml: zzz: unknown option, ignored; known options: {KNOWN}",
    ]


def test_unknown_option_names_its_line(tmp_path: Path) -> None:
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(
        "site_name: T\nplugins:\n  - chatspark:\n      positon: left\n", encoding="utf-8"
    )
    _, warnings = ChatSparkPlugin().load_config({"positon": "left"}, str(config_file))
    assert [w.split(" known")[0] for _, w in warnings] == [
        "mkdocs.yml:4: positon: unknown option, ignored; did you mean position?"
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"position": "top"}, "position: mkdocs.yml: position: 'top' is not one of: right, left"),
        ({"enabled": "yes"}, "enabled: mkdocs.yml: enabled: expected true or false, found 'yes'"),
        (
            {"preview": 1},
            "preview: mkdocs.yml: preview: expected true or false, found 1 (a number)",
        ),
        (
            {"analytics": "yes please"},
            "analytics: mkdocs.yml: analytics: expected true or false, found 'yes please'",
        ),
        (
            {"script": "https://cdn.example.com/chat.js"},
            "chatbot_id: mkdocs.yml: chatbot_id: required when 'script' is set: the hosted "
            "widget needs your ChatSpark chatbot id",
        ),
        (
            {"script": "http://cdn.example.com/chat.js", "chatbot_id": "x"},
            "script: mkdocs.yml: script: 'http://cdn.example.com/chat.js' uses http; only https "
            "is allowed (http is allowed only for localhost, 127.0.0.1, for development)",
        ),
        (
            {"script_integrity": "sha384-abc"},
            "script_integrity: mkdocs.yml: script_integrity: only applies when 'script' is set",
        ),
        (
            {"load": "lazy"},
            "load: mkdocs.yml: load: 'lazy' is not one of: interaction, idle, eager",
        ),
        (
            {"consent": "chatspark"},
            "consent: mkdocs.yml: consent: only applies when 'script' is set",
        ),
        (
            {"consent": "chat spark", "script": "https://cdn.example.com/c.js", "chatbot_id": "x"},
            "consent: mkdocs.yml: consent: expected the key of a cookie in extra.consent.cookies "
            "(letters, digits, "
            "'_' and '-'), found 'chat spark'",
        ),
        (
            {"consent": ["chatspark"], "script": "https://cdn.example.com/c.js", "chatbot_id": "x"},
            "consent: mkdocs.yml: consent: expected a string, found a list",
        ),
        (
            {"messages": {"too_long": "Too long"}},
            "messages: mkdocs.yml: messages.too_long: must contain {n}, where the widget puts "
            "the number or date",
        ),
        (
            {"messages": {"retry": ""}},
            "messages: mkdocs.yml: messages.retry: expected a non-empty string, found ''",
        ),
        (
            {"messages": {"step_near": "Try {n}"}},
            "messages: mkdocs.yml: messages.step_near: must contain {m}, where the widget puts "
            "the second number",
        ),
        (
            {"messages": {"retry": "sk_live_" + "x" * 20}},
            "messages: mkdocs.yml: messages.retry: 'sk_live_…' looks like a Stripe secret key, "
            "and would be sent to every reader's browser",
        ),
        (
            {"greeting": "sk_live_" + "x" * 20},
            "greeting: mkdocs.yml: greeting: 'sk_live_…' looks like a Stripe secret key, and "
            "would be sent to every reader's browser",
        ),
        ({"title": ""}, "title: mkdocs.yml: title: expected a non-empty string, found ''"),
        (
            {"title": ["Chat"]},
            "title: mkdocs.yml: title: expected a string, found a list",
        ),
        (
            {"chatbot_id": 12},
            "chatbot_id: mkdocs.yml: chatbot_id: expected a string, found 12 (a number) "
            "(put it in quotes)",
        ),
        (
            {"title": {}},
            "title: mkdocs.yml: title: is empty; write the text, or one per language: "
            "{en: Book a demo, fr: Réserver une démo}",
        ),
        ({"title": {"en": "Chat", "fr": ""}}, "title: mkdocs.yml: title.fr: must not be empty"),
        (
            {"title": {"en": "Chat", "fr": 3}},
            "title: mkdocs.yml: title.fr: expected a string, found 3 (a number) (put it in quotes)",
        ),
        (
            {"title": {"English": "Chat"}},
            "title: mkdocs.yml: title: 'English' is not a language code like en, fr or pt_BR",
        ),
        (
            {"title": {False: "Norsk"}},
            "title: mkdocs.yml: title: false (a boolean) is not a language code like en, fr or "
            "pt_BR (put it in quotes: YAML reads no, on and yes as booleans)",
        ),
        (
            {"greeting": {"en": "Hi", "de": "sk_live_" + "x" * 20}},
            "greeting: mkdocs.yml: greeting.de: 'sk_live_…' looks like a Stripe secret key, and "
            "would be sent to every reader's browser",
        ),
        (
            {"launcher_label": "  "},
            "launcher_label: mkdocs.yml: launcher_label: expected a non-empty string, found '  '",
        ),
        (
            {"script_integrity": "abc"},
            "script_integrity: mkdocs.yml: script_integrity: expected a Subresource Integrity "
            "hash like 'sha384-<base64>', found 'abc'",
        ),
        (
            {"messages": ["retry"]},
            "messages: mkdocs.yml: messages: expected a mapping of keys to values, found a list",
        ),
        (
            {"context": ["referer"]},
            "context: mkdocs.yml: context[0]: 'referer' is not one of: referrer, utm",
        ),
        (
            {"context": "utm"},
            "context: mkdocs.yml: context: expected a list of: referrer, utm; found 'utm'",
        ),
        (
            {"webhook_timeout": 0},
            "webhook_timeout: mkdocs.yml: webhook_timeout: expected seconds more than 0 and at "
            "most 600, found 0",
        ),
        (
            {"webhook_timeout": 601},
            "webhook_timeout: mkdocs.yml: webhook_timeout: expected seconds more than 0 and at "
            "most 600, found 601",
        ),
        (
            {"webhook_timeout": True},
            "webhook_timeout: mkdocs.yml: webhook_timeout: expected a number of seconds, "
            "found true (a boolean)",
        ),
        (
            {"webhook_timeout": "10"},
            "webhook_timeout: mkdocs.yml: webhook_timeout: expected a number of seconds, "
            "found '10'",
        ),
        (
            {"actions": {"id": "a"}},
            "actions: mkdocs.yml: actions: expected a list, found a mapping",
        ),
    ],
)
def test_option_errors(options: dict[str, Any], message: str) -> None:
    _, errors, _ = load(options)
    assert errors == [message]


def test_title_greeting_and_launcher_label_may_be_given_per_language() -> None:
    from mkdocs_chatspark.model import Localized

    texts = {"en": "Chat with us", "fr": "Discutons"}
    plugin, errors, warnings = load({"title": texts, "greeting": "Hi", "launcher_label": texts})
    assert (errors, warnings) == ([], [])
    assert plugin.config.title == Localized((("en", "Chat with us"), ("fr", "Discutons")))
    assert plugin.config.greeting == "Hi"


CONFIG = """\
site_name: Lines
plugins:
  - search
  - chatspark:
      position: center
      analytics: yes please
      context: [utm, referer]
      messages:
        close: Close
        retry: sk_live_xxxxxxxxxxxxxxxxxxxx
      title:
        en: Chat
        fr: ''
"""


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("position", "mkdocs.yml:5: position: 'center' is not one of: right, left"),
        ("analytics", "mkdocs.yml:6: analytics: expected true or false, found 'yes please'"),
        ("context", "mkdocs.yml:7: context[1]: 'referer' is not one of: referrer, utm"),
        (
            "messages",
            "mkdocs.yml:10: messages.retry: 'sk_live_…' looks like a Stripe secret key, "
            "and would be sent to every reader's browser",
        ),
        ("title", "mkdocs.yml:13: title.fr: must not be empty"),
    ],
)
def test_option_errors_name_the_line(tmp_path: Path, name: str, message: str) -> None:
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(CONFIG, encoding="utf-8")
    options = yaml.safe_load(CONFIG)["plugins"][1]["chatspark"]
    # MkDocs stops at the first option in error: give it that one alone.
    errors, _ = ChatSparkPlugin().load_config({name: options[name]}, str(config_file))
    assert [(k, str(e)) for k, e in errors] == [(name, message)]


# --- answers ------------------------------------------------------------------------


def test_answers_default_on_with_the_bundled_widget_and_off_with_a_hosted_script() -> None:
    from mkdocs_chatspark import answering

    plugin, errors, _ = load({})
    assert errors == []
    assert answering.resolve(plugin.config.answers, plugin.config.script) == answering.Answers(
        sources=3, exclude=()
    )
    hosted = {"script": "https://cdn.example.com/c.js", "chatbot_id": "x"}
    plugin, errors, _ = load(hosted)
    assert errors == []
    assert answering.resolve(plugin.config.answers, plugin.config.script) is None
    plugin, errors, _ = load({"answers": False})
    assert answering.resolve(plugin.config.answers, None) is None
    plugin, _, _ = load({"answers": True})
    assert plugin.config.answers == answering.Answers()
    plugin, errors, warnings = load({"answers": {"sources": 5, "exclude": ["drafts/**"]}})
    assert (errors, warnings) == ([], [])
    assert plugin.config.answers == answering.Answers(sources=5, exclude=("drafts/**",))


def test_a_mistyped_key_behind_an_error_is_still_told(caplog: pytest.LogCaptureFixture) -> None:
    select = {"key": "plan", "label": "Plan", "type": "select", "opitons": ["a", "b"]}
    form = {"id": "s", "type": "form", "label": "S", "webhook": "https://x.example/h"}
    with caplog.at_level(logging.WARNING):
        _, errors, warnings = load({"actions": [{**form, "fields": [select]}]})
    assert errors == [
        "actions: mkdocs.yml: actions[0].fields[0].options: a select field needs a non-empty "
        "list of options to choose from"
    ]
    # Logged, since MkDocs drops a failing plugin's warnings; none returned to it.
    assert warnings == []
    [told] = [r.getMessage() for r in caplog.records if "opitons" in r.getMessage()]
    assert told.startswith(
        "mkdocs_chatspark: Plugin 'chatspark' option 'actions': mkdocs.yml: "
        "actions[0].fields[0].opitons: "
        "unknown key, ignored; did you mean options? known keys: "
    )


def test_an_unknown_answers_key_is_a_warning() -> None:
    _, errors, warnings = load({"answers": {"source": 2}})
    assert errors == []
    assert warnings == [
        "answers: mkdocs.yml: answers.source: unknown key, ignored; did you mean sources? "
        "known keys: sources, exclude"
    ]


def test_an_unknown_key_of_answers_or_messages_is_told_with_its_line(tmp_path: Path) -> None:
    # As the actions' and feedback's unknown keys are: the file, the line, the key path.
    # It was "unknown key 'max_sources' in answers, ignored" with no file or line.
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: S\nplugins:\n  - chatspark:\n      answers:\n        sources: 3\n"
        "        max_sources: 2\n      messages:\n        requird: Needed\n",
        encoding="utf-8",
    )
    errors, warnings = ChatSparkPlugin().load_config(
        {"answers": {"sources": 3, "max_sources": 2}, "messages": {"requird": "Needed"}},
        str(config),
    )
    assert errors == []
    assert [str(w) for _, w in warnings] == [
        "mkdocs.yml:8: messages.requird: unknown key, ignored; did you mean required? "
        "known keys: " + ", ".join(messages.KEYS),
        "mkdocs.yml:6: answers.max_sources: unknown key, ignored; did you mean sources? "
        "known keys: sources, exclude",
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "yes",
            "answers: mkdocs.yml: answers: expected true, false or a mapping with sources and "
            "exclude; found 'yes'",
        ),
        (
            {"sources": 0},
            "answers: mkdocs.yml: answers.sources: expected a whole number from 1 to 5, "
            "found 0 (a number)",
        ),
        (
            {"sources": 6},
            "answers: mkdocs.yml: answers.sources: expected a whole number from 1 to 5, "
            "found 6 (a number)",
        ),
        (
            {"sources": "3"},
            "answers: mkdocs.yml: answers.sources: expected a whole number from 1 to 5, found '3'",
        ),
        (
            {"sources": True},
            "answers: mkdocs.yml: answers.sources: expected a whole number from 1 to 5, "
            "found true (a boolean)",
        ),
        (
            {"exclude": "drafts/**"},
            "answers: mkdocs.yml: answers.exclude: expected a list of docs page globs, like "
            "[drafts/**], found 'drafts/**'",
        ),
        (
            {"exclude": ["ok.md", ""]},
            "answers: mkdocs.yml: answers.exclude[1]: expected a docs page glob, like drafts/** "
            "or changelog.md, found ''",
        ),
    ],
)
def test_answers_errors(value: object, message: str) -> None:
    _, errors, _ = load({"answers": value})
    assert errors == [message]


def test_answers_with_a_hosted_script_is_an_error() -> None:
    _, errors, _ = load(
        {"answers": True, "script": "https://cdn.example.com/c.js", "chatbot_id": "x"}
    )
    assert errors == [
        "answers: mkdocs.yml: answers: only applies to the bundled widget: with 'script' the "
        "hosted service answers (remove 'answers', or set it to false)"
    ]
    _, errors, _ = load(
        {"answers": False, "script": "https://cdn.example.com/c.js", "chatbot_id": "x"}
    )
    assert errors == []
