"""The package's vocabulary for what is wrong with an author's input.

`ActionError` is a mistake at a key path (it stops the build); `Warnings` collects
suspicious but buildable input; `Notice` is either, placed in a file (and line)
for a host to raise or log. `FRONT_MATTER_KEY`, `CTA_SCHEME` and `EXTENSION_NAME`
are the names an author writes.
Imports nothing of the package, so every module can use it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Optional

FRONT_MATTER_KEY = "chatspark"
"""The page front matter key (`chatspark:`) and the root of its key paths."""
CTA_SCHEME = "chatspark:"
"""The link scheme of a call to action in the prose: `[Book](chatspark:book_demo)`."""
EXTENSION_NAME = "mkdocs_chatspark.extension"
"""The Markdown extension's name in `markdown_extensions:` (the Zensical host)."""


class ActionError(ValueError):
    """A problem with the author's input, at a key path."""

    def __init__(self, key_path: str, message: str) -> None:
        super().__init__(f"{key_path}: {message}")
        self.key_path = key_path
        self.message = message


@dataclass
class Warnings:
    """Suspicious but buildable input, collected for the caller to log."""

    found: list[tuple[str, str]] = field(default_factory=list)
    """(key path, message), in the order they were found."""

    def add(self, key_path: str, message: str) -> None:
        self.found.append((key_path, message))

    @property
    def items(self) -> list[str]:
        """Each warning as `key.path: message`."""
        return [f"{key_path}: {message}" for key_path, message in self.found]


@dataclass(frozen=True)
class Notice:
    """An error or a warning, placed: `docs/pricing.md:12: chatspark.hide[0]: ...`."""

    file: str
    key_path: str
    message: str
    line: Optional[int] = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key_path}: {self.message}"


def file_label(path: str, folder: Optional[str]) -> str:
    """A file as the author knows it: relative to the folder of the config file
    (`mkdocs.yml`, `docs/pricing.md`), whatever folder the tool was started in."""
    try:
        return os.path.relpath(os.path.abspath(path), os.path.abspath(folder or ".")).replace(
            os.sep, "/"
        )
    except ValueError:  # another drive on Windows
        return path
