"""The JSON schema for editors: shipped as generated, valid, and in step with the
validator on the example site and on a table of mistakes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import get_yaml_loader

from mkdocs_chatspark import model, schema
from mkdocs_chatspark.options import ChatSparkConfig
from mkdocs_chatspark.plugin import ChatSparkPlugin

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "mkdocs_chatspark" / "schema.json"
EXAMPLE = ROOT / "example_site"


def validator(definition: str = "") -> jsonschema.Draft7Validator:
    full = schema.schema()
    if definition:
        full = {**full, "$ref": f"#/definitions/{definition}"}
        full.pop("properties")
    return jsonschema.Draft7Validator(full)


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == schema.dumps(), (
        "regenerate: python -m mkdocs_chatspark.schema > mkdocs_chatspark/schema.json"
    )
    jsonschema.Draft7Validator.check_schema(json.loads(SHIPPED.read_text(encoding="utf-8")))


def test_the_example_site_config_is_valid() -> None:
    with (EXAMPLE / "mkdocs.yml").open(encoding="utf-8") as f:
        config = yaml.load(f, Loader=get_yaml_loader())
    errors = [e.message for e in validator().iter_errors(config)]
    assert errors == []
    assert any(isinstance(p, dict) and "chatspark" in p for p in config["plugins"])


@pytest.mark.parametrize("page", sorted((EXAMPLE / "docs").rglob("*.md")), ids=lambda p: p.name)
def test_the_example_front_matter_is_valid(page: Path) -> None:
    _, meta = get_data(page.read_text(encoding="utf-8"))
    if "chatspark" in meta:
        assert [e.message for e in validator("frontMatter").iter_errors(meta["chatspark"])] == []


BUTTON = {"id": "b", "type": "button", "label": "B"}

# Each mistake, and what the validator says about it (an error or a warning).
MISTAKES: list[tuple[dict[str, Any], str]] = [
    ({"actions": [{**BUTTON, "colour": "red"}]}, "actions[0].colour: unknown key"),
    ({"actions": [{**BUTTON, "type": "buton"}]}, "actions[0].type: 'buton' is not one of"),
    ({"actions": [{**BUTTON, "id": "1st"}]}, "actions[0].id: '1st' is not allowed"),
    ({"actions": [{**BUTTON, "label": ""}]}, "actions[0].label: must not be empty"),
    (
        {"actions": [{**BUTTON, "fields": [{"key": "a"}]}]},
        "actions[0].fields: not an option of a button action",
    ),
    ({"actions": [{"id": "l", "type": "link", "label": "L"}]}, "actions[0].url: missing"),
    ({"actions": [{"id": "f", "type": "form", "label": "F"}]}, "actions[0].fields: missing"),
    (
        {
            "actions": [
                {
                    "id": "f",
                    "type": "form",
                    "label": "F",
                    "fields": [{"key": "k", "type": "select"}],
                }
            ]
        },
        "actions[0].fields[0].options: a select field needs",
    ),
    (
        {"actions": [{"id": "f", "type": "form", "label": "F", "fields": [{"key": "e-mail"}]}]},
        "actions[0].fields[0].key: 'e-mail' is not allowed",
    ),
    (
        {"actions": [{**BUTTON, "webhook": {"url": "https://h.example/x", "format": "xml"}}]},
        "actions[0].webhook.format: 'xml' is not one of",
    ),
    ({"position": "middle"}, "position: 'middle' is not one of: right, left"),
    ({"titel": "x"}, "titel: unknown option, ignored; did you mean title?"),
    ({"messages": {"requird": "x"}}, "messages.requird: unknown key, ignored"),
    ({"webhook_timeout": 0}, "webhook_timeout: expected seconds more than 0 and at most 600"),
    ({"title": ""}, "title: expected a non-empty string"),
    ({"launcher_label": " "}, "launcher_label: expected a non-empty string"),
    ({"messages": {"too_long": "Too long"}}, "messages.too_long: must contain {n}"),
    ({"messages": {"step_near": "{n} it is"}}, "messages.step_near: must contain {m}"),
]


@pytest.mark.parametrize(("options", "said"), MISTAKES)
def test_the_schema_and_the_validator_both_catch_each_mistake(
    options: dict[str, Any], said: str
) -> None:
    config = {"plugins": [{"chatspark": options}]}
    assert list(validator().iter_errors(config)), "the schema let it through"
    errors, warnings = ChatSparkPlugin().load_config(options)
    found = [f"{key}: {e}" for key, e in [*errors, *warnings]]
    assert any(said in line for line in found), found


# Values tried on every option, alone: each kind of YAML value, and the edges of the
# options' own rules. Credentials are not among them: only the build looks for those.
CANDIDATES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    10,
    2.5,
    600,
    601,
    "",
    " ",
    "x",
    "right",
    "left",
    "middle",
    "https://cdn.example.com/chat.js",
    "https://cdn.example.com",
    "http://cdn.example.com/chat.js",
    "http://127.0.0.1:8000/chat.js",
    "https://user:pw@cdn.example.com/chat.js",
    "cdn.example.com/chat.js",
    "sha384-abc+/=",
    "sha256-a sha512-b",
    "md5-abc",
    [],
    [BUTTON],
    [{**BUTTON, "colour": "red"}],
    [{"id": "l", "type": "link", "label": "L"}],
    {},
    {"retry": "Again"},
    {"retry": ""},
    {"retry": 3},
    {"too_long": "Too long"},
    {"too_long": "At most {n}"},
    {"requird": "x"},
]
# What an option needs beside it (ChatSparkConfig.validate's cross-checks).
COMPANIONS = {
    "script": {"chatbot_id": "bot"},
    "script_integrity": {
        "chatbot_id": "bot",
        "script": "https://cdn.example.com/chat.js",
    },
}


@pytest.mark.parametrize("name", [name for name, _ in ChatSparkConfig._schema])
def test_the_schema_and_the_validator_accept_and_refuse_the_same_values(name: str) -> None:
    accepted, refused = [], []
    for value in CANDIDATES:
        for options in ({name: value}, {**COMPANIONS.get(name, {}), name: value}):
            errors, warnings = ChatSparkPlugin().load_config(options)
            by_build = not errors and not warnings
            by_schema = not list(validator().iter_errors({"plugins": [{"chatspark": options}]}))
            assert by_schema == by_build, (options, errors, warnings)
            (accepted if by_build else refused).append(value)
    assert accepted and refused  # the candidates reach both sides of every option


def test_the_schema_knows_every_action_key() -> None:
    for keys in model.KEYS_BY_TYPE.values():
        assert set(keys) <= set(schema.schema()["definitions"]["siteAction"]["properties"])
