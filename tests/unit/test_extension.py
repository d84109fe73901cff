"""The Zensical host (extension.py): the widget placed by a Markdown extension."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from zensical.extensions.context import ContextExtension
from zensical.extensions.context import Page as ZensicalPage

from mkdocs_chatspark import extension, pipeline
from mkdocs_chatspark.extension import ChatSparkExtension


def test_the_extension_loads_by_its_dotted_name() -> None:
    html = markdown.markdown("[x](chatspark:x)", extensions=["mkdocs_chatspark.extension"])
    assert 'data-chatspark-action="x"' in html


def test_the_standalone_extension_switched_off_leaves_plain_text() -> None:
    ext = ChatSparkExtension(enabled=False, actions=[])
    assert markdown.markdown("[Book](chatspark:demo)", extensions=[ext]) == "<p>Book</p>"
    assert ext.found == []


def test_standalone_the_site_is_made_once_not_per_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Zensical makes an extension per page; the site actions' links are resolved
    once, and again only when a page they link to comes or goes."""
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


@pytest.mark.parametrize(
    ("src", "directory_urls", "url"),
    [
        ("index.md", True, "./"),
        ("index.md", False, "index.html"),
        ("pricing.md", True, "pricing/"),
        ("pricing.md", False, "pricing.html"),
        ("guide/index.md", True, "guide/"),
        ("guide/README.md", False, "guide/index.html"),
        ("guide/deep/page.md", True, "guide/deep/page/"),
        ("guide/deep/page.md", False, "guide/deep/page.html"),
        ("missing.md", True, None),
    ],
)
def test_page_urls_follow_mkdocs(tmp_path: Path, src: str, directory_urls: bool, url: str) -> None:
    for path in (
        "index.md",
        "pricing.md",
        "guide/index.md",
        "guide/README.md",
        "guide/deep/page.md",
    ):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("# Page\n", encoding="utf-8")
    assert extension._page_urls(tmp_path, directory_urls)(src) == url


def test_a_shared_file_removed_under_serve_is_missed_on_the_next_page(tmp_path: Path) -> None:
    """`zensical serve` keeps the process between rebuilds and says nothing when one
    starts: what the extension checked once is checked again when it changes."""
    docs = tmp_path / "docs"
    extension.copy_assets(docs)
    config = {"root_dir": str(tmp_path), "docs_dir": "docs", "site_name": "Serve"}

    def convert(path: str) -> str:
        context = ContextExtension(page=ZensicalPage("x/", path), config=config)
        return markdown.markdown("# Page", extensions=[context, ChatSparkExtension(actions=[])])

    assert "boot.js" in convert("a.md")
    (docs / "assets" / "chatspark" / "widget.js").unlink()
    with pytest.raises(extension.ChatSparkError, match=r"widget\.js is missing"):
        convert("b.md")


def test_only_the_current_sites_options_are_kept(tmp_path: Path) -> None:
    """One slot, not a cache per set of options that grows for as long as `zensical
    serve` runs: options changed back are validated again, and warn again."""
    docs = tmp_path / "docs"
    extension.copy_assets(docs)
    config = {"root_dir": str(tmp_path), "docs_dir": "docs", "site_name": "Serve"}

    def convert(**options: object) -> None:
        context = ContextExtension(page=ZensicalPage("x/", "a.md"), config=config)
        markdown.markdown("# Page", extensions=[context, ChatSparkExtension(**options)])

    convert(title="One")
    first = extension._kept.options
    convert(title="Two")
    convert(title="One")
    assert extension._kept.options is not None and first is not None
    assert extension._kept.options[1] is not first[1]
    assert extension._kept.options[1].title == "One"
