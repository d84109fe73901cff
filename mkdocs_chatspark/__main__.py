"""`python -m mkdocs_chatspark assets DOCS_DIR`: copy the widget's files into the docs,
for hosts that load the Markdown extension but no MkDocs plugin (Zensical).

`python -m mkdocs_chatspark csp`: the `style-src` source that a Content-Security-Policy
refusing inline styles needs for the calls to action's inline style.

`python -m mkdocs_chatspark receive ...`: the form receiver (`chatspark-receiver`)."""

from __future__ import annotations

import sys
from pathlib import Path

from .extension import copy_assets
from .receiver.cli import main as receive
from .render import boot_style_hash

USAGE = "usage: python -m mkdocs_chatspark assets DOCS_DIR | csp | receive [--help]"


def main(argv: list[str]) -> int:
    if argv[:1] == ["receive"]:
        return receive(argv[1:])
    if argv == ["csp"]:
        print(boot_style_hash())
        return 0
    if len(argv) != 2 or argv[0] != "assets":
        print(USAGE, file=sys.stderr)
        return 2
    docs = Path(argv[1])
    if not docs.is_dir():
        print(f"{docs}: not a folder; {USAGE}", file=sys.stderr)
        return 2
    for path in copy_assets(docs):
        print(f"wrote {path.as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
