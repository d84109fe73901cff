"""The plugin's options, validated through `plugin.load_config` as MkDocs does."""

from __future__ import annotations

from typing import Any

import pytest

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


def test_unknown_option_is_a_warning() -> None:
    _, _, warnings = load({"titel": "x"})
    assert warnings == ["titel: Unrecognised configuration name: titel"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"position": "top"}, "position: Expected one of: ('right', 'left') but received: 'top'"),
        ({"enabled": "yes"}, "enabled: Expected type: <class 'bool'> but received: <class 'str'>"),
        (
            {"script": "https://cdn.example.com/chat.js"},
            "chatbot_id: required when 'script' is set: the hosted widget needs your ChatSpark chatbot id",
        ),
        (
            {"script": "http://cdn.example.com/chat.js", "chatbot_id": "x"},
            "script: 'http://cdn.example.com/chat.js' uses http; only https is allowed "
            "(http is allowed only for localhost, 127.0.0.1, for development)",
        ),
        ({"script_integrity": "sha384-abc"}, "script_integrity: only applies when 'script' is set"),
        (
            {"load": "lazy"},
            "load: Expected one of: ('interaction', 'idle', 'eager') but received: 'lazy'",
        ),
        ({"consent": "chatspark"}, "consent: only applies when 'script' is set"),
        (
            {"consent": "chat spark", "script": "https://cdn.example.com/c.js", "chatbot_id": "x"},
            "consent: expected the key of a cookie in extra.consent.cookies (letters, digits, "
            "'_' and '-'), found 'chat spark'",
        ),
        (
            {"consent": ["chatspark"], "script": "https://cdn.example.com/c.js", "chatbot_id": "x"},
            "consent: Expected type: <class 'str'> but received: <class 'list'>",
        ),
        (
            {"messages": {"too_long": "Too long"}},
            "messages: too_long: must contain {n}, the number of characters",
        ),
        ({"messages": {"retry": ""}}, "messages: retry: expected a non-empty string, found ''"),
        (
            {"messages": {"retry": "sk_live_" + "x" * 20}},
            "messages: retry: 'sk_live_…' looks like a Stripe secret key, and would be sent "
            "to every reader's browser",
        ),
        (
            {"greeting": "sk_live_" + "x" * 20},
            "greeting: 'sk_live_…' looks like a Stripe secret key, and would be sent "
            "to every reader's browser",
        ),
        ({"title": ""}, "title: expected a non-empty string, found ''"),
        ({"launcher_label": "  "}, "launcher_label: expected a non-empty string, found '  '"),
        (
            {"script_integrity": "abc"},
            "script_integrity: expected a Subresource Integrity hash like 'sha384-<base64>', "
            "found 'abc'",
        ),
        (
            {"messages": ["retry"]},
            "messages: Expected type: <class 'dict'> but received: <class 'list'>",
        ),
        ({"webhook_timeout": 0}, "webhook_timeout: expected seconds between 0 and 600, found 0"),
        ({"webhook_timeout": True}, "webhook_timeout: expected a number of seconds, found True"),
        (
            {"webhook_timeout": "10"},
            "webhook_timeout: Expected type: (<class 'int'>, <class 'float'>) but received: <class 'str'>",
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
