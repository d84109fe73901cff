"""Words the site itself gives a section, besides its own: what the index adds to them.

A reader asks in their words, and a section answers in the author's. Elsewhere the
site often names the section in other words, and those are kept for it, as a web
search engine keeps the text of the links to a page (Brin and Page 1998, "anchor
text"):

- the text of the links on other pages to the section (`<a href="../config/#strict">`
  written "make warnings fail the build") or to its page (then the page's first
  section);
- the page's `h1` where the nav gives the page another title (MkDocs' `page.title`
  is the nav's; the `h1` is the page's own name for itself): the first section's;
- the page's `description` front matter (a sentence about the page): the first
  section's.

Links from a page to itself are left out: its own words are counted already.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Sequence
from html import unescape
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

LINK = re.compile(
    r"""<a\s(?:[^>"']|"[^"]*"|'[^']*')*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
    r"""[^>]*>(.{0,2000}?)</a\s*>""",
    re.S | re.I,
)
"""A link: its `href` (double-quoted, single-quoted or bare) and its content."""
H1 = re.compile(r"<h1[\s>](?:[^>\"']|\"[^\"]*\"|'[^']*')*>?(.*?)</h1\s*>", re.S | re.I)
PERMALINK = re.compile(
    r"""<a\s(?:[^>"']|"[^"]*"|'[^']*')*?\bclass\s*=\s*["']?[^"'>]*\bheaderlink\b.*?</a\s*>""",
    re.S | re.I,
)
"""The permalink sign the toc extension adds to a heading (its `¶`)."""
TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")


class _Page(Protocol):
    @property
    def url(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def html(self) -> str: ...
    @property
    def meta(self) -> Any: ...


def _text(html: str) -> str:
    return SPACE.sub(" ", unescape(TAG.sub(" ", html))).strip()


def _key(url: str) -> str:
    """A page's address as links resolve to it: `a/b/` and `a/b/index.html` alike."""
    path = unquote(url).lstrip("/")
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path


def _target(page_url: str, href: str) -> tuple[str, str] | None:
    """The (page key, anchor) a link of the page at `page_url` goes to; None when it
    leaves the site (a scheme or a host) or is not a page's address."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return _key(page_url), unquote(parts.fragment)
    base = "/" + page_url
    folder = base if base.endswith("/") else posixpath.dirname(base) + "/"
    path = posixpath.normpath(posixpath.join(folder, parts.path))
    if parts.path.endswith("/") and not path.endswith("/"):
        path += "/"
    if path in ("/.", "/"):
        path = "/"
    return _key(path), unquote(parts.fragment)


def given(pages: Sequence[_Page]) -> list[dict[str, list[str]]]:
    """Per page, the text the rest of the site gives each of its sections, by anchor
    (`""` for the page's first section): link texts, the `h1` where the title differs,
    the `description` front matter."""
    by_key = {_key(page.url): number for number, page in enumerate(pages)}
    out: list[dict[str, list[str]]] = [defaultdict(list) for _ in pages]
    for number, page in enumerate(pages):
        found = H1.search(page.html)
        if found:
            h1 = _text(PERMALINK.sub("", found.group(1)))
            if h1 and h1.casefold() != page.title.strip().casefold():
                out[number][""].append(h1)
        description = page.meta.get("description") if page.meta else None
        if isinstance(description, str) and description.strip():
            out[number][""].append(description.strip())
        own = _key(page.url)
        for link in LINK.finditer(page.html):
            href = next((g for g in link.group(1, 2, 3) if g is not None), "")
            target = _target(page.url, unescape(href))
            if target is None or target[0] == own or target[0] not in by_key:
                continue
            text = _text(link.group(4))
            if text:
                out[by_key[target[0]]][target[1]].append(text)
    return out
