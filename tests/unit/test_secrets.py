"""No credential reaches the browser: key-shaped values and credential-named
parameters anywhere in an action are refused, with a narrow way out."""

from __future__ import annotations

from typing import Any

import pytest

from mkdocs_chatspark import model, safety
from mkdocs_chatspark.plugin import ChatSparkPlugin

# Built by concatenation, so that no scanner mistakes this file for a leak.
FAKE = {
    "a Stripe secret key": "sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc",
    "a Stripe webhook secret": "whsec_" + "A" * 24,
    "a GitHub token": "ghp_" + "a1B2" * 9,
    "a Slack token": "xoxb-" + "1234567890-abcdef",
    "a Slack incoming webhook URL": "https://hooks.slack.com/services/" + "T000/B000/XXXX",
    "a Discord webhook URL": "https://discord.com/api/webhooks/" + "123/abc",
    "an AWS access key id": "AKIA" + "IOSFODNN7EXAMPLE",
    "an OpenAI or Anthropic API key": "sk-" + "proj-" + "x" * 30,
    "a Google API key": "AIza" + "S" * 35,
    "a Google OAuth client secret": "GOCSPX-" + "y" * 24,
    "a SendGrid API key": "SG." + "a" * 20 + "." + "b" * 20,
    "a Mailgun API key": "key-" + "0123456789abcdef" * 2,
    "a JSON Web Token": "eyJ" + "hbGciOiJIUzI1" + ".eyJ" + "zdWIiOiIxMjM0" + "." + "c" * 20,
    "a bearer token": "Bearer " + "z" * 30,
    "a private key": "-----BEGIN " + "RSA PRIVATE KEY-----",
}


def button(**extra: Any) -> dict[str, Any]:
    return {"id": "b", "type": "button", "label": "B", **extra}


def form(**field: Any) -> dict[str, Any]:
    return {"id": "f", "type": "form", "label": "F", "fields": [{"key": "k", **field}]}


def parse(action: dict[str, Any]) -> tuple[model.Action, ...]:
    return model.parse_actions([action], "actions", model.Warnings())


@pytest.mark.parametrize(("kind", "value"), FAKE.items())
@pytest.mark.parametrize(
    ("place", "make", "where"),
    [
        ("label", lambda v: button(label=v), "label"),
        (
            "static data",
            lambda v: button(data={"plan": "pro", "x": {"deep": [v]}}),
            "data.x.deep[0]",
        ),
        ("placeholder", lambda v: form(placeholder=v), "fields[0].placeholder"),
        ("option", lambda v: form(type="select", options=["a", v]), "fields[0].options[1]"),
        ("message", lambda v: button(success_message=f"Thanks {v}"), "success_message"),
    ],
)
def test_key_shaped_values_are_refused_everywhere(
    kind: str, value: str, place: str, make: Any, where: str
) -> None:
    with pytest.raises(model.ActionError) as caught:
        parse(make(value))
    message = str(caught.value)
    assert message.startswith(f"actions[0].{where}: ")
    assert f"looks like {kind}." in message
    assert "server-side endpoint or serverless function" in message
    assert value not in message  # never repeat the whole secret into build logs


@pytest.mark.parametrize(
    "param",
    [
        "api_key",
        "apiKey",
        "access_token",
        "X-Api-Key",
        "client_secret",
        "password",
        "sig",
        "Signature",
        "auth",
        "Authorization",
        "token",
        "PASSWORD",
        "x-amz-signature",
    ],
)
def test_credential_named_query_parameters_are_refused(param: str) -> None:
    for action in (
        button(url=f"https://example.com/x?ref=docs&{param}=abc123"),
        button(webhook=f"https://hooks.example.com/x?{param}=abc123"),
        button(url=f"https://example.com/cb#{param}=abc"),
    ):
        with pytest.raises(model.ActionError, match=f"the credential parameter '{param}'"):
            parse(action)


@pytest.mark.parametrize(
    "param", ["keyword", "author", "page", "q", "design", "utm_source", "ref", "signup"]
)
def test_ordinary_parameters_pass(param: str) -> None:
    parse(button(url=f"https://example.com/x?{param}=1"))


def test_public_values_that_only_look_alike_pass() -> None:
    parse(button(data={"stripe": "pk_" + "live_" + "x" * 24}))  # publishable keys are public
    parse(button(label="Ask about our API key rotation"))
    parse(form(placeholder="sk-…"))


def test_a_value_under_a_credential_named_data_key_is_refused() -> None:
    with pytest.raises(model.ActionError) as caught:
        parse(button(data={"api_key": "abc"}))
    assert str(caught.value).startswith(
        "actions[0].data.api_key: 'abc' looks like a credential (it is stored under the key 'api_key')."
    )
    parse(button(data={"api_key": ""}))  # nothing there


def test_public_marks_exactly_one_value_as_public() -> None:
    token = FAKE["a Google API key"]
    (action,) = parse(button(data={"maps_key": token}, public=["data.maps_key"]))
    assert action.data == {"maps_key": token}
    with pytest.raises(model.ActionError, match=r"actions\[0\]\.data\.other: "):
        parse(button(data={"maps_key": token, "other": token}, public=["data.maps_key"]))


def test_public_naming_a_harmless_value_is_an_error() -> None:
    with pytest.raises(model.ActionError) as caught:
        parse(button(label="Hi", public=["label"]))
    assert str(caught.value) == (
        "actions[0].public: 'label' names no value that looks like a credential; remove it from `public:`"
    )


def test_custom_headers_are_refused_with_the_way_to_do_it() -> None:
    with pytest.raises(model.ActionError) as caught:
        parse(button(webhook="https://h.example/x", headers={"Authorization": "Bearer x"}))
    assert str(caught.value).startswith(
        "actions[0].headers: the plugin sends no custom headers from the browser"
    )


def test_settings_outside_actions_are_checked_too() -> None:
    errors, _ = ChatSparkPlugin().load_config({"greeting": "Use " + FAKE["a GitHub token"]})
    assert [(k, str(e)) for k, e in errors] == [
        (
            "greeting",
            "mkdocs.yml: greeting: 'Use ghp_…' looks like a GitHub token, and would be sent "
            "to every reader's browser",
        )
    ]
    with pytest.raises(model.ActionError, match=r"^chatspark.greeting: 'sk_live_…' looks like"):
        model.parse_page_settings(
            {"greeting": FAKE["a Stripe secret key"]}, "chatspark", model.Warnings()
        )


@pytest.mark.parametrize(
    ("name", "credential"),
    [
        ("api_key", True),
        ("apiKey", True),
        ("XApiKey", True),
        ("accessToken", True),
        ("session_token", True),
        ("oauth", False),
        ("keyword", False),
        ("authors", False),
        ("authorName", False),
        ("authCode", True),
        ("pwd", True),
        ("signup", False),
    ],
)
def test_credential_names(name: str, credential: bool) -> None:
    assert safety.credential_name(name) is credential
