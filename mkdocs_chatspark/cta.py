"""Inline calls to action: the Markdown side, the same under every host.

`[Book a demo](chatspark:book_demo)` becomes `<span class="chatspark-cta"
data-chatspark-action="book_demo" role="button" tabindex="0">`, which the widget
turns into "open the chat and run that action". A span, not a <button>: a button
is an inline block, and a long label became a block of its own that broke its
sentence; a span wraps with the words around it (the bootstrap gives it Enter and
Space). Both hosts register these treeprocessors (the MkDocs plugin
directly, the Zensical host through its extension); the pipeline then places each
call found in the file it is written in, and checks it against the page's actions.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .errors import CTA_SCHEME

SCHEME = CTA_SCHEME
CTA_CLASS = "chatspark-cta"
CTA_ATTRIBUTE = "data-chatspark-action"
PRIORITY = 15
"""After the inline patterns have made the <a> elements (20), before the toc
extension reads the tree (5)."""


@dataclass(frozen=True)
class Call:
    """A call to action (`[x](chatspark:id)`) on a page, and where it is written."""

    action_id: str
    line: int = 0
    """Its line in `file`; 0: not found in any file (a docstring, another plugin's output)."""
    file: Optional[str] = None
    """The file it is written in, when not the page's own (an included file)."""
    via: Optional[str] = None
    """Where the page brings that file in: `docs/index.md:3`."""


# A quoted path on a line of the page: how include-markdown, pymdownx.snippets and
# macros' include name the file they bring in.
_QUOTED_PATH = re.compile(r"""["']([^"'\s<>|*?]+[./][^"'\s<>|*?]*)["']""")
_MAX_INCLUDED = 1_000_000  # bytes: an included file is text of ordinary size


def calls(
    source: str,
    found: Sequence[str],
    *,
    page: Optional[Path] = None,
    folders: Sequence[Path] = (),
    label: Callable[[str], str] = str,
    page_label: str = "",
) -> list[Call]:
    """The calls to action found on a page, each placed in the file it is written in.

    `source` is the page's file. A call not written there may come from a file the
    page includes: one named in quotes on a line of the page, looked up beside the
    page (`page`) and then in `folders` (the docs folder, the project folder). It is
    then placed in that file, with the page line that brings it in (`page_label`:n).
    """
    located = []
    for action_id in found:
        line = line_of(source, action_id)
        if line:
            located.append(Call(action_id, line))
            continue
        located.append(_included(action_id, source, page, folders, label, page_label))
    return located


def _included(
    action_id: str,
    source: str,
    page: Optional[Path],
    folders: Sequence[Path],
    label: Callable[[str], str],
    page_label: str,
) -> Call:
    bases = ([page.parent] if page is not None else []) + list(folders)
    for number, text in enumerate(source.splitlines(), start=1):
        for name in _QUOTED_PATH.findall(text):
            if "://" in name:
                continue
            for base in bases:
                candidate = Path(os.path.normpath(base / name))
                try:
                    if not candidate.is_file() or candidate.stat().st_size > _MAX_INCLUDED:
                        continue
                except OSError:
                    continue
                line = line_of(read(candidate), action_id)
                if line:
                    via = f"{page_label}:{number}" if page_label else None
                    return Call(action_id, line, label(str(candidate)), via)
                break
    return Call(action_id)


def _is_call(href: str) -> bool:
    """A call to action's link; a scheme is read in any case, as browsers read it
    (`CHATSPARK:b1` too)."""
    return href[: len(SCHEME)].lower() == SCHEME


def line_of(markdown: str, action_id: str) -> int:
    """The line where a call to action is written, for messages (0: not found)."""
    needle = SCHEME + action_id.lower()
    for number, line in enumerate(markdown.lower().splitlines(), start=1):
        at = line.find(needle)
        while at >= 0:
            after = line[at + len(needle) : at + len(needle) + 1]
            if not after or not (after.isalnum() or after in "_-"):
                return number
            at = line.find(needle, at + 1)
    return 0


def read(path: Path) -> str:
    """A file's text, or nothing when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def first_call(root: etree.Element) -> int:
    """The index of the top-level element that holds the page's first call to action."""
    for index, child in enumerate(root):
        if any(node.get(CTA_ATTRIBUTE) is not None for node in child.iter()):
            return index
    return 0


class _CallsToAction(Treeprocessor):
    def __init__(self, md: Markdown, found: list[str]) -> None:
        super().__init__(md)
        self.found = found

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            if not _is_call(href):
                continue
            action_id = href[len(SCHEME) :]
            self.found.append(action_id)
            link.tag = "span"
            link.attrib.clear()
            link.set("class", CTA_CLASS)
            link.set("role", "button")
            link.set("tabindex", "0")
            link.set(CTA_ATTRIBUTE, action_id)


class _PlainText(Treeprocessor):
    """The plugin switched off: each call to action becomes its label, as plain
    text (a dead `<a href="chatspark:...">` helps no reader)."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index in reversed(range(len(parent))):
                child = parent[index]
                if child.tag == "a" and _is_call(child.get("href", "")):
                    _unwrap(parent, index, child)


def _unwrap(parent: etree.Element, index: int, element: etree.Element) -> None:
    """Put an element's text and children in its place, keeping its tail."""

    def add_text(at: int, text: str) -> None:
        if at > 0:
            before = parent[at - 1]
            before.tail = (before.tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    children = list(element)
    tail = element.tail or ""
    parent.remove(element)
    add_text(index, element.text or "")
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    add_text(index + len(children), tail)


class PlainTextExtension(Extension):
    """Calls to action as their plain label text: what a host registers when the
    widget is switched off (`enabled: false`), so pages need no edit."""

    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        md.treeprocessors.register(_PlainText(md), "chatspark_cta", PRIORITY)


class CallsExtension(Extension):
    """Turns `chatspark:` links into call-to-action buttons, and keeps the ids found."""

    found: list[str]
    """The action ids the page being converted calls, in order (links in code are not calls)."""

    def __init__(self) -> None:
        super().__init__()
        self.found = []

    def begin_page(self) -> None:
        """A new page: what is found from here on is that page's. Other Markdown
        instances may convert parts of a page (mkdocstrings' docstrings, built from
        the same extensions list): they add to the page's calls."""
        self.found.clear()

    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        md.treeprocessors.register(_CallsToAction(md, self.found), "chatspark_cta", PRIORITY)
