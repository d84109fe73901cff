"""The words the rest of the site gives a section (vocabulary.py) and what they add to the index."""

from __future__ import annotations

import json

import pytest

from mkdocs_chatspark.answers import Page, build_language
from mkdocs_chatspark.answers.vocabulary import given

CONFIG = (
    '<h1 id="configuration">Configuration<a class="headerlink" href="#configuration">¶</a></h1>'
    "<p>Options.</p>"
    '<h2 id="strict">strict</h2><p>Determines how warnings are treated.</p>'
)


def test_link_text_goes_to_the_section_or_page_it_links_to() -> None:
    pages = [
        Page("user-guide/configuration/", "Configuration", CONFIG),
        Page(
            "user-guide/deploying/",
            "Deploying",
            '<h1 id="deploying">Deploying</h1><p>Make <a href="../configuration/#strict">'
            "warnings fail the build</a>, read <a href='../configuration/'>all <em>settings</em>"
            '</a>, see <a href="https://example.com/x/">elsewhere</a>,'
            ' <a href="#deploying">this page</a> and <a href="../nowhere/">a gone page</a>.</p>',
        ),
    ]
    out = given(pages)
    assert out[0] == {"strict": ["warnings fail the build"], "": ["all settings"]}
    # Links to its own page, off the site, or to no page give nothing.
    assert out[1] == {}


@pytest.mark.parametrize(
    ("source", "href", "target"),
    [
        ("a/b/", "../c/#x", ("a/c/", "x")),
        ("a/b/", "../../", ("", "")),
        ("a/b/", "../../index.html#x", ("", "x")),
        ("a/b.html", "c.html#x", ("a/c.html", "x")),
        ("a/b.html", "../index.html", ("", "")),
        ("index.html", "a/c.html", ("a/c.html", "")),
        ("", "a/c/#caf%C3%A9", ("a/c/", "café")),
    ],
)
def test_links_resolve_with_directory_urls_either_way(
    source: str, href: str, target: tuple[str, str]
) -> None:
    urls = {"": "index.html" if source.endswith(".html") else "", "a/c/": "a/c/"}
    pages = [
        Page(source, "Source", f'<p><a href="{href}">the words</a></p>'),
        Page(urls[""], "Home", "<p>Home.</p>") if source not in ("", "index.html") else None,
        Page(target[0] or "index.html", "Target", "<p>Target.</p>") if target[0] else None,
    ]
    kept = [page for page in pages if page is not None]
    out = given(kept)
    number = next(
        i for i, page in enumerate(kept) if page.url.removesuffix("index.html") == target[0]
    )
    assert out[number].get(target[1]) == ["the words"]


def test_h1_where_the_nav_title_differs_and_description() -> None:
    pages = [
        Page("a/", "Settings", CONFIG, meta={"description": "Every option of mkdocs.yml."}),
        Page("b/", "configuration", CONFIG),
    ]
    out = given(pages)
    assert out[0] == {"": ["Configuration", "Every option of mkdocs.yml."]}
    # The same h1 as the title (the permalink sign aside, case aside): nothing new.
    assert out[1] == {}


def _postings(files: dict[str, str]) -> dict[str, list[int]]:
    merged: dict[str, list[int]] = {}
    for name, text in files.items():
        if name.startswith("t"):
            merged.update(json.loads(text))
    return merged


def test_a_link_text_word_finds_the_section_and_counts_less_than_a_heading() -> None:
    pages = [
        Page("config/", "Configuration", CONFIG + '<h2 id="fail">fail</h2><p>Other.</p>'),
        Page("deploy/", "Deploy", '<p><a href="../config/#strict">fail on warnings</a></p>'),
    ]
    postings = _postings(build_language(pages, "en"))
    # Sections: config/ (0), config/#strict (1), config/#fail (2), deploy/ (3, the link's
    # own prose): [df, gap, impact, ...].
    df, first, linked, _, headed, _, _ = postings["fail"]
    assert (df, first) == (3, 1)
    assert 0 < linked < headed
    # A word the section's own heading has already is not counted twice.
    unlinked = [pages[0], Page("deploy/", "Deploy", "<p>fail on warnings</p>")]
    alone = _postings(build_language(unlinked, "en"))
    assert postings["strict"] == alone["strict"]
    assert postings["warn"] != alone["warn"]


def test_an_unclosed_or_endless_link_gives_nothing() -> None:
    pages = [
        Page("a/", "A", "<p>A.</p>"),
        Page("b/", "B", '<p><a href="../a/">never closed ' + "word " * 1000 + "</p>"),
    ]
    assert given(pages)[0] == {}
