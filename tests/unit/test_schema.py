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

MISTAKES: list[dict[str, Any]] = [
    {"actions": [{**BUTTON, "colour": "red"}]},
    {"actions": [{**BUTTON, "type": "buton"}]},
    {"actions": [{**BUTTON, "id": "1st"}]},
    {"actions": [{**BUTTON, "label": ""}]},
    {"actions": [{**BUTTON, "fields": [{"key": "a"}]}]},
    {"actions": [{"id": "l", "type": "link", "label": "L"}]},
    {"actions": [{"id": "f", "type": "form", "label": "F"}]},
    {
        "actions": [
            {"id": "f", "type": "form", "label": "F", "fields": [{"key": "k", "type": "select"}]}
        ]
    },
    {"actions": [{"id": "f", "type": "form", "label": "F", "fields": [{"key": "e-mail"}]}]},
    {"actions": [{**BUTTON, "webhook": {"url": "https://h.example/x", "format": "xml"}}]},
    {"position": "middle"},
    {"titel": "x"},
    {"messages": {"requird": "x"}},
    {"webhook_timeout": 0},
]


@pytest.mark.parametrize("options", MISTAKES)
def test_the_schema_and_the_validator_both_catch_each_mistake(options: dict[str, Any]) -> None:
    config = {"plugins": [{"chatspark": options}]}
    assert list(validator().iter_errors(config)), "the schema let it through"
    from mkdocs_chatspark.plugin import ChatSparkPlugin

    errors, warnings = ChatSparkPlugin().load_config(options)
    assert errors or warnings, "the validator let it through"


def test_the_schema_knows_every_action_key() -> None:
    for keys in model.KEYS_BY_TYPE.values():
        assert set(keys) <= set(schema.schema()["definitions"]["siteAction"]["properties"])
