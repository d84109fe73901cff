"""Answer quality: the Ask box's ranker against lunr and BM25 on real documentation sites.

For each question set in benchmarks/answers/<site>.yml (40 questions the docs answer,
each with its section, and 10 they do not; each set after the first two was written
before the ranking changes it checked were tried; typer.yml, the newest, is held out:
never tuned against), the site's docs are built with MkDocs (its Markdown extensions,
the search plugin, and a hook that writes our answers index with the plugin's own
builder). Then three engines answer every question:

- ours: mkdocs_chatspark/assets/src/answers/rank.js, run in Node (the browser's code);
- lunr: the `lunr` package over the search plugin's search_index.json, fields title
  and text as the search plugin's worker.js builds them, queried with the question
  cleaned of lunr's query syntax, as a site's search box would; no result is a refusal;
- BM25: plain Okapi BM25 (rank_bm25) over the same sections as ours, one field of
  title, heading, prose and code, lower-cased words, no stemming; no match is a refusal.

Printed per site: page@1 (the first source is on the right page), section@3 (the
right section is among the first three), out-of-scope questions refused, in-scope
questions refused.

The docs are not in the repository. Fetch each site's repository at the commit its
question set names, into one folder per site, and pass the folder:

    git clone https://github.com/mkdocs/mkdocs /tmp/sites/mkdocs
    git -C /tmp/sites/mkdocs checkout 2862536793b3c67d9d83c33e0dd6d50a791928f8
    git clone https://github.com/pydantic/pydantic /tmp/sites/pydantic
    git -C /tmp/sites/pydantic checkout 2151025aa51263f3016502b00010b78e4481eaa1
    git clone https://github.com/squidfunk/mkdocs-material /tmp/sites/material
    git -C /tmp/sites/material checkout 5b36f2ac499a45905e246bc66bbee2858ef6556f
    git clone https://github.com/astral-sh/uv /tmp/sites/uv
    git -C /tmp/sites/uv checkout 26a9dd4b2125bc271b47855e1fa0c49af3365db5
    git clone https://github.com/pypa/hatch /tmp/sites/hatch
    git -C /tmp/sites/hatch checkout ed8e30bebf98f2fe4d70c18a32a50a8160c391cb
    git clone https://github.com/fastapi/typer /tmp/sites/typer
    git -C /tmp/sites/typer checkout 233009a37d35249c1e430ee1db11ed9c06a9dcc3
    git clone https://github.com/encode/httpx /tmp/sites/httpx
    git -C /tmp/sites/httpx checkout ae1b9f66238f75ced3ced5e4485408435de10768
    git clone https://github.com/facelessuser/pymdown-extensions /tmp/sites/pymdown
    git -C /tmp/sites/pymdown checkout 7272a2dfcd6c97338dc8a4579289ed56167d67ce
    python benchmarks/bench_answers.py --sources /tmp/sites
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import yaml
from benchlib import arg_parser, header, section, table

HERE = Path(__file__).resolve().parent
SETS = HERE / "answers"
HOOK = SETS / "hook.py"
ASK = SETS / "ask.mjs"

PAGE_AT_1 = 0.80
SECTION_AT_3 = 0.85
OUT_REFUSED = 8
"""Of 10 questions the docs do not answer, at least this many refused."""
IN_REFUSED = 2
"""Of 40 questions the docs answer, at most this many refused."""


@dataclass(frozen=True)
class Question:
    text: str
    targets: frozenset[tuple[str, str]]
    """(page URL, anchor) of each section that answers it; the first is the main one."""

    @property
    def pages(self) -> frozenset[str]:
        return frozenset(page for page, _ in self.targets)


@dataclass
class QuestionSet:
    site: str
    repository: str
    commit: str
    docs_dir: str
    extensions: list[str]
    questions: list[Question]
    unanswered: list[str]
    hooks: list[str] = field(default_factory=list)
    """MkDocs hooks of the set's own (files in benchmarks/answers/) run beside ours."""


@dataclass
class Score:
    engine: str
    page_at_1: int = 0
    section_at_3: int = 0
    in_refused: int = 0
    out_refused: int = 0
    misses: list[str] = field(default_factory=list)


Result = list[tuple[str, str]]
"""An engine's answer: (page URL, anchor) best first; empty when it refuses."""


def _target(text: str) -> tuple[str, str]:
    page, _, anchor = text.partition("#")
    return page, anchor


