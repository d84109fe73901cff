"""Form fields and form-level options: radio, date, hidden, pattern, number bounds,
help, default, autocomplete, multiple select, min_fill_seconds, mailto forms and
Netlify Forms. What each becomes, and the exact message each mistake gets."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from mkdocs_chatspark import model, render

FORM: dict[str, Any] = {"id": "lead", "type": "form", "label": "Talk to us"}


def form(*fields: dict[str, Any], **keys: Any) -> dict[str, Any]:
    return {**FORM, "fields": list(fields), **keys}


def parse_one(raw: dict[str, Any]) -> tuple[model.Action, list[str]]:
    warnings = model.Warnings()
    (action,) = model.parse_actions([raw], "actions", warnings)
    return action, warnings.items


def field_of(**raw: Any) -> model.Field:
    action, warnings = parse_one(form({"key": "f", **raw}))
    assert warnings == []
    return action.fields[0]


def mistake(raw: dict[str, Any]) -> str:
    with pytest.raises(model.ActionError) as caught:
        parse_one(raw)
    return str(caught.value)


# --- what the new keys become, and reach the browser as ------------------------------


def test_a_radio_group_with_a_default() -> None:
    f = field_of(type="radio", options=["Starter", "Team"], default="Team", required=True)
    assert (f.options, f.default, f.required) == (("Starter", "Team"), "Team", True)
    assert render.field_json(f) == {
        "key": "f",
        "label": "f",
        "type": "radio",
        "required": True,
        "options": ["Starter", "Team"],
        "default": "Team",
    }


def test_a_date_takes_yaml_dates_and_iso_strings() -> None:
    f = field_of(
        type="date", min=datetime.date(2026, 12, 1), max="2027-06-30", default="2027-01-15"
    )
    assert (f.minimum, f.maximum, f.default) == ("2026-12-01", "2027-06-30", "2027-01-15")
    assert render.field_json(f)["min"] == "2026-12-01"
    assert render.field_json(f)["max"] == "2027-06-30"


def test_a_hidden_field_sends_its_static_value() -> None:
    f = field_of(type="hidden", value="spring-campaign")
    assert render.field_json(f) == {
        "key": "f",
        "label": "f",
        "type": "hidden",
        "value": "spring-campaign",
    }
    assert field_of(type="hidden", value=42).value == 42


def test_a_number_with_bounds_and_a_step() -> None:
    f = field_of(type="number", min=1, max=500, step=1, default=10)
    assert render.field_json(f) == {
        "key": "f",
        "label": "f",
        "type": "number",
        "min": 1,
        "max": 500,
        "step": 1,
        "default": 10,
    }
    assert field_of(type="number", min=0.5, step=0.25, default=1.25).default == 1.25


def test_a_pattern_with_its_own_message_and_help() -> None:
    f = field_of(
        pattern=r"[A-Z]{2}-\d{4}",
        pattern_message="Like AB-1234.",
        help="On your invoice.",
        default="AB-1234",
    )
    out = render.field_json(f)
    assert out["pattern"] == r"[A-Z]{2}-\d{4}"
    assert out["patternMessage"] == "Like AB-1234."
    assert out["help"] == "On your invoice."
    assert out["default"] == "AB-1234"


def test_a_multiple_select_takes_a_list_default() -> None:
    f = field_of(type="select", options=["a", "b", "c"], multiple=True, default=["a", "c"])
    assert f.default == ("a", "c")
    assert render.field_json(f)["default"] == ["a", "c"]
    assert render.field_json(f)["multiple"] is True


@pytest.mark.parametrize(
    ("raw", "token"),
    [
        ({"key": "email", "type": "email"}, "email"),
        ({"key": "contact", "type": "email"}, "email"),
        ({"key": "phone", "type": "tel"}, "tel"),
        ({"key": "site", "type": "url"}, "url"),
        ({"key": "name"}, "name"),
        ({"key": "Company"}, "organization"),
        ({"key": "organisation"}, "organization"),
        ({"key": "given_name"}, "given-name"),
        ({"key": "first_name"}, "given-name"),
        ({"key": "last_name"}, "family-name"),
        ({"key": "job_title"}, "organization-title"),
        ({"key": "postal_code"}, "postal-code"),
        ({"key": "country", "type": "select", "options": ["DE", "FR"]}, "country-name"),
        ({"key": "message", "type": "textarea"}, None),
        ({"key": "seats", "type": "number"}, None),  # a number named like nothing
        ({"key": "name", "type": "checkbox"}, None),  # autofill does not fill checkboxes
        ({"key": "email", "autocomplete": "off"}, "off"),
        ({"key": "email", "type": "email", "autocomplete": "work email"}, "work email"),
        (
            {"key": "x", "autocomplete": "section-a shipping postal-code"},
            "section-a shipping postal-code",
        ),
        ({"key": "x", "autocomplete": "Organization"}, "organization"),
    ],
)
def test_autocomplete_is_inferred_and_can_be_overridden(raw: dict[str, Any], token: Any) -> None:
    action, _ = parse_one(form(raw))
    assert action.fields[0].autocomplete == token
    assert render.field_json(action.fields[0]).get("autocomplete") == token


def test_form_level_options_reach_the_browser() -> None:
    action, _ = parse_one(form({"key": "email", "type": "email"}, min_fill_seconds=3))
    assert render.action_json(action)["minFillSeconds"] == 3
    netlify, _ = parse_one(form({"key": "email"}, webhook={"netlify": True}))
    assert (netlify.netlify, netlify.webhook) == (True, None)
    assert render.action_json(netlify)["netlify"] is True
    assert "webhook" not in render.action_json(netlify)


def test_a_mailto_form_without_a_webhook_is_sent_by_the_mail_program() -> None:
    mail, _ = parse_one(form({"key": "msg"}, url="mailto:sales@example.com?cc=ceo@example.com"))
    assert render.action_json(mail)["mailto"] is True
    # With a webhook, the mailto: url is only where the reader goes after success.
    both, _ = parse_one(
        form({"key": "msg"}, url="mailto:sales@example.com", webhook="https://h.example/x")
    )
    assert "mailto" not in render.action_json(both)


def test_new_strings_are_checked_for_credentials() -> None:
    with pytest.raises(model.ActionError, match=r"fields\[0\]\.value: .* looks like"):
        parse_one(
            form({"key": "api_key", "type": "hidden", "value": "sk_live_4eC39HqLyjWDarjtT1zdp7dc"})
        )
    with pytest.raises(model.ActionError, match=r"fields\[0\]\.help: .* looks like"):
        parse_one(form({"key": "k", "help": "ghp_16C7e42F292c6912E7710c838347Ae178B4a"}))


# --- mistakes -------------------------------------------------------------------------

P = "actions[0].fields[0]"

MISTAKES = [
    # radio and select options
    (
        form({"key": "f", "type": "radio"}),
        f"{P}.options: a radio field needs a non-empty list of options to choose from",
    ),
    (
        form({"key": "f", "type": "radio", "options": ["a"], "default": "b"}),
        f"{P}.default: 'b' is not one of the options: a",
    ),
    (
        form({"key": "f", "type": "select", "options": ["a", "b"], "default": "c"}),
        f"{P}.default: 'c' is not one of the options: a, b",
    ),
    (
        form({"key": "f", "type": "select", "options": ["a"], "multiple": True, "default": "a"}),
        f"{P}.default: expected a list, found 'a'",
    ),
    (
        form({"key": "f", "type": "select", "options": ["a"], "multiple": True, "default": ["z"]}),
        f"{P}.default[0]: 'z' is not one of the options: a",
    ),
    (
        form(
            {
                "key": "f",
                "type": "select",
                "options": ["a"],
                "multiple": True,
                "default": ["a", "a"],
            }
        ),
        f"{P}.default: lists an option twice",
    ),
    (
        form({"key": "f", "type": "radio", "options": ["a"], "multiple": True}),
        f"{P}.multiple: does not apply to a radio field; allowed here: key, label, type, required, help, default, autocomplete, options",
    ),
    (
        form({"key": "f", "type": "select", "options": ["a"], "multiple": "yes"}),
        f"{P}.multiple: expected true or false, found 'yes'",
    ),
    # date
    (
        form({"key": "f", "type": "date", "min": "01/12/2026"}),
        f"{P}.min: expected a date as YYYY-MM-DD, found '01/12/2026'",
    ),
    (
        form({"key": "f", "type": "date", "max": "2026-02-30"}),
        f"{P}.max: '2026-02-30' is not a date in the calendar",
    ),
    (
        form({"key": "f", "type": "date", "min": "2027-01-01", "max": "2026-01-01"}),
        f"{P}.max: '2026-01-01' is below min (2027-01-01); min <= max",
    ),
    (
        form({"key": "f", "type": "date", "min": "2027-01-01", "default": "2026-06-01"}),
        f"{P}.default: '2026-06-01' is below min (2027-01-01)",
    ),
    (
        form({"key": "f", "type": "date", "min": 2026}),
        f"{P}.min: expected a date as YYYY-MM-DD, found 2026 (a number)",
    ),
    # number
    (
        form({"key": "f", "type": "number", "min": "1"}),
        f"{P}.min: expected a number, found '1' (without quotes)",
    ),
    (
        form({"key": "f", "type": "number", "min": 10, "max": 5}),
        f"{P}.max: 5 (a number) is below min (10); min <= max",
    ),
    (
        form({"key": "f", "type": "number", "step": 0}),
        f"{P}.step: expected a number above 0, found 0 (a number)",
    ),
    (
        form({"key": "f", "type": "number", "max": 5, "default": 6}),
        f"{P}.default: 6 (a number) is above max (5)",
    ),
    (
        form({"key": "f", "type": "number", "min": 1, "step": 2, "default": 4}),
        f"{P}.default: 4 (a number) is not on a step of 2 from 1",
    ),
    (
        form({"key": "f", "type": "number", "default": True}),
        f"{P}.default: expected a number, found true (a boolean)",
    ),
    (
        form({"key": "f", "type": "text", "min": 1}),
        f"{P}.min: does not apply to a text field; allowed here: key, label, type, required, help, default, autocomplete, placeholder, max_length, pattern, pattern_message",
    ),
    # pattern
    (
        form({"key": "f", "pattern": "[A-Z"}),
        f"{P}.pattern: '[A-Z' is not a JavaScript regular expression the widget can use: unbalanced bracket",
    ),
    (
        form({"key": "f", "pattern": "a)|(b"}),  # read alone, not inside the widget's (?:...)
        f"{P}.pattern: 'a)|(b' is not a JavaScript regular expression the widget can use: unbalanced parenthesis",
    ),
    (
        form(
            {"key": "f", "pattern": r"\p{L}+", "default": "é1"}
        ),  # JavaScript's \p{L}, read by regress
        f"{P}.default: 'é1' does not match the pattern '\\p{{L}}+'",
    ),
    (
        form({"key": "f", "pattern": r"\d+", "default": "٤٢"}),  # \d is ASCII in JavaScript
        f"{P}.default: '٤٢' does not match the pattern '\\d+'",
    ),
    (  # a pattern is shown as written in YAML's single quotes: one backslash, '' for '
        form({"key": "f", "pattern": "\\d{5}\\"}),
        f"{P}.pattern: '\\d{{5}}\\' is not a JavaScript regular expression the widget can use: incomplete escape",
    ),
    (
        form({"key": "f", "pattern": "(a+)+b"}),
        f"{P}.pattern: '(a+)+b' is refused: its matching time can explode on a short input",
    ),
    (
        form({"key": "f", "pattern": "it's", "default": "its"}),
        f"{P}.default: 'its' does not match the pattern 'it''s'",
    ),
    (
        form({"key": "f", "pattern": "[0-9]{5}", "default": "1234"}),
        f"{P}.default: '1234' does not match the pattern '[0-9]{{5}}'",
    ),
    (
        form({"key": "f", "pattern_message": "Five digits."}),
        f"{P}.pattern_message: only applies with a pattern; add `pattern:` too",
    ),
    (
        form({"key": "f", "type": "select", "options": ["a"], "pattern": "a"}),
        f"{P}.pattern: does not apply to a select field",
    ),
    # defaults of text-like fields
    (
        form({"key": "f", "max_length": 3, "default": "abcd"}),
        f"{P}.default: 'abcd' (4 characters) is longer than max_length (3)",
    ),
    (
        form({"key": "f", "max_length": 10, "default": "x" * 70}),
        f"{P}.default: '{'x' * 57}...' (70 characters) is longer than max_length (10)",
    ),
    (
        form({"key": "f", "type": "email", "default": "nobody"}),
        f"{P}.default: 'nobody' is not an email address",
    ),
    (
        form({"key": "f", "type": "url", "default": "example.com"}),
        f"{P}.default: 'example.com' is not an http(s) address",
    ),
    (
        form({"key": "f", "default": 5}),
        f"{P}.default: expected a string, found 5 (a number) (put it in quotes)",
    ),
    (
        form({"key": "f", "default": None}),
        f"{P}.default: is empty (null); leave the key out for no default",
    ),
    (
        form({"key": "f", "type": "checkbox", "default": "yes"}),
        f"{P}.default: expected true or false, found 'yes'",
    ),
    # hidden
    (
        form({"key": "f", "type": "hidden"}),
        f"{P}.value: missing; a hidden field sends a static value, e.g. `value: spring`",
    ),
    (
        form({"key": "f", "type": "hidden", "value": ["a"]}),
        f"{P}.value: expected text, a number or true/false, found a list",
    ),
    (
        form({"key": "f", "type": "hidden", "value": "x", "required": True}),
        f"{P}.required: does not apply to a hidden field; allowed here: key, label, type, value",
    ),
    (
        form({"key": "f", "type": "hidden", "value": "x", "default": "y"}),
        f"{P}.default: does not apply to a hidden field",
    ),
    (
        form({"key": "f", "value": "x"}),
        f"{P}.value: does not apply to a text field",
    ),
    # help, autocomplete, reserved key
    (form({"key": "f", "help": ""}), f"{P}.help: must not be empty"),
    (
        form({"key": "f", "autocomplete": "e-mail"}),
        f"{P}.autocomplete: 'e-mail' is not an HTML autocomplete value; use on, off, or a token",
    ),
    (
        form({"key": "f", "autocomplete": "work organization"}),
        f"{P}.autocomplete: 'work organization' is not an HTML autocomplete value",
    ),
    (
        form({"key": "_gotcha"}),
        f"{P}.key: '_gotcha' is reserved: the spam honeypot travels under that name",
    ),
    # form level
    (
        form({"key": "f"}, min_fill_seconds=0),
        "actions[0].min_fill_seconds: expected a number above 0, found 0 (a number)",
    ),
    (
        {"id": "b", "type": "button", "label": "B", "min_fill_seconds": 2},
        "actions[0].min_fill_seconds: not an option of a button action",
    ),
    (
        form({"key": "f"}, url="mailto:a@example.com?subject=Hi"),
        "actions[0].url: a form sent by email sets the subject itself",
    ),
    (
        form({"key": "f"}, url="mailto:a@example.com?Body=x"),
        "actions[0].url: a form sent by email sets the body itself",
    ),
    (
        form({"key": "f"}, webhook={"netlify": True, "url": "https://h.example/x"}),
        "actions[0].webhook.url: does not go with `netlify: true`",
    ),
    (
        form({"key": "f"}, webhook={"netlify": True, "format": "form"}),
        "actions[0].webhook.format: does not go with `netlify: true`",
    ),
    (
        form({"key": "f"}, webhook={"netlify": "yes"}),
        "actions[0].webhook.netlify: expected true or false, found 'yes'",
    ),
    (
        {"id": "b", "type": "button", "label": "B", "webhook": {"netlify": True}},
        "actions[0].webhook.netlify: Netlify Forms takes forms only; this is a button",
    ),
]


@pytest.mark.parametrize(("raw", "message"), MISTAKES, ids=[m for _, m in MISTAKES])
def test_each_mistake_names_the_key_path_what_was_found_and_what_is_allowed(
    raw: dict[str, Any], message: str
) -> None:
    assert mistake(raw).startswith(message)


def test_a_mailto_url_with_other_parameters_and_a_webhook_form_stay_allowed() -> None:
    parse_one(form({"key": "f"}, url="mailto:a@example.com?cc=b@example.com"))
    parse_one(
        form({"key": "f"}, url="mailto:a@example.com?subject=Hi", webhook="https://h.example/x")
    )
