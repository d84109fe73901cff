"""Writes languages.json's `docs_words` for English: the stems found on at least
MIN_SITES of the question sets' documentation sites (benchmarks/answers/*.yml).

A word of a reader's question that the site lacks weighs the most there is
(rank.js `idf_max`): it marks a question about something else ("weather",
"kubernetes"). But a word most documentation sites use and this one happens not
to ("older", "split", "alias", "people") is more likely the reader's wording of a
question the site answers; rank.js weighs it `commonWeight` of that. This script
builds each set's site as bench_answers.py does and keeps the stems of its answers
index (the same stemmer as the question's) that at least MIN_SITES of the sites
have. Run it again when languages.json's English `steps` change (the list is of
stems). The sites' docs are each project's own (MkDocs BSD-2-Clause, Pydantic MIT,
Material MIT, uv MIT/Apache-2.0, Hatch MIT, Typer MIT, DRF BSD-3-Clause, SQLModel
MIT, Griffe ISC, HTTPX BSD-3-Clause, PyMdown Extensions MIT); what is kept of them is
single common words, no text.

    python benchmarks/docs_words.py --sources /tmp/sites
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path

from bench_answers import SETS, build, load_set
from benchlib import arg_parser

from mkdocs_chatspark.answers.text import RULES_FILE

MIN_SITES = 8
"""Of the eleven sites of 3 Dec 2026. The sixth round of benchmarks/README.md: with
a word the site lacks weighing 0.25 of idf_max when on at least 8 of the other 10
sites (the same as at least 8 of the 11, for a word the site lacks), the eleven sets
refused 74 of 110 questions the docs do not answer (73 before) and 10 of 440 they do
(15 before); at least 10 of 10: no change; at least 7: 72 and 9."""
NAMES = (
    "drf",
    "griffe",
    "hatch",
    "httpx",
    "material",
    "mkdocs",
    "pydantic",
    "pymdown",
    "sqlmodel",
    "typer",
    "uv",
)
"""The sets the list was made from; a set added later is not in it unless named here."""


def site_terms(index_dir: Path) -> set[str]:
    """Every term of an answers index (its word lists, w<i>.json)."""
    out: set[str] = set()
    for path in index_dir.glob("w*.json"):
        out.update(json.loads(path.read_text(encoding="utf-8")))
    return out


def main() -> None:
    parser = arg_parser(__doc__)
    parser.add_argument(
        "--sources", type=Path, required=True, help="folder with a checkout of each site's repo"
    )
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for name in NAMES:
            qs = load_set(SETS / f"{name}.yml")
            site_dir = Path(tmp) / name / "site"
            build(qs, args.sources / name / qs.docs_dir, site_dir)
            counts.update(site_terms(site_dir / "answers" / "en"))
    words = sorted(term for term, n in counts.items() if n >= MIN_SITES)
    # One line of the hand-laid file, in place or after English's opening brace.
    line = f'    "docs_words": {json.dumps(words, ensure_ascii=False)},\n'
    lines = RULES_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next((i for i, text in enumerate(lines) if text.startswith('    "docs_words": ')), None)
    if at is None:
        lines.insert(lines.index('  "en": {\n') + 1, line)
    else:
        lines[at] = line
    RULES_FILE.write_text("".join(lines), encoding="utf-8")
    json.loads(RULES_FILE.read_text(encoding="utf-8"))  # still JSON
    print(
        f"{RULES_FILE}: en.docs_words: {len(words)} stems on at least {MIN_SITES} of "
        f"{len(NAMES)} sites"
    )


if __name__ == "__main__":
    main()
