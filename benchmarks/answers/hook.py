"""An MkDocs hook for the answers benchmark: builds the answers index of the pages the
build renders, with the plugin's own builder, into `<site_dir>/answers/`.

The benchmark builds real documentation sites with a small config of its own (their
Markdown extensions, no plugins of theirs), so this hook stands in for the plugin.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs_chatspark.answers import Page, build

PAGES: list[Page] = []


def on_config(config: Any) -> None:
    PAGES.clear()


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    lang = config.theme.get("locale")
    PAGES.append(
        Page(page.url, page.title or "", html, str(lang.language) if lang else "en", page.meta)
    )
    return html


def on_post_build(config: Any) -> None:
    for name, text in build(PAGES).items():
        path = Path(config.site_dir) / "answers" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
