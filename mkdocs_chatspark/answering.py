"""Answers from the site's own pages, host-free: the `answers` option's shape, which
pages are answered from, and what the browser is told.

The hosts collect each published page (its URL, title, HTML and front matter)
after the search plugin has read it, keep those this module lets in, and hand
them to the index builder; the widget's answers part loads the index the first
time a reader focuses the Ask box.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Optional

from .merge import glob_matches

SOURCES_DEFAULT = 3
SOURCES_RANGE = (1, 5)
"""How many sources an answer may quote, best first."""

KEYS = ("sources", "exclude")
"""The keys of the `answers:` mapping."""


@dataclass(frozen=True)
class Answers:
    """`answers:` as validated (options.AnswersOption)."""

    sources: int = SOURCES_DEFAULT
    """At most this many sections quoted in an answer, best first."""
    exclude: tuple[str, ...] = ()
    """Globs of docs pages not answered from (`*` within a folder, `**` across)."""


def resolve(value: object, script: Optional[str]) -> Optional[Answers]:
    """The answers a site gets: unset, on with the bundled widget and off with a
    hosted `script` (its service answers); `false`, off; `true` or a mapping, on."""
    if isinstance(value, Answers):
        return value
    if value is None and not script:
        return Answers()
    return None


def answered_from(
    src_path: str, meta: Mapping[str, Any], answers: Answers, *, front_matter_key: str
) -> bool:
    """Whether a page is answered from: not when the site keeps it out of search
    (Material's `search: {exclude: true}`), not on a page without the widget
    (`chatspark: false`, or `enabled: false` in its mapping), not when an
    `exclude` glob takes in its path under docs/."""
    search = meta.get("search")
    if isinstance(search, Mapping) and search.get("exclude") is True:
        return False
    own = meta.get(front_matter_key)
    if own is False or (isinstance(own, Mapping) and own.get("enabled") is False):
        return False
    return not any(glob_matches(pattern, src_path) for pattern in answers.exclude)


def site_data(answers: Answers, index_file: str) -> dict[str, Any]:
    """What the widget reads under the site data's `answers` key: the index script
    (beside widget.js) and how many sources an answer quotes."""
    return {"index": index_file, "sources": answers.sources}