def load_set(path: Path) -> QuestionSet:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions = [
        Question(
            item["q"],
            frozenset(
                [(item["page"], item.get("section", "")), *map(_target, item.get("also", []))]
            ),
        )
        for item in raw["questions"]
    ]
    return QuestionSet(
        raw["site"],
        raw["repository"],
        raw["commit"],
        raw["docs_dir"],
        raw["markdown_extensions"],
        questions,
        raw["unanswered"],
        raw.get("hooks", []),
    )


def build(qs: QuestionSet, docs: Path, site_dir: Path) -> None:
    """A real MkDocs build of the docs with their Markdown extensions and our hook."""
    extensions: list[Any] = [
        {"toc": {"permalink": True}} if name == "toc" else name for name in qs.extensions
    ]
    if "pymdownx.tabbed" in extensions:
        extensions[extensions.index("pymdownx.tabbed")] = {
            "pymdownx.tabbed": {"alternate_style": True}
        }
    config = {
        "site_name": qs.site,
        "docs_dir": str(docs),
        "site_dir": str(site_dir),
        "theme": {"name": "mkdocs", "highlightjs": False},
        "exclude_docs": "*.py\n",
        "markdown_extensions": extensions,
        "plugins": ["search"],
        "hooks": [*(str(SETS / name) for name in qs.hooks), str(HOOK)],
    }
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    config_file = site_dir.parent / f"{qs.site}.yml"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)],
        check=True,
    )


def ask_ours(
    index_dir: Path, questions: Sequence[str], params: Optional[dict[str, float]] = None
) -> list[Result]:
    """The browser's ranker, run in Node over the built index."""
    answers = ask_ours_raw(index_dir, questions, params=params)
    return [[(s["url"], s["anchor"]) for s in a["sources"]] if a["found"] else [] for a in answers]


def ask_ours_raw(
    index_dir: Path,
    questions: Sequence[str],
    sources: int = 3,
    params: Optional[dict[str, float]] = None,
) -> list[Any]:
    """rank.js's whole answers; `params` overrides its PARAMS (for tuning)."""
    done = subprocess.run(
        ["node", str(ASK), str(index_dir)],
        input=json.dumps({"questions": list(questions), "sources": sources, "params": params}),
        capture_output=True,
        text=True,
        check=True,
    )
    answers: list[Any] = json.loads(done.stdout)
    return answers


LUNR_SYNTAX = re.compile(r"[^\w\s]|_")
"""lunr reads : ^ ~ + - * as query syntax; the search box's reader means none of it."""


def lunr_engine(site_dir: Path) -> Callable[[str], Result]:
    from lunr import lunr

    data = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = data["docs"]
    index = lunr(ref="location", fields=("title", "text"), documents=docs)
    # The search plugin lists a page, then its headings; the first heading is the
    # page's own title (its h1), which our sections link to as the page itself.
    top: dict[str, str] = {}
    for i, doc in enumerate(docs):
        if "#" not in doc["location"] and i + 1 < len(docs):
            following = docs[i + 1]["location"]
            if following.startswith(doc["location"] + "#"):
                top[following] = doc["location"]

    def where(location: str) -> tuple[str, str]:
        if location in top:
            return top[location], ""
        return _target(location)

    def ask(question: str) -> Result:
        cleaned = " ".join(LUNR_SYNTAX.sub(" ", question).split())
        if not cleaned:
            return []
        return [where(hit["ref"]) for hit in index.search(cleaned)[:3]]

    return ask


WORDS = re.compile(r"\w+")


def bm25_engine(site_dir: Path) -> Callable[[str], Result]:
    from rank_bm25 import BM25Okapi

    parts = json.loads((site_dir / "answers-sections.json").read_text(encoding="utf-8"))
    corpus = [
        WORDS.findall(" ".join([p["title"], p["heading"], p["text"], p["code"]]).lower())
        for p in parts
    ]
    bm25 = BM25Okapi(corpus)

    def ask(question: str) -> Result:
        scores = bm25.get_scores(WORDS.findall(question.lower()))
        best = sorted(range(len(parts)), key=lambda i: -scores[i])[:3]
        return [(parts[i]["url"], parts[i]["anchor"]) for i in best if scores[i] > 0]

    return ask


def score(engine: str, qs: QuestionSet, answers: list[Result], unanswered: list[Result]) -> Score:
    out = Score(engine)
    for question, result in zip(qs.questions, answers):
        if not result:
            out.in_refused += 1
            out.misses.append(f"refused: {question.text}")
            continue
        if result[0][0] in question.pages:
            out.page_at_1 += 1
        else:
            out.misses.append(f"page@1: {question.text} -> {result[0]}")
        if question.targets & set(result[:3]):
            out.section_at_3 += 1
        else:
            out.misses.append(f"not in 3: {question.text} -> {result[:3]}")
    for text, result in zip(qs.unanswered, unanswered):
        if result:
            out.misses.append(f"answered: {text} -> {result[:1]}")
        else:
            out.out_refused += 1
    return out


