"""The one validator: what authors write, and the exact message each mistake gets."""

from __future__ import annotations

from typing import Any

import pytest

from mkdocs_chatspark import model

BUTTON = {"id": "demo", "type": "button", "label": "Book a demo"}
LINK = {"id": "api", "type": "link", "label": "API", "url": "https://example.com/api"}
FORM = {
    "id": "contact",
    "type": "form",
    "label": "Contact",
    "fields": [{"key": "email", "label": "Email", "type": "email", "required": True}],
}


def parse(raw: Any) -> tuple[tuple[model.Action, ...], list[str]]:
    warnings = model.Warnings()
    return model.parse_actions(raw, "actions", warnings), warnings.items


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    out = {**base, **changes}
    return {k: v for k, v in out.items() if v is not DROP}


DROP = object()


def field(**changes: Any) -> dict[str, Any]:
    return with_(FORM, fields=[with_({"key": "f", "label": "F"}, **changes)])


ERRORS = [
    # the list and its items
    ("a string", "actions: expected a list, found 'a string'"),
    ({"id": "x"}, "actions: expected a list, found a mapping"),
    (["demo"], "actions[0]: expected a mapping of keys to values, found 'demo'"),
    ([None], "actions[0]: expected a mapping of keys to values, found nothing (null)"),
    ([{1: "x"}], "actions[0]: keys must be strings, found the key 1 (a number)"),
    # id
    (
        [with_(BUTTON, id=DROP)],
        "actions[0].id: missing; every action needs an id, e.g. `id: book_demo`",
    ),
    (
        [with_(BUTTON, id=7)],
        "actions[0].id: expected a string, found 7 (a number) (put it in quotes)",
    ),
    (
        [with_(BUTTON, id="book demo")],
        "actions[0].id: 'book demo' is not allowed; an id starts with a letter, then letters, digits, _ or -",
    ),
    (
        [with_(BUTTON, id="1st")],
        "actions[0].id: '1st' is not allowed; an id starts with a letter, then letters, digits, _ or -",
    ),
    (
        [BUTTON, with_(LINK, id="demo")],
        "actions[1].id: 'demo' is already the id of actions[0]; ids must be unique",
    ),
    # type
    ([with_(BUTTON, type=DROP)], "actions[0].type: missing; one of: button, form, link"),
    ([with_(BUTTON, type="buton")], "actions[0].type: 'buton' is not one of: button, form, link"),
    ([with_(BUTTON, type=None)], "actions[0].type: expected a string, found nothing (null)"),
    # label
    (
        [with_(BUTTON, label=DROP)],
        "actions[0].label: missing; every action needs the text its button shows",
    ),
    # a required key mistyped: its unknown-key warning is never seen, the error stops first
    (
        [with_(BUTTON, label=DROP, lable="Book a demo")],
        "actions[0].label: missing (found 'lable', a typo?); every action needs the text its button shows",
    ),
    (
        [with_(BUTTON, type=DROP, tpye="button")],
        "actions[0].type: missing (found 'tpye', a typo?); one of: button, form, link",
    ),
    (
        [with_(LINK, url=DROP, ulr="https://example.com/api")],
        "actions[0].url: missing (found 'ulr', a typo?); a link action needs the url it opens",
    ),
    (
        [with_(FORM, fields=DROP, feilds=[{"key": "email"}])],
        "actions[0].fields: missing (found 'feilds', a typo?); a form needs at least one field",
    ),
    (
        [with_(FORM, fields=[{"kye": "email"}])],
        "actions[0].fields[0].key: missing (found 'kye', a typo?); every field needs a key, e.g. `key: email`",
    ),
    ([with_(BUTTON, label="  ")], "actions[0].label: must not be empty"),
    (
        [with_(BUTTON, label=True)],
        "actions[0].label: expected a string, found true (a boolean) (put it in quotes)",
    ),
    # other value types
    ([with_(BUTTON, primary="yes")], "actions[0].primary: expected true or false, found 'yes'"),
    (
        [with_(BUTTON, data=["a"])],
        "actions[0].data: expected a mapping of keys to values, found a list",
    ),
    (
        [with_(BUTTON, data={"when": {1, 2}})],
        "actions[0].data.when: expected text, a number, true/false, a list or a mapping, found a set",
    ),
    (
        [with_(BUTTON, data={"x": float("nan")})],
        "actions[0].data.x: expected a finite number, found nan (a number)",
    ),
    # keys that belong to another type
    (
        [with_(LINK, webhook="https://hooks.example.com/x")],
        "actions[0].webhook: not an option of a link action; allowed here: id, type, label, primary, public, pages, url",
    ),
    (
        [with_(BUTTON, fields=[])],
        "actions[0].fields: not an option of a button action; allowed here: id, type, label, "
        "primary, public, pages, url, webhook, data, success_message, error_message",
    ),
    # link
    ([with_(LINK, url=DROP)], "actions[0].url: missing; a link action needs the url it opens"),
    # form
    ([with_(FORM, fields=DROP)], "actions[0].fields: missing; a form needs at least one field"),
    ([with_(FORM, fields=[])], "actions[0].fields: is empty; a form needs at least one field"),
    ([with_(FORM, fields={"key": "a"})], "actions[0].fields: expected a list, found a mapping"),
    (
        [with_(FORM, fields=[{"key": "a"}, {"key": "a", "label": "Again"}])],
        "actions[0].fields[1].key: 'a' is already the key of fields[0]; keys must be unique in a form",
    ),
    (
        [field(key=DROP)],
        "actions[0].fields[0].key: missing; every field needs a key, e.g. `key: email`",
    ),
    (
        [field(key="e-mail")],
        "actions[0].fields[0].key: 'e-mail' is not allowed; a key starts with a letter or _, "
        "then letters, digits or _",
    ),
    (
        [field(type="emial")],
        "actions[0].fields[0].type: 'emial' is not one of: text, email, tel, url, number, "
        "textarea, select, checkbox, radio, date, hidden",
    ),
    (
        [field(type="select")],
        "actions[0].fields[0].options: a select field needs a non-empty list of options to choose from",
    ),
    (
        [field(type="select", options=[])],
        "actions[0].fields[0].options: a select field needs a non-empty list of options to choose from",
    ),
    (
        [field(type="select", options=["a", "a"])],
        "actions[0].fields[0].options[1]: 'a' is listed twice",
    ),
    (
        [field(type="select", options=["a", 2])],
        "actions[0].fields[0].options[1]: expected a string, found 2 (a number) (put it in quotes)",
    ),
    (
        [field(options=["a"])],
        "actions[0].fields[0].options: does not apply to a text field; allowed here: key, label, type, required, help, default, autocomplete, placeholder, max_length, pattern, pattern_message, question",
    ),
    ([field(required="no")], "actions[0].fields[0].required: expected true or false, found 'no'"),
    (
        [field(max_length=0)],
        "actions[0].fields[0].max_length: expected a whole number of at least 1, found 0 (a number)",
    ),
    (
        [field(max_length=True)],
        "actions[0].fields[0].max_length: expected a whole number of at least 1, found true (a boolean)",
    ),
    (
        [field(type="checkbox", max_length=3)],
        "actions[0].fields[0].max_length: does not apply to a checkbox field; allowed here: key, label, type, required, help, default, autocomplete",
    ),
]


