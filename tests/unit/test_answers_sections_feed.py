"""sections.py reads a page's HTML with a tokenizer of its own (one regular expression,
for speed): it must hand the section builder what html.parser would. Compared here on
this repository's own docs, converted as MkDocs converts them, and on HTML that tests
the corners (attributes with `>` in them, references, comments, raw text, self-closing
tags, unclosed elements)."""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Optional

import markdown
import pytest

from mkdocs_chatspark.answers import Section, sections

_sections = sys.modules["mkdocs_chatspark.answers.sections"]
ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted(
    [ROOT / "README.md", ROOT / "CHANGELOG.md", *(ROOT / "example_site" / "docs").rglob("*.md")]
)
EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html",
              "footnotes", "def_list", "abbr"]  # fmt: skip


class Reference(HTMLParser):
    """html.parser driving the same section builder."""

    def __init__(self, title: str) -> None:
        super().__init__(convert_charrefs=True)
        self.inner = _sections._Parser(title)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        self.inner.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.inner.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        self.inner.handle_data(data)


def reference(html: str, title: str) -> list[Section]:
    parser = Reference(title)
    parser.feed(html)
    parser.close()
    return parser.inner.sections()


CORNERS = {
    "gt in attribute": '<h2 id="a" title="a > b">A</h2><p data-x=\'1>2\'>text</p>',
    "references": '<h2 id="r&amp;d">R&amp;D &lt;here&gt;</h2><p>caf&eacute; &#8212; &#x2014;</p>',
    "comment": "<p>before<!-- <h2 id='no'>not</h2> -->after</p><h2 id=b>B</h2><p>x</p>",
    "script and style": "<script>if (a<b && c>d) { x = '</p>'; }</script><style>p>a{}</style><p>t</p>",
    "self-closing": '<p>a<br/>b<br />c<img src="x.png"/>d</p><h3 id="s"/><p>after</p>',
    "bare attributes": "<details open><summary>Sum</summary><p>body</p></details>",
    "empty id": '<h2 id="">No id</h2><p>stays above</p><h2 id="yes">Yes</h2><p>y</p>',
    "upper case": '<H2 ID="up">Up</H2><P CLASS="headerlink">gone</P><p>kept</p>',
    "skipped nest": '<div data-search-exclude><div><p>x</p></div><h2 id="h">H</h2></div><p>y</p>',
    "stray lt": "<p>a < b and 1<2, x <= y</p><h2 id=z>Z</h2><p>z</p>",
    "declarations": "<!DOCTYPE html><?xml version='1.0'?><![CDATA[x]]><p>p</p>",
    "unclosed tags": "<h2 id=u>U<p>text<li>item<pre>code",
    "unquoted slash": "<a href=/a/>link</a><h2 id=q>Q</h2><p>q</p>",
    "newline in tag": '<h2\n id="n"\n class="k">N</h2><p>n</p>',
}


@pytest.mark.parametrize("name", list(CORNERS))
def test_corners_read_as_html_parser_reads_them(name: str) -> None:
    html = CORNERS[name]
    assert sections(html, "T") == reference(html, "T")


def test_a_comment_never_closed_hides_the_rest_as_in_a_browser() -> None:
    # html.parser's reading of it changes between Python versions; a browser's does not.
    found = sections("<p>before</p><!-- never closed <h2 id='c'>C</h2><p>after</p>", "T")
    assert [(s.anchor, s.text) for s in found] == [("", "before")]


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_real_pages_read_as_html_parser_reads_them(path: Path) -> None:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    html = md.convert(path.read_text(encoding="utf-8"))
    found = sections(html, path.stem)
    assert found == reference(html, path.stem)
    assert found  # a page with text has sections
