"""Answers from the site's own pages, host-free: the `answers` option's shape, which
pages are answered from, and what the browser is told.

The hosts collect each published page (its URL, title, HTML and front matter)
after the search plugin has read it, keep those this module lets in, and hand
them to the index builder; the widget's answers part loads the index the first
time a reader focuses the Ask box.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Optional

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


PART_FILES = ("answers.js", "answers.js.map")
"""The widget's answers part and its source map (dist/, built from
assets/src/answers/), beside widget.js: only sites with answers get them, and the
widget loads the part when a reader first focuses the Ask box."""

INDEX_FOLDER = "answers"
"""The index files' folder, beside widget.js (assets/chatspark/answers/)."""


def index_folder(language: str) -> str:
    """The folder of one language's index files, beside widget.js: a multilingual
    site (mkdocs-static-i18n) builds each language into the same assets folder."""
    return f"{INDEX_FOLDER}/{re.sub(r'[^A-Za-z0-9_-]', '', language) or 'en'}/"


def index_scripts(files: Mapping[str, str], language: str) -> tuple[dict[str, str], str]:
    """The index builder's JSON files as scripts (a page opened from file:// cannot
    fetch; it can run a script): `t0.json` becomes `answers/<language>/t0.js`, which
    files its JSON under its name in `window.__chatsparkAnswers`. Returns the scripts
    by path and a version (a hash of them all) that the widget appends to their URLs,
    so a cache never mixes files of two builds."""
    folder = index_folder(language)
    scripts = {}
    digest = hashlib.sha256()
    for name, text in sorted(files.items()):
        stem = name.removesuffix(".json")
        content = (
            f"(window.{INDEX_GLOBAL}=window.{INDEX_GLOBAL}||{{}})[{json.dumps(name)}]={text};\n"
        )
        scripts[f"{folder}{stem}.js"] = content
        digest.update(content.encode())
    return scripts, digest.hexdigest()[:10]


INDEX_GLOBAL = "__chatsparkAnswers"


def site_data(answers: Answers, language: str, version: str) -> dict[str, Any]:
    """What the widget reads under the site data's `answers` key: the language's
    index folder (beside widget.js), its version, and how many sources an answer quotes."""
    return {"index": index_folder(language), "version": version, "sources": answers.sources}
