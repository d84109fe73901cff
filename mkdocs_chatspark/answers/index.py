"""The answers index of a site: per language, sections scored per term, in small files.

The browser fetches a language's `meta.json` first, then only the term files ("shards")
that hold the question's words, then the section files ("chunks") of the sections it
quotes. So the bytes a first answer costs grow with the question, not with the site.

Files of one language (names relative to `<lang>/`):

- `meta.json`: `{"version", "lang", "rules": {"stop", "steps", "synonym_stems", "phrases"?,
  "docs_words"? (the language's `docs_words` this site does not have)},
  "sections": N,
  "pages": [sections of page 0, of page 1, ...], "shards": [where each shard starts:
  the shortest start of its first term that sorts after the shard before's last term],
  "chunks": [sections in chunk 0, in chunk 1, ...], "words": [group of w0, of w1, ...],
  "scale", "idf_max"}`
- `t<i>.json`: `{term: [df, gap, impact, gap, impact, ...]}`, about SHARD_BYTES each,
  split between groups of stems with the same first units (PREFIX_UNITS), so that a
  word's lookup loads one file. `gap` is the section's
  number minus the previous one's in the list (the first is the number itself);
  `impact` is the section's BM25F score for the term times `scale`, rounded.
  `df` is the number of sections that hold the term (the list may keep only the best).
- `c<i>.json`: `[[url, page title, heading, anchor, text], ...]`, the sections of the chunk.
  A heading its page has more than once (cibuildwheel's twenty "Examples", a method
  mkdocstrings documents on each class) has a sixth item, the heading above it, so
  that a source reads "Options > environment > Examples" (`under`).
- `w<i>.json`: `[term, ...]`, the terms of one group (`meta.words[i]`: their first two
  letters, see `word_group`), sorted. A word of a question the site does not have is
  matched against the terms of its group for a typing slip (rank.js), and only the
  term files of the terms close enough load: not every term file of its two letters.

The score of a term in a section (BM25F, Robertson and Zaragoza 2009): the term's
occurrences weighted by field (page title, heading, prose, code), saturated with k1
and normalised by the section's length with b, times the term's idf.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .sections import Section, excluded, sections
from .text import Language, counted, language, stems, terms
from .vocabulary import given

FORMAT_VERSION = 1

K1 = 1.2
B = 0.75
TITLE_BONUS = 1.5
"""Added to a term's score (before idf) in every section of a page whose title has it,
divided by the square root of the title's number of terms: a short title is about
each of its words more than a long one. 1.5, not 1.0: on the five tuning sets of
benchmarks/answers (3 Dec 2026) no figure fell and two rose (Material's page@1,
Hatch's section@3); at 2.0 MkDocs' and uv's section@3 fell."""
PARENT_BONUS = 0.5
"""Added to a term's score (before idf) in a section below a heading that has it."""
HEADING_BONUS = 1.5
"""Added to a term's score (before idf) in a section whose heading has it, divided
like TITLE_BONUS by the square root of the heading's number of terms. Prose
saturates at k1 + 1 = 2.2: a word in the heading counts about as much as several in
the prose, and the two add up. 1.5, not 2.0, since sources are ranked with coverage
to the power 1 (rank.js coverPower): over the nine sets of benchmarks/answers (3 Dec
2026, fourth round) page@1 rose by 3 questions, section@3 by 1, one fewer refused;
at 1.75 nothing moved."""
GIVEN_BONUS = 1.0
"""Added to a term's score (before idf) in a section the rest of the site names with
it (vocabulary.py: the text of links to it, its page's `h1` and `description`): each
text adds 1 over the square root of its number of terms, at most GIVEN_BONUS in all.
Less than HEADING_BONUS: another's words for a section, not its author's name for it."""
CODE_WEIGHT = 0.5
"""A word in a code block counts as half a word of prose."""
VERSIONED_PRIOR = 0.4
"""A release-notes page's sections score this share: such a page (a changelog, release
notes, a history) names every feature in a heading of its own, and would otherwise
win over the page that documents the feature. See `is_release_notes`."""
VERSIONED_MIN_SECTIONS = 6
VERSIONED_SHARE = 0.5
VERSION = re.compile(r"(?<![\w.])v?\d+\.\d+(?:\.\d+)*(?:[-.]?(?:a|b|rc|alpha|beta)\d*)?(?![\w.])")
"""A version number: 1.6, 9.7.6, v2.0.0, 1.0b2 (not a date's 2024-04-20, not a word's 3)."""
DATED_PRIOR = 0.5
"""A dated page's sections (a blog post, a news item) score this share: a post tells
what was new on its day, and names in passing what the docs explain. Told by shape:
front matter `date:` or a date in the page's address. See `is_dated`."""
GUIDE_PRIOR = 0.7
"""A migration or upgrade guide's sections score this share: like release notes, such a
guide names each feature that changed ("Changes to the validators"), and would win over
the page that documents the feature. Told by a word of its title the language lists as
such (languages.json `guides`: "Migration guide", "Upgrading to 2.0"). Less than
VERSIONED_PRIOR: the guide is the answer to how to upgrade. See `is_guide`."""
DATED_URL = re.compile(r"(?:^|/)\d{4}/\d{1,2}/|\d{4}-\d{2}-\d{2}")
"""A date in an address: blog/2024/03/title/ or news/2024-03-05-title/."""
SCALE = 10
"""Impacts are stored as integers: score times SCALE, rounded (at least 1)."""
MAX_POSTINGS = 1000
"""A term keeps its best-scoring sections only, so that a word in every page of a
10,000-page site does not cost the reader megabytes. Such a word scores little anyway."""
SHARD_BYTES = 8_000
"""A term file ends at the first term after this many bytes of JSON that starts a new
group of stems (see PREFIX_UNITS)."""
PREFIX_UNITS = 5
"""rank.js looks a word up with the site's stems that share its first minPrefix + 1
(5) UTF-16 units, and a 4-unit word with every stem it starts: a term file that ended
inside such a group made the word load two term files, or three. A fetch costs the
page's main thread several ms with the CPU slowed 4x, and a question sent at once (a
pasted one) waits for them. So a term file goes on past SHARD_BYTES to the end of
its last term's group of PREFIX_UNITS - 1 units (up to twice SHARD_BYTES), else of
PREFIX_UNITS units (up to SHARD_BYTES_MAX); a bigger group is cut as before."""
SHARD_BYTES_MAX = 24_000
"""A group of stems too big for one file (a few common words of 1,000 sections each
under one prefix) is split after this many bytes, as any term file once was."""
CHUNK_BYTES = 8_000
"""A section file ends at the first section after this many bytes of JSON."""
TEXT_CHARS = 2_000
"""Prose kept per section, for the passage an answer quotes."""


@dataclass(frozen=True)
class Page:
    """A page as the site publishes it."""

    url: str
    """The page's address from the site's root, as MkDocs' `page.url` has it."""
    title: str
    html: str
    """The page's content HTML (`page.content`)."""
    lang: str = "en"
    meta: Mapping[str, Any] = field(default_factory=dict)
    """The page's front matter: `search: {exclude: true}` or `chatspark: false` leave it out."""


@dataclass
class _Entry:
    page: int
    url: str
    title: str
    section: Section
    weights: dict[str, float]
    """Occurrences in prose (a word in code counts CODE_WEIGHT)."""
    bonus: dict[str, float]
    """TITLE_BONUS and HEADING_BONUS the section's terms earn."""
    length: float
    prior: float = 1.0
    """VERSIONED_PRIOR on a release-notes page, times DATED_PRIOR on a dated one, times
    GUIDE_PRIOR on a migration guide."""


def is_release_notes(parts: Sequence[Section]) -> bool:
    """Whether a page is release notes: at least VERSIONED_MIN_SECTIONS headed sections,
    and at least VERSIONED_SHARE of them with a version number in their heading or in a
    heading above them. Told by its shape, not its title, so in any language."""
    headed = [part for part in parts if part.anchor]
    if len(headed) < VERSIONED_MIN_SECTIONS:
        return False
    versioned = sum(
        1 for part in headed if any(VERSION.search(h) for h in (part.heading, *part.parents))
    )
    return versioned >= VERSIONED_SHARE * len(headed)


def is_dated(page: Page) -> bool:
    """Whether a page is a dated post: front matter `date:` or a date in its address."""
    return "date" in page.meta or bool(DATED_URL.search(page.url))


def is_guide(title_terms: Iterable[str], lang: Language) -> bool:
    """Whether a page is a guide to moving between versions: a word of its title is one
    of the language's `guides` (languages.json), compared as stems."""
    return not lang.guides.isdisjoint(title_terms)


def word_group(term: str) -> str:
    """The word list a term is in: its first two letters, as rank.js takes a word's
    first two (`term.slice(0, 2)`, UTF-16 units); where either is outside the Basic
    Multilingual Plane (two units in JavaScript), its first letter alone."""
    first, second = term[:1], term[1:2]
    return first + second if first <= "\uffff" and second <= "\uffff" else first


def _js_order(term: str) -> bytes:
    """The key that sorts strings as JavaScript compares them, by UTF-16 units: rank.js
    finds a term's file by comparing it with each file's first term. Python's code point
    order differs beyond the Basic Multilingual Plane (U+20000 sorts before U+FA0E)."""
    return term.encode("utf-16-be", "surrogatepass")


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _entries(pages: Sequence[Page], lang: Language) -> list[_Entry]:
    out: list[_Entry] = []
    vocabulary = given(pages)
    for number, page in enumerate(pages):
        title_terms = terms(page.title, lang)
        parts = sections(page.html, page.title)
        prior = VERSIONED_PRIOR if is_release_notes(parts) else 1.0
        if is_dated(page):
            prior *= DATED_PRIOR
        if is_guide(title_terms, lang):
            prior *= GUIDE_PRIOR
        for section in parts:
            weights: dict[str, float] = defaultdict(float)
            bonus: dict[str, float] = defaultdict(float)
            for term in set(title_terms):
                bonus[term] += TITLE_BONUS / math.sqrt(len(set(title_terms)))
            heading_terms = set(terms(section.heading, lang))
            for term in heading_terms:
                bonus[term] += HEADING_BONUS / math.sqrt(len(heading_terms))
            for term in set(terms(" ".join(section.parents), lang)):
                bonus[term] += PARENT_BONUS
            named: dict[str, float] = defaultdict(float)
            for text in vocabulary[number].get(section.anchor, ()):
                text_terms = set(terms(text, lang))
                for term in text_terms:
                    named[term] += 1 / math.sqrt(len(text_terms))
            for term, value in named.items():
                if term not in heading_terms and term not in title_terms:
                    bonus[term] += GIVEN_BONUS * min(1.0, value)
            body, body_length = counted(section.text, lang)
            code, code_length = counted(section.code, lang)
            for term in body:
                weights[term] += 1
            for term in code:
                weights[term] += CODE_WEIGHT
            if weights or bonus:
                length = body_length + CODE_WEIGHT * code_length
                out.append(
                    _Entry(number, page.url, page.title, section, weights, bonus, length, prior)
                )
    return out


def _split(
    items: Iterable[tuple[Any, str]],
    limit: int,
    goes_on: Callable[[Any, Any, int], bool] = lambda previous, key, size: False,
) -> list[list[tuple[Any, str]]]:
    """Consecutive items in groups of about `limit` bytes of JSON; a group goes on past
    `limit` while `goes_on(previous key, key, its size)`."""
    groups: list[list[tuple[Any, str]]] = [[]]
    size = 0
    previous: Any = None
    for key, text in items:
        if size >= limit and not goes_on(previous, key, size):
            groups.append([])
            size = 0
        groups[-1].append((key, text))
        size += len(text) + 1
        previous = key
    return groups


def _term_file_goes_on(previous: str, term: str, size: int) -> bool:
    """Whether a term file of `size` bytes takes `term` after `previous`: while they
    share a group (PREFIX_UNITS)."""
    a, b = _js_order(previous), _js_order(term)
    short = 2 * (PREFIX_UNITS - 1)
    if size < 2 * SHARD_BYTES and a[:short] == b[:short]:
        return True
    return size < SHARD_BYTES_MAX and a[: short + 2] == b[: short + 2]


def _first_key(previous: str, first: str) -> str:
    """What meta.json lists for a term file: the shortest start of its first term that
    sorts after the term before it. rank.js looks a word's stems up from its first
    units (`minol` for `minolime`): with the whole first term (`minoles`) listed, the
    file before was loaded too, for nothing."""
    before = _js_order(previous)
    for end in range(1, len(first) + 1):
        if _js_order(first[:end]) > before:
            return first[:end]
    return first


def _row(entry: _Entry, repeated: Counter[tuple[int, str]]) -> list[str]:
    """A section's row of a chunk file: with the heading above it where its own heading
    is on its page more than once, or the reader sees the same source name twice."""
    section = entry.section
    row = [entry.url, entry.title, section.heading, section.anchor, _passage_text(section)]
    if repeated[entry.page, section.heading] > 1 and section.parents:
        row.append(section.parents[-1])
    return row


def build_language(pages: Sequence[Page], lang_code: str) -> dict[str, str]:
    """The index files of one language's pages: {file name: JSON text}."""
    lang = language(lang_code)
    kept = [page for page in pages if not excluded(page.meta)]
    entries = _entries(kept, lang)
    count = len(entries)
    average = sum(e.length for e in entries) / count if count else 1.0
    postings: dict[str, list[tuple[int, float]]] = {}
    for number, entry in enumerate(entries):
        norm = K1 * (1 - B + B * entry.length / (average or 1.0))
        for term in entry.weights.keys() | entry.bonus.keys():
            weight = entry.weights.get(term, 0.0)
            score = weight * (K1 + 1) / (weight + norm) + entry.bonus.get(term, 0.0)
            score *= entry.prior
            postings.setdefault(term, []).append((number, score))

    def encoded(term: str, found: list[tuple[int, float]]) -> list[int]:
        df = len(found)
        idf = math.log(1 + (count - df + 0.5) / (df + 0.5))
        # In section order already; sorted by score only when some must go.
        best = (
            found
            if df <= MAX_POSTINGS
            else sorted(sorted(found, key=lambda p: -p[1])[:MAX_POSTINGS])
        )
        out = [df]
        previous = 0
        for section, score in best:
            out += [section - previous, max(1, round(score * idf * SCALE))]
            previous = section
        return out

    shards = _split(
        (
            (term, f"{_dump(term)}:{_dump(encoded(term, postings[term]))}")
            for term in sorted(postings, key=_js_order)
        ),
        SHARD_BYTES,
        _term_file_goes_on,
    )
    files: dict[str, str] = {}
    for i, shard in enumerate(shards):
        files[f"t{i}.json"] = "{" + ",".join(text for _, text in shard) + "}"
    repeated = Counter((e.page, e.section.heading) for e in entries)
    rows = ((e.page, _dump(_row(e, repeated))) for e in entries)
    chunks = _split(rows, CHUNK_BYTES)
    for i, chunk in enumerate(chunks):
        files[f"c{i}.json"] = "[" + ",".join(text for _, text in chunk) + "]"
    groups: dict[str, list[str]] = {}
    for term in sorted(postings, key=_js_order):
        groups.setdefault(word_group(term), []).append(term)
    for i, group in enumerate(groups.values()):
        files[f"w{i}.json"] = _dump(group)
    per_page = Counter(e.page for e in entries)
    meta = {
        "version": FORMAT_VERSION,
        "lang": lang.code,
        "rules": {
            "stop": lang.raw["stop"],
            "steps": lang.raw["steps"],
            "synonym_stems": synonym_stems(lang),
            **({"phrases": lang.raw["phrases"]} if lang.raw.get("phrases") else {}),
            **(
                {"docs_words": [w for w in lang.raw["docs_words"] if w not in postings]}
                if lang.raw.get("docs_words")
                else {}
            ),
        },
        "sections": count,
        "pages": [per_page[p] for p in sorted(per_page)],
        "shards": [
            (_first_key(shards[i - 1][-1][0], shard[0][0]) if i else shard[0][0]) if shard else ""
            for i, shard in enumerate(shards)
        ],
        "chunks": [len(chunk) for chunk in chunks] if entries else [],
        "words": list(groups),
        "scale": SCALE,
        "idf_max": round(math.log(1 + (count - 0.5) / 1.5), 3) if count else 0,
    }
    files["meta.json"] = _dump(meta)
    return files


def synonym_stems(lang: Language) -> list[list[str]]:
    """The language's synonym groups (languages.json `synonyms`) as stems, each once,
    as text.js `compileRules` made them from the words: stemming 72 words as
    meta.json arrived was 6-22 ms of that task with the CPU slowed 4x (the stemmer's
    first runs, interpreted), the longest task of a first answer at 10,000 pages."""
    return [list(dict.fromkeys(stems(group, lang))) for group in lang.raw.get("synonyms", [])]


def _passage_text(section: Section) -> str:
    text = section.text or section.code
    if len(text) <= TEXT_CHARS:
        return text
    cut = text.rfind(" ", 0, TEXT_CHARS)
    return text[: cut if cut > 0 else TEXT_CHARS]


def build(pages: Iterable[Page]) -> dict[str, str]:
    """The index files of a site, one folder per language: {`<lang>/<file>`: JSON text}."""
    by_lang: dict[str, list[Page]] = {}
    for page in pages:
        by_lang.setdefault(page.lang, []).append(page)
    files: dict[str, str] = {}
    for code, group in by_lang.items():
        for name, text in build_language(group, code).items():
            files[f"{code}/{name}"] = text
    return files
