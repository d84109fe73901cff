"""MkDocs hooks of the project's documentation site (example_site/mkdocs.yml).

The options table: made from the options' docstrings in mkdocs_chatspark/options.py,
where each option is described once. docs/options.md keeps a copy between
`<!-- chatspark:options -->` and `<!-- /chatspark:options -->`, so that the options
are there to read on GitHub and in a clone, not only on the built site (the README
links to the file). The build puts a fresh table there, so the site is never behind
the docstrings; tests/build/test_docs.py fails when the committed copy is, and

    python example_site/hooks.py

writes it anew.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from mkdocs_chatspark.options import descriptions

BEGIN = "<!-- chatspark:options -->"
END = "<!-- /chatspark:options -->"
OPTIONS_PAGE = Path(__file__).parent / "docs" / "options.md"
_BETWEEN = re.compile(re.escape(BEGIN) + r"\n.*?" + re.escape(END), re.S)


def options_table() -> str:
    rows = ["| Option | Default | What it does |", "| --- | --- | --- |"]
    for name, option in descriptions().items():
        text = option.text.replace("|", "\\|")
        rows.append(f"| `{name}` | {option.default} | {text} |")
    return "\n".join(rows)


def committed_table(markdown: str) -> str:
    """The table between the markers as the file has it ("" without both markers)."""
    match = _BETWEEN.search(markdown)
    return match.group()[len(BEGIN) : -len(END)].strip("\n") if match else ""


def with_table(markdown: str, *, markers: bool = True) -> str:
    """The page with a fresh table between its markers (and without them: the site)."""
    # Blank lines around it: on GitHub the end marker must not read as a last row.
    table = f"{BEGIN}\n\n{options_table()}\n\n{END}" if markers else options_table()
    return _BETWEEN.sub(lambda _: table, markdown, count=1)


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    return with_table(markdown, markers=False) if BEGIN in markdown else markdown


if __name__ == "__main__":
    page = OPTIONS_PAGE.read_text(encoding="utf-8")
    if BEGIN not in page or END not in page:
        sys.exit(f"{OPTIONS_PAGE}: {BEGIN} and {END} must both be there")
    OPTIONS_PAGE.write_text(with_table(page), encoding="utf-8")
