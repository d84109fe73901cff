"""An MkDocs hook for the answers benchmark's PyMdown Extensions set: points Snippets at its files.

PyMdown Extensions' docs use pymdownx.snippets with `base_path` relative to the
repository's root (their build runs from there): `docs/src/markdown/.snippets` (whose
refs.md, auto-appended to every page, holds the link references and abbreviations the
pages use) and the root's LICENSE.md and SECURITY.md (the license and security pages
are one `--8<--` line each). This gives Snippets the same settings with those paths
made absolute from the docs folder, so the pages read as on the site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def on_config(config: Any) -> Any:
    docs = Path(config.docs_dir)
    root = docs.parents[2]
    config.mdx_configs["pymdownx.snippets"] = {
        "base_path": [str(docs / ".snippets"), str(root / "LICENSE.md"), str(root / "SECURITY.md")],
        "auto_append": ["refs.md"],
        "check_paths": True,
    }
    return config
