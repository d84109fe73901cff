"""An MkDocs hook for the answers benchmark's Hatch set: makes Hatch's code fences parse.

Hatch's docs open code blocks with ```` ```toml config-example ```` and
```` ```python tab="script.py" ````, which a hook of Hatch's own (it needs Hatch's
source code) turns into tabs. Without it, superfences does not take these lines as
fences and the headings after them are lost. This keeps the language and drops the
rest, so each block is one plain code block (Hatch shows a config example twice, as
pyproject.toml and hatch.toml; here it is once).
"""

from __future__ import annotations

import re
from typing import Any

FENCE = re.compile(r"^( *`{3,}[\w-]+) +(?:config-example|tab=\"[^\"]*\")[ \t]*$", re.MULTILINE)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return FENCE.sub(r"\1", markdown)