def main() -> None:
    parser = arg_parser(__doc__)
    parser.add_argument(
        "--sources", type=Path, required=True, help="folder with a checkout of each site's repo"
    )
    parser.add_argument("--sites", default="", help="comma-separated set names (default: all)")
    parser.add_argument("--misses", action="store_true", help="list each engine's misses")
    parser.add_argument(
        "--params",
        default="",
        help="JSON object overriding rank.js PARAMS, e.g. '{\"minCoverage\": 0.37}'",
    )
    args = parser.parse_args()
    params = parse_params(args.params)
    header("Answer quality: ours, lunr, BM25", args.quick)
    if params:
        print(f"   rank.js PARAMS overridden: {json.dumps(params)}")
    names = [n for n in args.sites.split(",") if n] or sorted(p.stem for p in SETS.glob("*.yml"))
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            qs = load_set(SETS / f"{name}.yml")
            if args.quick:
                qs.questions = qs.questions[:10]
                qs.unanswered = qs.unanswered[:3]
            docs = args.sources / name / qs.docs_dir
            if not docs.is_dir():
                print(f"{docs}: no docs here; see this script's docstring for how to fetch them")
                failed = True
                continue
            site_dir = Path(tmp) / name / "site"
            build(qs, docs, site_dir)
            texts = [q.text for q in qs.questions]
            ours = ask_ours(site_dir / "answers" / "en", texts + qs.unanswered, params)
            n = len(texts)
            scores = [score("ours (rank.js)", qs, ours[:n], ours[n:])]
            for engine, make in (("lunr (search plugin)", lunr_engine), ("BM25", bm25_engine)):
                ask = make(site_dir)
                scores.append(
                    score(engine, qs, [ask(t) for t in texts], [ask(t) for t in qs.unanswered])
                )
            report(qs, scores, args.misses)
    if failed:
        sys.exit(1)


def parse_params(text: str) -> Optional[dict[str, float]]:
    """--params as a dict of numbers, or None when not given; exits with a message
    (what was found, what is allowed) when it is not a JSON object of numbers."""
    if not text:
        return None
    try:
        found = json.loads(text)
    except json.JSONDecodeError as error:
        sys.exit(f"--params: {text!r} is not JSON ({error.msg}); allowed: an object of numbers")
    bad = (
        [f"{key}: {value!r}" for key, value in found.items() if not _number(value)]
        if isinstance(found, dict)
        else [repr(found)]
    )
    if bad:
        sys.exit(f"--params: {', '.join(bad)}: allowed: an object of numbers")
    return {str(key): float(value) for key, value in found.items()}


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def report(qs: QuestionSet, scores: list[Score], misses: bool) -> None:
    n, m = len(qs.questions), len(qs.unanswered)
    section(f"{qs.site}: {qs.repository} at {qs.commit[:7]}, {n} questions + {m} unanswered")
    table(
        ["engine", "page@1", "section@3", "out-of-scope refused", "in-scope refused"],
        [
            [
                s.engine,
                f"{s.page_at_1 / n:.2f}",
                f"{s.section_at_3 / n:.2f}",
                f"{s.out_refused}/{m}",
                f"{s.in_refused}/{n}",
            ]
            for s in scores
        ],
    )
    ours, *baselines = scores
    checks = [
        ("page@1", ours.page_at_1 / n >= PAGE_AT_1, f">= {PAGE_AT_1}"),
        ("section@3", ours.section_at_3 / n >= SECTION_AT_3, f">= {SECTION_AT_3}"),
        ("out-of-scope refused", ours.out_refused >= OUT_REFUSED * m / 10, f">= {OUT_REFUSED}/10"),
        ("in-scope refused", ours.in_refused <= IN_REFUSED * n / 40, f"<= {IN_REFUSED}/40"),
    ]
    for label, ok, target in checks:
        print(f"   {label}: target {target}: {'ok' if ok else 'MISSED'}")
    ahead = all(
        ours.page_at_1 > b.page_at_1
        and ours.section_at_3 > b.section_at_3
        and ours.out_refused > b.out_refused
        and ours.in_refused <= b.in_refused
        for b in baselines
    )
    print(f"   ahead of both baselines on every figure: {'yes' if ahead else 'NO'}")
    if misses:
        for s in scores:
            for line in s.misses:
                print(f"   [{s.engine}] {line}")


if __name__ == "__main__":
    main()
