"""An MkDocs hook for the answers benchmark's SQLModel set: puts the example programs in.

SQLModel's docs include each example program from `docs_src/` with
markdown_include_variants' `{* ./docs_src/x.py ln[1:8] hl[1,4] *}`, the path relative
to the repository's root (the docs folder's parent), `ln[...]` the lines shown. This
reads the same files and lines into a Python code block, as on SQLModel's site (less the
highlighted lines, which change no words), and mdx_include's `{!./docs_src/x.py!}`
(the whole file, in the fence the page opens around it); a path that is not there is
left as it was.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

INCLUDE = re.compile(r"\{\* *(\S+)((?: +\w+\[[^\]]*\])*) *\*\}")
WHOLE = re.compile(r"\{! *([^!\n]+?) *!\}")
LINES = re.compile(r"ln\[([^\]]*)\]")


def _pick(lines: list[str], spec: str) -> list[str]:
    picked: list[str] = []
    for part in spec.split(","):
        start, _, end = part.strip().partition(":")
        first = int(start) if start else 1
        last = int(end) if end else (len(lines) if _ else first)
        picked.extend(lines[first - 1 : last])
    return picked


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    base = Path(config.docs_dir).parent

    def include(match: re.Match[str]) -> str:
        path = (base / match.group(1)).resolve()
        if not path.is_file():
            return match[0]
        lines = path.read_text(encoding="utf-8").splitlines()
        shown = LINES.search(match.group(2))
        if shown:
            lines = _pick(lines, shown.group(1))
        return "```python\n" + "\n".join(lines) + "\n```"

    def whole(match: re.Match[str]) -> str:
        path = (base / match.group(1)).resolve()
        return path.read_text(encoding="utf-8").rstrip("\n") if path.is_file() else match[0]

    return WHOLE.sub(whole, INCLUDE.sub(include, markdown))
