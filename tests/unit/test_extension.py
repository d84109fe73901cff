"""Inline calls to action: finding them with line numbers, and the HTML they become."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from mkdocs_chatspark.extension import ChatSparkExtension, line_of


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
    ],
)
def test_the_extension_finds_calls_outside_code(source: str, found: list[str]) -> None:
    ext = ChatSparkExtension()
    markdown.markdown(source, extensions=[ext, "fenced_code"])
    assert ext.found == found


@pytest.mark.parametrize(
    ("source", "action_id", "line"),
    [
        ("a\nb [x](chatspark:book)\n", "book", 2),
        ("[x](chatspark:book_demo)\n[y](chatspark:book)", "book", 2),
        ("[x](chatspark:book)", "boo", 0),
        ("nothing", "x", 0),
    ],
)
def test_line_of(source: str, action_id: str, line: int) -> None:
    assert line_of(source, action_id) == line


def test_a_chatspark_link_becomes_a_button() -> None:
    html = markdown.markdown(
        'Ready? [Book *a* demo](chatspark:book_demo "title") or [docs](https://x.org).',
        extensions=[ChatSparkExtension()],
    )
    assert html == (
        '<p>Ready? <button class="chatspark-cta" data-chatspark-action="book_demo" type="button">'
        'Book <em>a</em> demo</button> or <a href="https://x.org">docs</a>.</p>'
    )


def test_it_leaves_heading_ids_alone() -> None:
    html = markdown.markdown(
        "# Plans [go](chatspark:go)\n", extensions=[ChatSparkExtension(), "toc"]
    )
    assert html.startswith('<h1 id="plans-go">Plans <button')


def test_the_extension_loads_by_its_dotted_name() -> None:
    html = markdown.markdown("[x](chatspark:x)", extensions=["mkdocs_chatspark.extension"])
    assert 'data-chatspark-action="x"' in html


def test_standalone_the_site_is_made_once_not_per_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Zensical makes an extension per page; the site actions' links are resolved
    once, and again only when a page they link to comes or goes."""
    from zensical.extensions.context import ContextExtension
    from zensical.extensions.context import Page as ZensicalPage

    from mkdocs_chatspark import extension, pipeline

    docs = tmp_path / "docs"
    extension.copy_assets(docs)
    made = []
    real_site = pipeline.site
    monkeypatch.setattr(pipeline, "site", lambda *a, **k: made.append(1) or real_site(*a, **k))
    options = {"actions": [{"id": "go", "type": "button", "label": "Go", "url": "target.md"}]}
    config = {"root_dir": str(tmp_path), "docs_dir": "docs", "site_name": "Once"}

    def convert(path: str) -> str:
        context = ContextExtension(page=ZensicalPage("x/", path), config=config)
        return markdown.markdown("# Page", extensions=[context, ChatSparkExtension(**options)])

    for path in ("a.md", "b.md", "c/d.md"):
        assert "target.md" in convert(path)  # not a page (yet): left as written
    assert len(made) == 1
    (docs / "target.md").write_text("# Target\n", encoding="utf-8")
    assert "target/" in convert("a.md")
    assert len(made) == 2
