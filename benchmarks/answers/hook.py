"""An MkDocs hook for the answers benchmark: builds the answers index of the pages the
build renders, with the plugin's own builder, into `<site_dir>/answers/`.

The benchmark builds real documentation sites with a small config of its own (their
Markdown extensions, no plugins of theirs), so this hook stands in for the plugin.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs_chatspark.answers import Page, build, excluded, sections

PAGES: list[Page] = []


def on_config(config: Any) -> None:
    PAGES.clear()


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    # The benchmark renders with MkDocs' own theme: a page template of the site's
    # theme (Material's `template: home.html`) is not there, so pages use main.html.
    page.meta.pop("template", None)
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
    dump = Path(config.site_dir) / "answers-sections.json"
    dump.write_text(json.dumps(sections_dump(), ensure_ascii=False), encoding="utf-8")


def sections_dump() -> list[dict[str, str]]:
    """Every section of the build, full text and code, for the scorer's BM25 baseline."""
    out = []
    for page in PAGES:
        if excluded(page.meta):
            continue
        for part in sections(page.html, page.title):
            out.append(
                {
                    "url": page.url,
                    "title": page.title,
                    "heading": part.heading,
                    "anchor": part.anchor,
                    "text": part.text,
                    "code": part.code,
                }
            )
    return out
