"""MkDocs hooks of the project's documentation site (example_site/mkdocs.yml).

The options table: made at build time from the options' docstrings in
mkdocs_chatspark/options.py, where each option is described once, and put where a
page says `<!-- chatspark:options -->`. A hook rather than a generated, committed
file: nothing to regenerate, and the --strict build of these docs in CI renders it.
"""

from __future__ import annotations

from typing import Any

from mkdocs_chatspark.options import descriptions

MARKER = "<!-- chatspark:options -->"


def options_table() -> str:
    rows = ["| Option | Default | What it does |", "| --- | --- | --- |"]
    for name, option in descriptions().items():
        text = option.text.replace("|", "\\|")
        rows.append(f"| `{name}` | {option.default} | {text} |")
    return "\n".join(rows)


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    return markdown.replace(MARKER, options_table()) if MARKER in markdown else markdown
