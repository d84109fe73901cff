"""Property: whatever structure an author's YAML parses to, validation ends in a
valid result or one clean error (an ActionError, or a ValidationError for an
option), never another exception."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_chatspark import merge, messages, model, pipeline, render
from mkdocs_chatspark.options import ChatSparkConfig
from mkdocs_chatspark.plugin import ChatSparkPlugin

KEYS = [
    "id",
    "type",
    "label",
    "primary",
    "url",
    "webhook",
    "data",
    "fields",
    "submit_label",
    "success_message",
    "error_message",
    "public",
    "key",
    "required",
    "placeholder",
    "max_length",
    "options",
    "colour",
]
VALUES = st.sampled_from(
    [
        "button",
        "form",
        "link",
        "text",
        "email",
        "select",
        "checkbox",
        "number",
        "a",
        "b_2",
        "https://example.com/x",
        "http://127.0.0.1:9/h",
        "pricing.md#x",
        "javascript:alert(1)",
        "#top",
        "",
        " ",
        "</script>",
        "sk_live_" + "x" * 20,
        "api_key",
    ]
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    VALUES,
)
yaml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=5), st.integers()), inner, max_size=6
        ),
    ),
    max_leaves=30,
)
# Mostly action-shaped mappings, so the validator is driven past its first checks.
action_like = st.fixed_dictionaries(
    {
        "id": st.one_of(VALUES, scalars),
        "type": st.one_of(VALUES, scalars),
        "label": st.one_of(VALUES, scalars),
    },
    optional={k: yaml_values for k in KEYS if k not in ("id", "type", "label", "fields")}
    | {
        "fields": st.lists(
            st.dictionaries(st.sampled_from(KEYS), st.one_of(VALUES, yaml_values), max_size=5),
            max_size=3,
        )
    },
)


def check(raw: Any) -> None:
    warnings = model.Warnings()
    try:
        actions = model.parse_actions(raw, "actions", warnings)
    except model.ActionError as e:
        assert str(e).startswith("actions")
        return
    resolved, _ = merge.resolve_links(actions, {"pricing.md": "pricing/"}.get, "actions")
    out = render.dumps([render.action_json(a) for a in resolved])
    assert len(json.loads(out)) == len(actions)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(yaml_values, st.lists(st.one_of(action_like, yaml_values), max_size=4)))
def test_random_structures_give_a_clean_error_or_valid_actions(raw: Any) -> None:
    check(raw)


@settings(deadline=None)
@given(yaml_values)
def test_random_front_matter_gives_a_clean_error_or_a_plan(raw: Any) -> None:
    site = (model.Action(id="a", type="button", label="A"),)
    try:
        settings_ = model.parse_page_settings(raw, "chatspark", model.Warnings())
        plan = merge.plan_page(site, settings_)
    except model.ActionError as e:
        assert str(e).startswith("chatspark")
        return
    json.loads(render.dumps(render.page_data(plan)))


# --- the whole options table, as MkDocs validates it ------------------------------------

CREDENTIALS = st.sampled_from(
    ["sk_live_" + "x" * 20, "ghp_" + "a" * 36, "Bearer " + "t" * 24, "AKIA" + "B" * 16]
)
TEXT = st.one_of(CREDENTIALS, VALUES, scalars)
URLS = st.sampled_from(
    ["https://cdn.example.com/chat.js", "http://cdn.example.com/x.js", "http://127.0.0.1:9/x.js"]
)
# Each option mostly gets values of its own kind (so validation gets past the type
# check), and sometimes anything YAML can hold; an unknown option comes along too.
OPTION_VALUES: dict[str, st.SearchStrategy[Any]] = {
    name: st.one_of(TEXT, yaml_values) for name, _ in ChatSparkConfig._schema
}
OPTION_VALUES |= {
    "script": st.one_of(URLS, TEXT),
    "script_integrity": st.one_of(st.sampled_from(["sha384-abc+/=", "md5-x"]), TEXT),
    "messages": st.one_of(
        st.dictionaries(st.sampled_from([*messages.KEYS, "requird"]), TEXT, max_size=4),
        yaml_values,
    ),
    "webhook_timeout": st.one_of(st.floats(), st.integers(-10, 1000), yaml_values),
    "actions": st.one_of(st.lists(action_like, max_size=3), yaml_values),
    "titel": TEXT,
}
OPTIONS = st.fixed_dictionaries({}, optional=OPTION_VALUES)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPTIONS)
def test_random_options_give_a_clean_error_or_a_clean_site(raw: dict[str, Any]) -> None:
    """Through MkDocs' own `load_config`, which turns a ValidationError into a
    message: any other exception here would be a traceback in `mkdocs build`."""
    plugin = ChatSparkPlugin()
    errors, _ = plugin.load_config(raw, "/project/mkdocs.yml")
    if errors:
        for _, error in errors:
            assert str(error).strip()
        return
    site = pipeline.site(
        plugin.config,
        urls={"pricing.md": "pricing/"}.get,
        site_name="Docs",
        theme={"language": "de"},
        serving=False,
        config_file="mkdocs.yml",
    )
    json.loads(render.dumps(render.site_data(site.settings)))