@pytest.mark.parametrize(("raw", "message"), ERRORS)
def test_each_mistake_gets_one_exact_message(raw: Any, message: str) -> None:
    with pytest.raises(model.ActionError) as caught:
        parse(raw)
    assert str(caught.value) == message


def test_a_full_action_list_parses_into_typed_actions() -> None:
    actions, warnings = parse(
        [
            with_(BUTTON, primary=True, url="pricing.md#plans", data={"plan": "team", "seats": 3}),
            with_(FORM, webhook="https://hooks.example.com/c", submit_label="Send"),
            LINK,
        ]
    )
    assert warnings == []
    button, form, link = actions
    assert button == model.Action(
        id="demo",
        type="button",
        label="Book a demo",
        primary=True,
        url="pricing.md#plans",
        data={"plan": "team", "seats": 3},
    )
    assert form.fields == (
        model.Field(key="email", label="Email", type="email", required=True, autocomplete="email"),
    )
    assert form.submit_label == "Send"
    assert form.success_message is None  # the widget's words in the site's language
    assert link.url == "https://example.com/api"


def test_a_field_without_label_is_labelled_by_its_key() -> None:
    (form,), _ = parse([with_(FORM, fields=[{"key": "company"}])])
    assert form.fields[0].label == "company"
    assert form.fields[0].type == "text"


