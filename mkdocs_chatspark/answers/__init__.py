"""Answers from the site's own pages: the index the build writes for the browser's ranker.

`build(pages)` returns the index files of every language; `rank.js` (in
`assets/src/answers/`) reads them and answers a question. See index.py for the files.
"""

from __future__ import annotations

from .index import Page, build, build_language
from .sections import Section, excluded, sections

__all__ = ["Page", "Section", "build", "build_language", "excluded", "sections"]
