"""Answers from the site's own pages, host-free: the `answers` option's shape, which
pages are answered from, and what the browser is told.

The hosts collect each published page (its URL, title, HTML and front matter)
after the search plugin has read it, keep those this module lets in, and hand
them to the index builder; the widget's answers part loads the index the first
time a reader focuses the Ask box.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
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


@dataclass(frozen=True)
class SourcePage:
    """A published page as the index builder reads it."""

    url: str
    """Its URL from the site root, as MkDocs writes it (`guide/install/`, or
    `guide/install.html` with use_directory_urls off)."""
    title: str
    html: str
    """The page's content (`page.content`), after every plugin converted it."""


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SKIPPED = ("script", "style", "template")


class _Sections(HTMLParser):
    """A page's content cut at its headings that have an id: [(anchor, heading, text)].
    The text before the first such heading belongs to the page itself (anchor "")."""

    def __init__(self, title: str) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[list[str]] = [["", title, ""]]
        self._heading: Optional[str] = None
        self._skip = 0
        self._link = 0  # a heading's permalink (`¶`), not its words

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        found = dict(attrs)
        if tag in _SKIPPED:
            self._skip += 1
        elif tag in HEADINGS and found.get("id"):
            self._heading = tag
            self.sections.append([found["id"] or "", "", ""])
        elif self._heading and tag == "a" and "headerlink" in (found.get("class") or ""):
            self._link += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self._skip:
            self._skip -= 1
        elif tag == self._heading:
            self._heading = None
        elif tag == "a" and self._link:
            self._link -= 1

    def handle_data(self, data: str) -> None:
        if self._skip or self._link:
            return
        section = self.sections[-1]
        section[1 if self._heading else 2] += data


def _squash(text: str) -> str:
    return " ".join(text.split())


def build_index(pages: Sequence[SourcePage]) -> dict[str, Any]:
    """The index the widget ranks: each page's URL and title, and its sections
    (page number, anchor, heading, text), in the order they come."""
    out_pages: list[list[str]] = []
    sections: list[list[Any]] = []
    for number, page in enumerate(pages):
        out_pages.append([page.url, page.title])
        parser = _Sections(page.title)
        parser.feed(page.html)
        parser.close()
        for anchor, heading, text in parser.sections:
            if _squash(text) or anchor:
                sections.append([number, anchor, _squash(heading), _squash(text)])
    return {"pages": out_pages, "sections": sections}