def test_unknown_keys_are_warnings_naming_the_known_ones() -> None:
    actions, warnings = parse([with_(BUTTON, colour="red"), field(hint="x")])
    assert len(actions) == 2
    assert warnings == [
        "actions[0].colour: unknown key, ignored; known keys: id, type, label, primary, public, pages, url, "
        "webhook, data, success_message, error_message",
        "actions[1].fields[0].hint: unknown key, ignored; known keys: key, label, type, required, "
        "help, default, autocomplete, placeholder, max_length, pattern, pattern_message, question",
    ]


@pytest.mark.parametrize(
    ("raw", "warning"),
    [
        (
            {**BUTTON, "lable": "x"},
            "actions[0].lable: unknown key, ignored; did you mean label? known keys: id, ",
        ),
        (
            {**FORM, "fields": [{"key": "email", "tpye": "email"}]},
            "actions[0].fields[0].tpye: unknown key, ignored; did you mean type? known keys: ",
        ),
    ],
)
def test_a_mistyped_key_is_told_the_likely_one_as_an_option_is(raw: Any, warning: str) -> None:
    _, warnings = parse([raw])
    assert len(warnings) == 1 and warnings[0].startswith(warning)


def test_nothing_is_no_actions() -> None:
    assert parse(None) == ((), [])
    assert parse([]) == ((), [])


def test_deeply_nested_static_data_is_refused_not_recursed_forever() -> None:
    deep: Any = "leaf"
    for _ in range(50):
        deep = {"d": deep}
    with pytest.raises(model.ActionError, match="nested deeper than 8 levels"):
        parse([with_(BUTTON, data=deep)])


NOT_SETTINGS = "expected true or false (unquoted), or a mapping of keys to values, found"
PAGE_ERRORS = [
    ("yes please", f"chatspark: {NOT_SETTINGS} 'yes please'"),
    ("off", f"chatspark: {NOT_SETTINGS} 'off'; without quotes, off is a boolean"),
    (" False", f"chatspark: {NOT_SETTINGS} ' False'; without quotes, False is a boolean"),
    (0, f"chatspark: {NOT_SETTINGS} 0 (a number)"),
    ({"hide": "demo"}, "chatspark.hide: expected a list, found 'demo'"),
    ({"hide": [3]}, "chatspark.hide[0]: expected a string, found 3 (a number) (put it in quotes)"),
    (
        {"greeting": 5},
        "chatspark.greeting: expected a string, found 5 (a number) (put it in quotes)",
    ),
    ({"enabled": "no"}, "chatspark.enabled: expected true or false, found 'no'"),
    ({"actions": [{"id": "x"}]}, "chatspark.actions[0].type: missing; one of: button, form, link"),
]


@pytest.mark.parametrize(("raw", "message"), PAGE_ERRORS)
def test_front_matter_mistakes(raw: Any, message: str) -> None:
    with pytest.raises(model.ActionError) as caught:
        model.parse_page_settings(raw, "chatspark", model.Warnings())
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("raw", "enabled"),
    [(False, False), (True, True), (None, True), ({"enabled": False}, False), ({}, True)],
)
def test_front_matter_can_turn_the_widget_off(raw: Any, enabled: bool) -> None:
    assert model.parse_page_settings(raw, "chatspark", model.Warnings()).enabled is enabled


def test_front_matter_unknown_key_warns() -> None:
    warnings = model.Warnings()
    model.parse_page_settings({"hidden": ["x"]}, "chatspark", warnings)
    assert warnings.items == [
        "chatspark.hidden: unknown key, ignored; did you mean hide? "
        "known keys: enabled, actions, hide, greeting, feedback"
    ]


