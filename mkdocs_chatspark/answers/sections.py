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
from html import unescape
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
RAW_TEXT = frozenset({"script", "style"})
"""Elements whose content is text up to their end tag, never tags."""
TAG = re.compile(
    r"""<(?:!--.*?(?:-->|$)|[!?][^>]*>|/([a-zA-Z][^\s/>]*)[^>]*>"""
    r"""|([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>)""",
    re.S,
)
"""A comment (one never closed runs to the end, as a browser reads it), a declaration,
an end tag (its name), or a start tag (name, attributes)."""
ATTRIBUTE = re.compile(r"""([^\s/>="']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
SELF_CLOSING = re.compile(r"""(?:^|[\s"'])/\s*$""")


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


class _Parser:
    """Sections from the events of an HTML tokenizer (`_feed`, or html.parser's)."""

    def __init__(self, title: str) -> None:
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


def _feed(parser: _Parser, html: str) -> None:
    """The page's tags and text to the parser, as html.parser would hand them (a unit
    test compares the two on real pages). Two thirds of the index's build went to
    html.parser's pure-Python scanner; one regular expression over the page does the
    same for the HTML Markdown writes."""
    at = 0
    for match in TAG.finditer(html):
        if match.start() < at:
            continue  # inside a script or style, already handed over as text
        if match.start() > at:
            parser.handle_data(unescape(html[at : match.start()]))
        at = match.end()
        end, tag, attributes = match.groups()
        if end:
            parser.handle_endtag(end.lower())
        elif tag:
            tag = tag.lower()
            parser.handle_starttag(
                tag,
                [
                    (a.group(1).lower(), _value(a.group(2, 3, 4)))
                    for a in ATTRIBUTE.finditer(attributes)
                ],
            )
            if SELF_CLOSING.search(attributes):
                parser.handle_endtag(tag)
            elif tag in RAW_TEXT:
                close = re.compile(rf"</{tag}\s*>", re.I).search(html, at)
                stop = close.start() if close else len(html)
                parser.handle_data(html[at:stop])
                at = stop
    if at < len(html):
        parser.handle_data(unescape(html[at:]))


def _value(groups: tuple[Optional[str], ...]) -> Optional[str]:
    """An attribute's value (double-quoted, single-quoted or bare), character
    references resolved; None when it has none (`<details open>`)."""
    for raw in groups:
        if raw is not None:
            return unescape(raw)
    return None


def sections(html: str, title: str) -> list[Section]:
    """The sections of a page's content HTML (MkDocs' `page.content`), in order."""
    parser = _Parser(title)
    _feed(parser, html)
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
