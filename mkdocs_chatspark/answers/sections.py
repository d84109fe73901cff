"""A page's HTML cut into sections at its headings: what an answer can quote and link to.

The page's first heading (its `h1`) and whatever precedes the next heading form the
page's first section, linked to the page itself; every later heading with an `id`
opens a section linked to it (a heading without one stays in the section it is in).
A section with neither prose nor code (a heading right above another) is left out;
its heading is kept among the `parents` of those below it. Code blocks (`<pre>`) are
kept apart from the prose: they count for finding a section, a passage quotes prose.
Left out: the permalink signs the toc extension adds to headings, footnote
back-links, scripts, styles, and any element the author marks `data-search-exclude`
(Material for MkDocs' way to keep a block out of search).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Optional

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript", "svg"})
SKIPPED_CLASSES = frozenset({"headerlink", "footnote-backref"})
INLINE = frozenset(
    {"a", "abbr", "b", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong",
     "sub", "sup", "u", "var", "del", "ins"}
)  # fmt: skip
"""Elements inside a word's flow; every other element separates words."""
SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Section:
    """One heading's part of a page."""

    anchor: str
    """The heading's `id`; empty for the page's first section (the link goes to the page)."""
    heading: str
    """The heading's text; the page's title for its first section."""
    text: str
    """The prose, whitespace collapsed."""
    code: str
    """The text of the section's code blocks."""
    parents: tuple[str, ...] = ()
    """The headings above this one, outermost first (the page's title not included)."""


@dataclass
class _Open:
    anchor: str
    level: int = 1
    heading: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self, title: str) -> None:
        super().__init__(convert_charrefs=True)
        self.title = title
        self.done: list[_Open] = []
        self.current = _Open("")
        self.skip_depth = 0
        """Open elements at and below the outermost skipped one."""
        self.heading_depth = 0
        self.pre_depth = 0
        self.seen_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if tag in VOID:
            if not self.skip_depth:
                self._data(" ")
            return
        if self.skip_depth:
            self.skip_depth += 1
            return
        found = dict(attrs)
        classes = set((found.get("class") or "").split())
        if tag in SKIPPED_TAGS or classes & SKIPPED_CLASSES or "data-search-exclude" in found:
            self.skip_depth = 1
            return
        if tag in HEADINGS and found.get("id"):
            self._open_section(tag, found.get("id") or "")
            self.heading_depth += 1
        elif tag == "pre":
            self.pre_depth += 1
        if tag not in INLINE:
            self._data(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.skip_depth:
            self.skip_depth -= 1
            return
        if tag in HEADINGS and self.heading_depth:
            self.heading_depth -= 1
            self._data(" ")
            return
        elif tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        if tag not in INLINE:
            self._data(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self._data(data)

    def _data(self, data: str) -> None:
        if self.heading_depth:
            self.current.heading.append(data)
        elif self.pre_depth:
            self.current.code.append(data)
        else:
            self.current.text.append(data)

    def _open_section(self, tag: str, anchor: str) -> None:
        if not self.seen_heading and tag == "h1":
            # The page's own title heading: the first section stays open and links to the page.
            self.seen_heading = True
            return
        self.seen_heading = True
        self.done.append(self.current)
        self.current = _Open(anchor, int(tag[1]))

    def sections(self) -> list[Section]:
        self.close()
        out = []
        above: list[tuple[int, str]] = []
        for i, part in enumerate([*self.done, self.current]):
            heading = _squash("".join(part.heading))
            text = _squash("".join(part.text))
            code = _squash("".join(part.code))
            if i == 0:
                heading = self.title or heading
            else:
                while above and above[-1][0] >= part.level:
                    above.pop()
            if text or code:
                out.append(Section(part.anchor, heading, text, code, tuple(h for _, h in above)))
            if i:
                above.append((part.level, heading))
        return out


def _squash(text: str) -> str:
    return SPACE.sub(" ", text).strip()


def sections(html: str, title: str) -> list[Section]:
    """The sections of a page's content HTML (MkDocs' `page.content`), in order."""
    parser = _Parser(title)
    parser.feed(html)
    return parser.sections()


def excluded(meta: Mapping[str, Any]) -> bool:
    """Whether a page's front matter keeps it out of answers.

    Material for MkDocs' `search: {exclude: true}` keeps a page out of search, and
    `chatspark: false` turns the widget off on a page: neither page is answered from.
    """
    search = meta.get("search")
    return (isinstance(search, Mapping) and search.get("exclude") is True) or meta.get(
        "chatspark"
    ) is False
