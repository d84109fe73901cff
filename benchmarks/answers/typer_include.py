"""An MkDocs hook for the answers benchmark's Typer set: puts the example programs in.

Typer's docs include each example program from `docs_src/` with mdx_include's
`{!../docs_src/x.py!}` (or `{!> ...!}`), paths relative to the docs folder's parent
folder's `docs/` (mdx_include's `base_path: docs`, the build run from the repository's
root). This reads the same files, relative to the docs folder, so the code blocks hold
the programs as on Typer's site; a path that is not there is left as it was.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

INCLUDE = re.compile(r"\{!>? *([^!\n]+?) *!\}")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    base = Path(config.docs_dir)

    def include(match: re.Match[str]) -> str:
        path = (base / match.group(1)).resolve()
        return path.read_text(encoding="utf-8").rstrip("\n") if path.is_file() else match[0]

    return INCLUDE.sub(include, markdown)
