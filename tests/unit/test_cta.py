"""Inline calls to action (cta.py, both hosts): finding them with line numbers, and
the HTML they become."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from mkdocs_chatspark.cta import Call, CallsExtension, PlainTextExtension, calls, line_of


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("[Book a demo](chatspark:book_demo)", ["book_demo"]),
        ("Text\n\nSee [a](chatspark:a) and [b](chatspark:b-2).", ["a", "b-2"]),
        ("[x](<chatspark:x>)", ["x"]),
        ("[x][ref]\n\n[ref]: chatspark:from_ref", ["from_ref"]),
        ("[x](https://example.com/chatspark:no)", []),
        ("`[x](chatspark:in_code)`", []),
        ("```\n[x](chatspark:in_fence)\n```\n\n[y](chatspark:after)", ["after"]),
        ("Para.\n\n    [x](chatspark:indented_code)", []),
        ("- item [x](chatspark:in_list)", ["in_list"]),
        ('<a href="chatspark:raw">raw HTML stays as it is</a>', []),
        ("[x](CHATSPARK:b1) [y](ChatSpark:b2)", ["b1", "b2"]),  # a scheme in any case
    ],
)
def test_the_extension_finds_calls_outside_code(source: str, found: list[str]) -> None:
    ext = CallsExtension()
    markdown.markdown(source, extensions=[ext, "fenced_code"])
    assert ext.found == found


@pytest.mark.parametrize(
    ("source", "action_id", "line"),
    [
        ("a\nb [x](chatspark:book)\n", "book", 2),
        ("[x](chatspark:book_demo)\n[y](chatspark:book)", "book", 2),
        ("[x](chatspark:book)", "boo", 0),
        ("nothing", "x", 0),
        ("a\n[x](CHATSPARK:b1)", "b1", 2),
    ],
)
def test_line_of(source: str, action_id: str, line: int) -> None:
    assert line_of(source, action_id) == line


def test_a_chatspark_link_becomes_a_button() -> None:
    html = markdown.markdown(
        'Ready? [Book *a* demo](chatspark:book_demo "title") or [docs](https://x.org).',
        extensions=[CallsExtension()],
    )
    assert html == (
        '<p>Ready? <span class="chatspark-cta" data-chatspark-action="book_demo" role="button"'
        ' tabindex="0">Book <em>a</em> demo</span> or <a href="https://x.org">docs</a>.</p>'
    )


def test_it_leaves_heading_ids_alone() -> None:
    html = markdown.markdown("# Plans [go](chatspark:go)\n", extensions=[CallsExtension(), "toc"])
    assert html.startswith('<h1 id="plans-go">Plans <span class="chatspark-cta"')


def test_a_page_gathers_its_calls_from_every_markdown_instance() -> None:
    """mkdocstrings converts docstrings with its own Markdown, built from the same
    extensions list: those calls belong to the page too, until the next page starts."""
    ext = CallsExtension()
    page, docstrings = markdown.Markdown(extensions=[ext]), markdown.Markdown(extensions=[ext])
    ext.begin_page()
    page.convert("[a](chatspark:before)")
    docstrings.convert("[b](chatspark:in_docstring)")
    page.convert("[c](chatspark:after)")
    assert ext.found == ["before", "in_docstring", "after"]
    ext.begin_page()
    docstrings.convert("[d](chatspark:next_page)")
    assert ext.found == ["next_page"]


def test_calls_are_placed_in_the_page_or_in_the_file_it_includes(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "guide").mkdir(parents=True)
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "cta.md").write_text("One\nTwo [x](chatspark:shared)\n")
    (docs / "guide" / "near.md").write_text("[y](chatspark:near)\n")
    page = docs / "guide" / "page.md"
    source = (
        "# Page [z](chatspark:own)\n"
        "See 'https://example.com/chatspark.md'\n"
        '{% include-markdown "../../snippets/cta.md" %}\n'
        '--8<-- "near.md"\n'
    )
    found = calls(
        source,
        ["own", "shared", "near", "nowhere"],
        page=page,
        folders=(docs, tmp_path),
        label=lambda p: Path(p).relative_to(tmp_path).as_posix(),
        page_label="docs/guide/page.md",
    )
    assert found == [
        Call("own", 1),
        Call("shared", 2, "snippets/cta.md", "docs/guide/page.md:3"),
        Call("near", 1, "docs/guide/near.md", "docs/guide/page.md:4"),
        Call("nowhere"),
    ]


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("[Book](chatspark:demo)", "<p>Book</p>"),
        ("Go [Book](chatspark:demo) now.", "<p>Go Book now.</p>"),
        ("[**Book** a *demo*](chatspark:demo)!", "<p><strong>Book</strong> a <em>demo</em>!</p>"),
        ("*x* [a](chatspark:a)[b](chatspark:b) *y*", "<p><em>x</em> ab <em>y</em></p>"),
        ("[kept](https://example.com)", '<p><a href="https://example.com">kept</a></p>'),
        ("`[x](chatspark:code)`", "<p><code>[x](chatspark:code)</code></p>"),
        ("[Book](CHATSPARK:demo)", "<p>Book</p>"),
    ],
)
def test_switched_off_calls_to_action_are_their_plain_text(source: str, html: str) -> None:
    assert markdown.markdown(source, extensions=[PlainTextExtension()]) == html
