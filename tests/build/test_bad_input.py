"""A corpus of broken input, from mkdocs.yml and from front matter. Each one stops
the build with one clear message that names the file and the key path: an MkDocs
error (shown without a traceback), never a Python exception."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Optional

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from support import names_a_line, site_config, without_lines, write_site

OK_BUTTON = {"id": "ok", "type": "button", "label": "OK"}
OK_FORM = {"id": "f", "type": "form", "label": "F", "fields": [{"key": "email"}]}


def deep(levels: int) -> Any:
    value: Any = "leaf"
    for _ in range(levels):
        value = {"d": [value]}
    return value


# (plugin options, front matter of docs/page.md, what the message must say)
CASES: list[tuple[Optional[dict[str, Any]], Optional[str], str]] = [
    # --- mkdocs.yml: the actions option
    ({"actions": "book_demo"}, None, "mkdocs.yml: actions: expected a list, found 'book_demo'"),
    ({"actions": {"id": "a"}}, None, "mkdocs.yml: actions: expected a list, found a mapping"),
    ({"actions": 3}, None, "mkdocs.yml: actions: expected a list, found 3 (a number)"),
    ({"actions": True}, None, "mkdocs.yml: actions: expected a list, found true (a boolean)"),
    (
        {"actions": [None]},
        None,
        "mkdocs.yml: actions[0]: expected a mapping of keys to values, found nothing (null)",
    ),
    (
        {"actions": [[OK_BUTTON]]},
        None,
        "mkdocs.yml: actions[0]: expected a mapping of keys to values, found a list",
    ),
    (
        {"actions": [{None: "x"}]},
        None,
        "mkdocs.yml: actions[0]: keys must be strings, found the key null",
    ),
    (
        {"actions": [{3: "x"}]},
        None,
        "mkdocs.yml: actions[0]: keys must be strings, found the key 3",
    ),
    (
        {"actions": [{"id": None, "type": "button", "label": "x"}]},
        None,
        "mkdocs.yml: actions[0].id: expected a string, found nothing (null)",
    ),
    (
        {"actions": [{"id": "a", "type": None, "label": "x"}]},
        None,
        "mkdocs.yml: actions[0].type: expected a string, found nothing (null)",
    ),
    (
        {"actions": [{"id": "a", "type": "button", "label": None}]},
        None,
        "mkdocs.yml: actions[0].label: expected a string, found nothing (null)",
    ),
    (
        {"actions": [{"id": "a", "type": "button", "label": ["x"]}]},
        None,
        "mkdocs.yml: actions[0].label: expected a string, found a list",
    ),
    (
        {"actions": [{"id": "a", "type": "button", "label": "x", "url": None}]},
        None,
        "mkdocs.yml: actions[0].url: expected a string, found nothing (null)",
    ),
    (
        {"actions": [{"id": "a", "type": "button", "label": "x", "url": 42}]},
        None,
        "mkdocs.yml: actions[0].url: expected a string, found 42",
    ),
    (
        {"actions": [{"id": "a", "type": "button", "label": "x", "webhook": {"url": 1}}]},
        None,
        "mkdocs.yml: actions[0].webhook.url: expected a string, found 1 (a number)",
    ),
    (
        {"actions": [{"id": "a", "type": "button", "label": "x", "data": None}]},
        None,
        "mkdocs.yml: actions[0].data: expected a mapping of keys to values, found nothing (null)",
    ),
    (
        {"actions": [{"id": "a", "type": "button", "label": "x", "data": deep(40)}]},
        None,
        "mkdocs.yml: actions[0].data.d[0].d[0].d[0].d[0].d: nested deeper than 8 levels",
    ),
    (
        {"actions": [{"id": "a", "type": "button", "label": "x", "primary": None}]},
        None,
        "mkdocs.yml: actions[0].primary: expected true or false, found nothing (null)",
    ),
    (
        {"actions": [{"id": "a", "type": "form", "label": "x", "fields": None}]},
        None,
        "mkdocs.yml: actions[0].fields: expected a list, found nothing (null)",
    ),
    (
        {"actions": [{"id": "a", "type": "form", "label": "x", "fields": [None]}]},
        None,
        "mkdocs.yml: actions[0].fields[0]: expected a mapping of keys to values, found nothing (null)",
    ),
    (
        {"actions": [{"id": "a", "type": "form", "label": "x", "fields": [{"key": None}]}]},
        None,
        "mkdocs.yml: actions[0].fields[0].key: expected a string, found nothing (null)",
    ),
    (
        {
            "actions": [
                {
                    "id": "a",
                    "type": "form",
                    "label": "x",
                    "fields": [{"key": "k", "type": "select", "options": None}],
                }
            ]
        },
        None,
        "mkdocs.yml: actions[0].fields[0].options: expected a list, found nothing (null)",
    ),
    (
        {
            "actions": [
                {
                    "id": "a",
                    "type": "form",
                    "label": "x",
                    "fields": [{"key": "k", "type": "select", "options": [None]}],
                }
            ]
        },
        None,
        "mkdocs.yml: actions[0].fields[0].options[0]: expected a string, found nothing (null)",
    ),
    (
        {
            "actions": [
                {
                    "id": "a",
                    "type": "form",
                    "label": "x",
                    "fields": [{"key": "k", "max_length": "10"}],
                }
            ]
        },
        None,
        "mkdocs.yml: actions[0].fields[0].max_length: expected a whole number of at least 1, found '10'",
    ),
    (
        {
            "actions": [
                {
                    "id": "a",
                    "type": "form",
                    "label": "x",
                    "fields": [{"key": "k", "required": None}],
                }
            ]
        },
        None,
        "mkdocs.yml: actions[0].fields[0].required: expected true or false, found nothing (null)",
    ),
    (
        {
            "actions": [{**OK_BUTTON, "id": f"a{i}"} for i in range(3000)]
            + [{**OK_BUTTON, "id": "a7"}]
        },
        None,
        "mkdocs.yml: actions[3000].id: 'a7' is already the id of actions[7]",
    ),
    (
        {"actions": [{"id": "a", "type": "link", "label": "x", "url": " javascript:alert(1)"}]},
        None,
        "mkdocs.yml: actions[0].url: ' javascript:alert(1)' contains a space",
    ),
    (
        {
            "actions": [
                {
                    "id": "a",
                    "type": "link",
                    "label": "x",
                    "url": "data:text/html;base64,PHNjcmlwdD4=",
                }
            ]
        },
        None,
        "mkdocs.yml: actions[0].url: the scheme data: is not allowed",
    ),
    (
        {
            "actions": [
                {"id": "a", "type": "button", "label": "x", "webhook": "http://hooks.example.com/x"}
            ]
        },
        None,
        "mkdocs.yml: actions[0].webhook: 'http://hooks.example.com/x' uses http",
    ),
    # --- mkdocs.yml: the other options
    # (MkDocs puts "Plugin 'chatspark' option 'position': " in front)
    ({"position": "middle"}, None, "mkdocs.yml: position: 'middle' is not one of: right, left"),
    ({"title": ["x"]}, None, "mkdocs.yml: title: expected a string, found a list"),
    (
        {"webhook_timeout": -1},
        None,
        "mkdocs.yml: webhook_timeout: expected seconds more than 0 and at most 600, found -1",
    ),
    (
        {"script": "javascript:alert(1)", "chatbot_id": "x"},
        None,
        "mkdocs.yml: script: 'javascript:alert(1)' is not an absolute https:// URL",
    ),
    (
        {"chatbot_id": 12},
        None,
        "mkdocs.yml: chatbot_id: expected a string, found 12 (a number) (put it in quotes)",
    ),
    (
        {"messages": {"retry": "sk_live_" + "x" * 20}},
        None,
        "mkdocs.yml: messages.retry: 'sk_live_…' looks like a Stripe secret key",
    ),
    # --- front matter
    # --- mkdocs.yml: the fields and form options of issue 15
    (
        {"actions": [{**OK_FORM, "fields": [{"key": "ref", "pattern": "[A-Z"}]}]},
        None,
        "mkdocs.yml: actions[0].fields[0].pattern: '[A-Z' is not a JavaScript regular "
        "expression the widget can use: unbalanced bracket",
    ),
    (
        {"actions": [{**OK_FORM, "fields": [{"key": "ref", "pattern": "a{,3}"}]}]},
        None,
        "mkdocs.yml: actions[0].fields[0].pattern: 'a{,3}' is not a JavaScript regular "
        "expression the widget can use: invalid quantifier",
    ),
    (
        {
            "actions": [
                {
                    **OK_FORM,
                    "fields": [{"key": "plan", "type": "radio", "options": ["a"], "default": "b"}],
                }
            ]
        },
        None,
        "mkdocs.yml: actions[0].fields[0].default: 'b' is not one of the options: a",
    ),
    (
        {"actions": [{**OK_FORM, "fields": [{"key": "d", "type": "date", "min": "tomorrow"}]}]},
        None,
        "mkdocs.yml: actions[0].fields[0].min: expected a date as YYYY-MM-DD, found 'tomorrow'",
    ),
    (
        {"actions": [{**OK_FORM, "fields": [{"key": "n", "type": "number", "min": 9, "max": 1}]}]},
        None,
        "mkdocs.yml: actions[0].fields[0].max: 1 (a number) is below min (9); min <= max",
    ),
    (
        {"actions": [{**OK_FORM, "fields": [{"key": "campaign", "type": "hidden"}]}]},
        None,
        "mkdocs.yml: actions[0].fields[0].value: missing; a hidden field sends a static value",
    ),
    (
        {"actions": [{**OK_FORM, "webhook": {"netlify": True, "url": "https://h.example/x"}}]},
        None,
        "mkdocs.yml: actions[0].webhook.url: does not go with `netlify: true`",
    ),
    (
        {"actions": [{**OK_FORM, "url": "mailto:a@example.com?subject=x"}]},
        None,
        "mkdocs.yml: actions[0].url: a form sent by email sets the subject itself",
    ),
    (
        {"context": ["referer"]},
        None,
        "mkdocs.yml: context[0]: 'referer' is not one of: referrer, utm",
    ),
    (
        {"analytics": "yes please"},
        None,
        "mkdocs.yml: analytics: expected true or false, found 'yes please'",
    ),
    # front matter MkDocs cannot read: it drops all of it, silently; the build stops
    (
        None,
        "chatspark:\n  actions:\n    - {id: a, type: form, label: F, fields: "
        "[{key: day, type: date, min: 2026-13-01}]}",
        "docs/page.md:4: MkDocs could not read the front matter and ignored all of it, "
        "`chatspark:` included: '2026-13-01' cannot be read (month must be in 1..12); "
        "quote it, or write a real date as YYYY-MM-DD",
    ),
    (
        None,
        "title: a: b\nchatspark:\n  hide: [ok]",
        "docs/page.md:2: MkDocs could not read the front matter and ignored all of it, "
        "`chatspark:` included: mapping values are not allowed here",
    ),
    (
        None,
        "chatspark: yes please",
        "docs/page.md: chatspark: expected true or false (unquoted), or a mapping of keys to "
        "values, found 'yes please'",
    ),
    (
        None,
        'chatspark: "off"',
        "docs/page.md: chatspark: expected true or false (unquoted), or a mapping of keys to "
        "values, found 'off'; without quotes, off is a boolean",
    ),
    (
        None,
        "chatspark: 0",
        "docs/page.md: chatspark: expected true or false (unquoted), or a mapping of keys to "
        "values, found 0 (a number)",
    ),
    (
        None,
        "chatspark: [a, b]",
        "docs/page.md: chatspark: expected true or false (unquoted), or a mapping of keys to "
        "values, found a list",
    ),
    (
        None,
        "chatspark:\n  actions: {id: a}",
        "docs/page.md: chatspark.actions: expected a list, found a mapping",
    ),
    (
        None,
        "chatspark:\n  actions: [null]",
        "docs/page.md: chatspark.actions[0]: expected a mapping of keys to values, found nothing (null)",
    ),
    (
        None,
        "chatspark:\n  actions:\n    - {id: a, type: button, label: 2024-01-01}",
        "docs/page.md: chatspark.actions[0].label: expected a string, found a date",
    ),
    (
        None,
        "chatspark:\n  actions:\n    - {id: a, type: button, label: yes}",
        "docs/page.md: chatspark.actions[0].label: expected a string, found true (a boolean) (put it in quotes)",
    ),
    (
        None,
        "chatspark:\n  actions:\n    - {1: x, id: a}",
        "docs/page.md: chatspark.actions[0]: keys must be strings, found the key 1 (a number)",
    ),
    (
        None,
        "chatspark:\n  hide: null",
        "docs/page.md: chatspark.hide: expected a list, found nothing (null)",
    ),
    (
        None,
        "chatspark:\n  hide: [ok, null]",
        "docs/page.md: chatspark.hide[1]: expected a string, found nothing (null)",
    ),
    (
        None,
        "chatspark:\n  hide: [missing]",
        "docs/page.md: chatspark.hide[0]: 'missing' is not the id of a site action; site actions: ok",
    ),
    (
        None,
        "chatspark:\n  enabled: null",
        "docs/page.md: chatspark.enabled: expected true or false, found nothing (null)",
    ),
    (
        None,
        "chatspark:\n  greeting: [hi]",
        "docs/page.md: chatspark.greeting: expected a string, found a list",
    ),
    (
        None,
        "chatspark:\n  actions:\n    - {id: a, type: form, label: F, fields: [{key: k, type: slider}]}",
        "docs/page.md: chatspark.actions[0].fields[0].type: 'slider' is not one of",
    ),
    (
        None,
        "chatspark:\n  actions:\n    - {id: a, type: form, label: F, fields: "
        "[{key: day, type: date, min: 2027-01-01, default: 2026-05-01}]}",
        "docs/page.md: chatspark.actions[0].fields[0].default: '2026-05-01' is below min (2027-01-01)",
    ),
    (
        None,
        "chatspark:\n  actions:\n    - {id: a, type: form, label: F, fields: "
        "[{key: code, pattern: '(?<n>a)\\k<m>'}]}",
        "docs/page.md: chatspark.actions[0].fields[0].pattern: '(?<n>a)\\k<m>' is not a "
        "JavaScript regular expression the widget can use: backreference to invalid named "
        "capture group: m",
    ),
    (
        None,
        "chatspark:\n  actions:\n    - {id: a, type: link, label: L}",
        "docs/page.md: chatspark.actions[0].url: missing; a link action needs the url it opens",
    ),
    (
        None,
        "chatspark:\n  actions:\n    - {id: a, type: button, label: B, data: {token: abc}}",
        "docs/page.md: chatspark.actions[0].data.token: 'abc' looks like a credential",
    ),
    (
        None,
        "chatspark:\n  actions:\n"
        + "".join(f"    - {{id: p{i}, type: button, label: P}}\n" for i in range(500))
        + "    - {id: p499, type: button, label: again}",
        "docs/page.md: chatspark.actions[500].id: 'p499' is already the id of chatspark.actions[499]",
    ),
]


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(("options", "front_matter", "message"), CASES)
def test_broken_input_ends_in_one_clear_message(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    options: Optional[dict[str, Any]],
    front_matter: Optional[str],
    message: str,
) -> None:
    plugin = options if options is not None else {"actions": [OK_BUTTON]}
    pages = {"index.md": "# Home\n"}
    if front_matter is not None:
        pages["page.md"] = f"---\n{front_matter}\n---\n# Page\n"
    config_file = write_site(tmp_path, site_config(plugin), pages)
    monkeypatch.chdir(tmp_path)  # as an author runs mkdocs: file names relative to here
    caplog.set_level(logging.WARNING)
    with pytest.raises(MkDocsException) as caught:  # what the CLI prints without a traceback
        config = load_config(str(config_file))
        build(config)
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    said.append(str(caught.value))
    if message.startswith(("mkdocs.yml: ", "docs/page.md: chatspark")):
        # mistakes in mkdocs.yml and in front matter name the line
        assert any(names_a_line(line, message) for line in said), said
        said = [without_lines(line) for line in said]
    assert any(message in line for line in said), said
    assert sum(message in line for line in said) == 1
