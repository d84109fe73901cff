"""The Python-Markdown side: inline calls to action in the prose.

`[Book a demo](chatspark:book_demo)` becomes `<button class="chatspark-cta"
data-chatspark-action="book_demo">`, which the widget turns into "open the chat
and run that action". The plugin registers this extension itself, and checks the
ids the extension found against the page's actions once the page is converted.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

SCHEME = "chatspark:"
CTA_CLASS = "chatspark-cta"
CTA_ATTRIBUTE = "data-chatspark-action"


def line_of(markdown: str, action_id: str) -> int:
    """The line where a call to action is written, for messages (0: not found)."""
    needle = SCHEME + action_id
    for number, line in enumerate(markdown.splitlines(), start=1):
        at = line.find(needle)
        while at >= 0:
            after = line[at + len(needle) : at + len(needle) + 1]
            if not after or not (after.isalnum() or after in "_-"):
                return number
            at = line.find(needle, at + 1)
    return 0


class _CallsToAction(Treeprocessor):
    def __init__(self, md: Markdown, found: list[str]) -> None:
        super().__init__(md)
        self.found = found

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            if not href.startswith(SCHEME):
                continue
            action_id = href[len(SCHEME) :]
            self.found.append(action_id)
            link.tag = "button"
            link.attrib.clear()
            link.set("type", "button")
            link.set("class", CTA_CLASS)
            link.set(CTA_ATTRIBUTE, action_id)


class ChatSparkExtension(Extension):
    """Turns `chatspark:` links into call-to-action buttons."""

    found: list[str]
    """The action ids the last converted page calls, in order (links in code are not calls)."""

    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        # After the inline patterns have made the <a> elements (priority 20),
        # before the toc extension reads the tree (priority 5).
        self.found = []  # a new Markdown instance: a new page
        md.treeprocessors.register(_CallsToAction(md, self.found), "chatspark_cta", 15)


def makeExtension(**kwargs: Any) -> ChatSparkExtension:  # Python-Markdown's name
    return ChatSparkExtension(**kwargs)