def test_a_webhook_may_ask_for_a_cors_simple_form_body() -> None:
    (action,), _ = parse(
        [with_(FORM, webhook={"url": "https://forms.example.com/f", "format": "form"})]
    )
    assert (action.webhook, action.webhook_format) == ("https://forms.example.com/f", "form")
    (plain,), _ = parse([with_(FORM, webhook="https://h.example/x")])
    assert plain.webhook_format == "json"


@pytest.mark.parametrize(
    ("webhook", "message"),
    [
        (
            {"format": "form"},
            "actions[0].webhook.url: missing; the address that receives the POST (or `netlify: true`)",
        ),
        (
            {"url": "https://h.example/x", "format": "xml"},
            "actions[0].webhook.format: 'xml' is not one of: json, form",
        ),
        ({"url": "http://h.example/x"}, "actions[0].webhook.url: 'http://h.example/x' uses http"),
        (["https://h.example/x"], "actions[0].webhook: expected a string, found a list"),
    ],
)
def test_webhook_mapping_mistakes(webhook: Any, message: str) -> None:
    with pytest.raises(model.ActionError) as caught:
        parse([with_(FORM, webhook=webhook)])
    assert str(caught.value).startswith(message)


# --- texts per language -------------------------------------------------------------


def test_labels_and_messages_may_be_given_per_language() -> None:
    texts = {"en": "Book a demo", "fr": "Réserver une démo"}
    [action], warnings = parse([with_(FORM, label=texts, success_message={"en": "Thanks"})])
    assert action.label == model.Localized((("en", "Book a demo"), ("fr", "Réserver une démo")))
    assert action.success_message == model.Localized((("en", "Thanks"),))
    assert warnings == []


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            with_(BUTTON, label={}),
            "actions[0].label: is empty; write the text, or one per language: {en: Book a demo, fr: Réserver une démo}",
        ),
        (
            with_(BUTTON, label={"en": "A", "fr": None}),
            "actions[0].label.fr: expected a string, found nothing (null)",
        ),
        (with_(BUTTON, label={"en": "A", "fr": " "}), "actions[0].label.fr: must not be empty"),
        (
            with_(BUTTON, label={"EN": "A"}),
            "actions[0].label: 'EN' is not a language code like en, fr or pt_BR",
        ),
        (
            with_(BUTTON, label={1: "A"}),
            "actions[0].label: 1 (a number) is not a language code like en, fr or pt_BR",
        ),
        (
            with_(BUTTON, error_message={"en": "Oops", "de": "ghp_" + "a" * 36}),
            "actions[0].error_message.de: 'ghp_aaaa…' looks like a GitHub token. Everything in an action is sent to every reader's browser",
        ),
    ],
)
def test_texts_per_language_are_checked(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(model.ActionError) as caught:
        parse([raw])
    assert str(caught.value).startswith(message), str(caught.value)


@pytest.mark.parametrize(
    ("language", "text", "matched"),
    [
        ("fr", "Réserver", True),
        ("en", "Book", True),
        ("pt_BR", "Reservar", True),  # pt serves pt_BR
        ("pt-BR", "Reservar", True),
        ("zh_TW", "預約", True),  # zh_Hant is not zh_TW, but it is zh
        ("de", "Book", False),  # none: the first one stands in
    ],
)
def test_the_language_being_built_picks_the_text(language: str, text: str, matched: bool) -> None:
    texts = model.Localized(
        (("en", "Book"), ("fr", "Réserver"), ("pt", "Reservar"), ("zh_Hant", "預約"))
    )
    assert model.pick(texts, language) == (text, matched)
    assert model.pick("Same everywhere", language) == ("Same everywhere", True)


def test_a_missing_language_is_a_warning_with_the_key_path() -> None:
    warnings = model.Warnings()
    [action], _ = parse(
        [with_(BUTTON, label={"en": "Book", "fr": "Réserver"}, success_message="Done")]
    )
    picked = model.localize(action, "de", "actions[0]", warnings)
    assert (picked.label, picked.success_message) == ("Book", "Done")
    assert warnings.items == [
        "actions[0].label: no text for 'de', the language being built; the 'en' one is shown. "
        "Add `de: ...` to it"
    ]
    assert model.localize(action, "fr", "actions[0]", warnings).label == "Réserver"
    assert len(warnings.items) == 1
