"""Sizes that build but cost every reader: a text far longer than any label, a site
data file larger than the widget itself. Warnings, so that `--strict` stops on them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from .errors import Warnings

TEXT_MAX = 10_000
"""Characters: beyond this a label, message or option is surely a paste gone wrong
(the panel is 22 em wide; a label reads best under 80 characters)."""
SITE_DATA_MAX = 100_000
"""Bytes of the site's data file (`site.<hash>.js`): every reader who opens the chat
downloads it, and it is about six times the widget (bench_weight.py)."""

_RENAMED = {"minimum": "min", "maximum": "max"}
"""Attribute names of model.Field that YAML spells otherwise."""


def _walk(value: Any, key_path: str, warnings: Warnings) -> None:
    if isinstance(value, str):
        if len(value) > TEXT_MAX:
            warnings.add(
                key_path,
                f"is {len(value):,} characters long (more than {TEXT_MAX:,}); every reader's "
                "browser downloads it with the chat's data and the panel shows it whole",
            )
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            name = _RENAMED.get(f.name, f.name)
            _walk(getattr(value, f.name), f"{key_path}.{name}" if key_path else name, warnings)
    elif isinstance(value, Mapping):
        for k, v in value.items():
            _walk(v, f"{key_path}.{k}" if key_path else str(k), warnings)
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _walk(v, f"{key_path}[{i}]", warnings)


def texts(values: Mapping[str, Any], warnings: Warnings) -> None:
    """A warning for each text longer than `TEXT_MAX`, at its key path: `values` maps
    option names to their values (actions as model objects)."""
    for name, value in values.items():
        _walk(value, name, warnings)


def site_data(size: int, actions: int, warnings: Warnings) -> None:
    """A warning when the site's data file is larger than `SITE_DATA_MAX` bytes."""
    if size > SITE_DATA_MAX:
        warnings.add(
            "actions",
            f"the site's chat data is {size:,} bytes ({actions:,} actions; more than "
            f"{SITE_DATA_MAX:,}), which every reader who opens the chat downloads; "
            "give pages their own actions in front matter, or limit site actions with `pages:`",
        )
