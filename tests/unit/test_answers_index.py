"""The answers index builder: sections of a page's HTML, pages left out, the files."""

from __future__ import annotations

import bisect
import json
import math

import pytest

from mkdocs_chatspark.answers import Page, build, build_language, excluded, sections
from mkdocs_chatspark.answers import index as answers_index
from mkdocs_chatspark.answers.text import language, terms

PAGE = """
<h1 id="installation">Installation<a class="headerlink" href="#installation">¶</a></h1>
<p>Install the <code>mkdocs</code> package with pip.</p>
<h2 id="requirements">Requirements<a class="headerlink" href="#requirements">¶</a></h2>
<p>You need Python&nbsp;3.9 or newer.</p>
<div class="admonition warning"><p class="admonition-title">Windows</p>
<p>Tick the box that adds Python to your PATH.</p></div>
<h2 id="upgrading">Upgrading</h2>
<pre><code class="language-sh">pip install --upgrade mkdocs
</code></pre>
<h2 id="plugins">Plugins</h2>
<h3 id="search">Search</h3>
<p>Search is built in.</p>
<h4>Lunr</h4>
<p>It uses lunr.</p>
<div data-search-exclude><p>Secret sauce.</p><h2 id="hidden">Hidden</h2><p>gone</p></div>
<p>Back in <em>search</em>.<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>
<a class="footnote-backref" href="#fnref:1">↩</a>
<script>var leak = 1;</script>
"""


def test_sections_follow_headings_and_link_to_their_ids() -> None:
    found = sections(PAGE, "Installing")
    assert [(s.anchor, s.heading) for s in found] == [
        ("", "Installing"),
        ("requirements", "Requirements"),
        ("upgrading", "Upgrading"),
        ("search", "Search"),
    ]


def test_first_section_is_the_page_itself_and_permalinks_are_gone() -> None:
    first = sections(PAGE, "Installing")[0]
    assert first.text == "Install the mkdocs package with pip."
    assert "¶" not in "".join(s.heading + s.text for s in sections(PAGE, "x"))


def test_admonitions_are_prose_and_code_is_kept_apart() -> None:
    by_anchor = {s.anchor: s for s in sections(PAGE, "x")}
    assert by_anchor["requirements"].text == (
        "You need Python 3.9 or newer. Windows Tick the box that adds Python to your PATH."
    )
    assert by_anchor["upgrading"].text == ""
    assert by_anchor["upgrading"].code == "pip install --upgrade mkdocs"


def test_a_heading_with_nothing_of_its_own_becomes_a_parent() -> None:
    search = {s.anchor: s for s in sections(PAGE, "x")}["search"]
    assert "plugins" not in {s.anchor for s in sections(PAGE, "x")}
    assert search.parents == ("Plugins",)


def test_heading_without_id_stays_in_its_section_and_excluded_blocks_go() -> None:
    search = {s.anchor: s for s in sections(PAGE, "x")}["search"]
    assert search.text == "Search is built in. Lunr It uses lunr. Back in search.1"
    everything = " ".join(s.text + s.code for s in sections(PAGE, "x"))
    assert "Secret" not in everything and "gone" not in everything
    assert "leak" not in everything and "↩" not in everything


def test_page_without_h1_keeps_its_preamble_under_the_title() -> None:
    found = sections('<p>Intro words.</p><h2 id="a">A</h2><p>Text.</p>', "Title")
    assert [(s.anchor, s.heading, s.text) for s in found] == [
        ("", "Title", "Intro words."),
        ("a", "A", "Text."),
    ]


@pytest.mark.parametrize(
    ("meta", "out"),
    [
        ({}, False),
        ({"search": {"exclude": True}}, True),
        ({"search": {"exclude": False}}, False),
        ({"search": {"boost": 2}}, False),
        ({"search": "exclude"}, False),
        ({"chatspark": False}, True),
        ({"chatspark": {"actions": []}}, False),
        ({"chatspark": None}, False),
    ],
)
def test_excluded_by_front_matter(meta: dict[str, object], out: bool) -> None:
    assert excluded(meta) is out


def _postings(files: dict[str, str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for name, text in files.items():
        if name.startswith("t"):
            out.update(json.loads(text))
    return out


def _sections(files: dict[str, str]) -> list[list[str]]:
    meta = json.loads(files["meta.json"])
    rows: list[list[str]] = []
    for i in range(len(meta["chunks"])):
        rows += json.loads(files[f"c{i}.json"])
    return rows


def test_excluded_pages_are_not_in_the_index() -> None:
    files = build_language(
        [
            Page("a/", "Alpha", "<p>zebra crossing</p>"),
            Page("b/", "Beta", "<p>zebra hidden</p>", meta={"search": {"exclude": True}}),
            Page("c/", "Gamma", "<p>zebra off</p>", meta={"chatspark": False}),
        ],
        "en",
    )
    assert [row[0] for row in _sections(files)] == ["a/"]
    assert "hidden" not in _postings(files) and "off" not in _postings(files)
    assert _postings(files)["zebra"][0] == 1


def test_meta_carries_the_docs_words_the_site_lacks() -> None:
    # languages.json `docs_words` (stems most documentation sites use): meta.json
    # carries only those the site has no posting of, for rank.js commonWeight.
    words = language("en").raw["docs_words"]
    assert {"install", "split"} <= set(words)
    files = build_language([Page("install/", "Installation", PAGE)], "en")
    carried = json.loads(files["meta.json"])["rules"]["docs_words"]
    assert "install" in _postings(files) and "install" not in carried
    assert "split" not in _postings(files) and "split" in carried
    assert carried == [w for w in words if w not in _postings(files)]
    # A language without the list carries none.
    german = json.loads(build_language([Page("a/", "A", "<p>Haus</p>", "de")], "de")["meta.json"])
    assert "docs_words" not in german["rules"]


def test_meta_and_postings_describe_the_sections() -> None:
    files = build_language([Page("install/", "Installation", PAGE)], "en")
    meta = json.loads(files["meta.json"])
    rows = _sections(files)
    assert meta["version"] == 1 and meta["lang"] == "en"
    assert meta["sections"] == len(rows) == 4 and meta["pages"] == [4]
    assert sum(meta["chunks"]) == 4 and meta["rules"]["stop"] == language("en").raw["stop"]
    assert "synonyms" not in meta["rules"]
    groups = language("en").raw["synonyms"]
    assert len(meta["rules"]["synonym_stems"]) == len(groups)
    assert ["dir", "directory", "folder"] in groups and ["dir", "directory", "folder"] in (
        meta["rules"]["synonym_stems"]
    )
    assert ["config", "configuration", "settings"] in groups
    assert ["config", "configur", "set"] in meta["rules"]["synonym_stems"]
    assert rows[1] == [
        "install/",
        "Installation",
        "Requirements",
        "requirements",
        "You need Python 3.9 or newer. Windows Tick the box that adds Python to your PATH.",
    ]
    # "python" is in section 1 only: [df, gap, impact]
    df, gap, impact = _postings(files)["python"]
    assert (df, gap) == (1, 1) and impact >= 1
    # "install" is in the title of every section: gaps 0, 1, 1, 1
    postings = _postings(files)["install"]
    assert postings[0] == 4 and postings[1::2] == [0, 1, 1, 1]


def test_a_heading_word_scores_more_than_the_same_word_in_prose() -> None:
    files = build_language(
        [
            Page(
                "a/",
                "A",
                '<h2 id="x">Deploy</h2><p>other words here</p><h2 id="y">Y</h2><p>deploy</p>',
            )
        ],
        "en",
    )
    _, _, in_heading, _, in_prose = _postings(files)["deploy"]
    assert in_heading > in_prose


def test_long_postings_keep_the_best_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answers_index, "MAX_POSTINGS", 3)
    pages = [Page(f"p{i}/", f"P{i}", f"<p>{'common ' * (i + 1)} filler{i}</p>") for i in range(6)]
    postings = _postings(build_language(pages, "en"))["common"]
    assert postings[0] == 6
    kept = [sum(postings[1::2][: k + 1]) for k in range(len(postings[1::2]))]
    assert kept == [3, 4, 5]


def test_shards_and_chunks_split_large_sites(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answers_index, "SHARD_BYTES", 200)
    monkeypatch.setattr(answers_index, "CHUNK_BYTES", 200)
    pages = [
        Page(f"p{i}/", f"Page {i}", f"<p>word{i} alpha{i} beta{i} gamma{i}</p>") for i in range(30)
    ]
    files = build_language(pages, "en")
    meta = json.loads(files["meta.json"])
    assert len(meta["shards"]) > 3 and len(meta["chunks"]) > 3
    assert meta["shards"] == sorted(meta["shards"])
    last = ""
    for i, first in enumerate(meta["shards"]):
        keys = list(json.loads(files[f"t{i}.json"]))
        # Each file is listed by the shortest start of its first term after the last
        # term of the file before: every term finds its file by the list.
        assert keys[0].startswith(first) and first > last and keys == sorted(keys)
        assert not i or first[:-1] <= last
        last = keys[-1]
    assert len(_sections(files)) == 30


def test_a_words_stems_that_share_its_first_units_are_in_one_term_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # rank.js looks a word up with the stems between its first 5 units and the stems
    # it starts (`shardsFor(term.slice(0, 5), term + '\uffff')`): one file each, not two.
    monkeypatch.setattr(answers_index, "SHARD_BYTES", 120)
    groups = [a + b + "ba" for a in "kmpt" for b in "aeiou"]  # 20 groups of 4 units
    words = [g + c + d for g in groups for c in "lr" for d in "aiou"]
    pages = [Page(f"p{i}/", f"P{i}", f"<p>{' '.join(words[i::7])}</p>") for i in range(7)]
    files = build_language(pages, "en")
    meta = json.loads(files["meta.json"])
    stems = [key for i in range(len(meta["shards"])) for key in json.loads(files[f"t{i}.json"])]
    assert set(words) <= set(stems) and len(meta["shards"]) >= 6

    def shard(term: str) -> int:  # rank.js shardOf: the first file for a term before all
        return max(0, bisect.bisect_right(meta["shards"], term) - 1)

    for word in words:
        assert shard(word[:5]) == shard(word + "\uffff"), (word, meta["shards"])
    # A word of 4 units finds every stem it starts in one file too.
    for group in groups:
        assert shard(group) == shard(group + "\uffff"), (group, meta["shards"])


def test_each_language_gets_its_own_index() -> None:
    files = build(
        [
            Page("", "Home", "<p>Install the package.</p>", "en"),
            Page("fr/", "Accueil", "<p>Installez les paquets.</p>", "fr"),
            Page("ja/", "ホーム", "<p>パッケージをインストールします。</p>", "ja"),
        ]
    )
    assert {name.split("/")[0] for name in files} == {"en", "fr", "ja"}
    assert json.loads(files["fr/meta.json"])["lang"] == "fr"
    assert "les" not in _postings({k[3:]: v for k, v in files.items() if k.startswith("fr/")})
    ja = _postings({k[3:]: v for k, v in files.items() if k.startswith("ja/")})
    assert "イン" in ja and "パッ" in ja


def test_empty_site_has_an_index_that_answers_nothing() -> None:
    meta = json.loads(build_language([], "en")["meta.json"])
    assert meta["sections"] == 0 and meta["idf_max"] == 0


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (["install", "installs", "installing", "installed", "installation"], True),
        (["configure", "configured", "configuring", "configuration", "configurations"], True),
        (["validate", "validates", "validating", "validation", "validator"], True),
        (["customize", "customizing", "customization", "customise"], True),
        (["library", "libraries"], True),
        (["deploy", "deploying", "deployment"], True),
        (["run", "running"], True),
        # -able after a doubled consonant, as -ing: runnable is run (it was runn).
        (["run", "runnable"], True),
        (["ship", "shipped", "shippable"], True),
        (["add", "added"], True),
        (["class", "classes"], True),
        (["alias", "aliases"], True),
        (["serialize", "serializer", "serializers", "serialization"], True),
        (["page", "plugin"], False),
    ],
)
def test_english_stems_join_forms_of_a_word(words: list[str], same: bool) -> None:
    stems = {tuple(terms(w, language("en"))) for w in words}
    assert (len(stems) == 1) is same


def test_terms_fold_accents_and_drop_stop_words() -> None:
    assert terms("Où est la Documentation?", language("fr")) == ["document"]
    assert terms("How do I install it?", language("en")) == ["install"]
    # Question filler: prepositions and verbs that say where, not what.
    assert terms("put a caption under the image", language("en")) == terms(
        "caption image", language("en")
    )
    assert terms("Überblick", language("de")) == terms("uberblick", language("de"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Parts first, then the segment written whole, folded and stemmed.
        ("model_dump", ["model", "dump", "modeldump"]),
        ("field_validator", ["field", "valid", "fieldvalid"]),
        # lowerCamelCase splits (get is a stop word; the whole keeps it).
        ("getStarted", ["start", "getstart"]),
        ("useDirectoryUrls", ["directory", "url", "usedirectoryurl"]),
        # A capitalised name stays one word: MkDocs is not "mk docs".
        ("MkDocs GitHub BaseModel", ["mkdoc", "github", "basemodel"]),
        # Dotted names: each segment on its own, no whole across the dots.
        ("mkdocs.yml", ["mkdoc", "yml"]),
        ("pydantic.BaseModel.model_dump", ["pydantic", "basemodel", "model", "dump", "modeldump"]),
        # Versions and dates have no whole: their parts are digits.
        ("v1.6.1 2024_01_02", ["v1", "2024", "01", "02"]),
        # A sentence's last dot is not part of a name.
        ("Call model_dump.", ["call", "model", "dump", "modeldump"]),
        # A hyphenated word too: the reader may write it joined ("keepalive").
        (
            "keep-alive built-in e-mail",
            ["keep", "aliv", "keepaliv", "built", "builtin", "mail", "email"],
        ),
        # A date or "utf-8" has no whole: one part or none is a word.
        ("2024-01-02 utf-8", ["2024", "01", "02", "utf"]),
    ],
)
def test_identifiers_count_as_their_parts_and_as_a_whole(text: str, expected: list[str]) -> None:
    assert terms(text, language("en")) == expected


def test_a_whole_identifier_does_not_lengthen_its_section() -> None:
    # Same words, one written as an identifier: BM25's length norm sees the same length.
    split, joined = (
        json.loads(build_language([Page("a/", "A", f"<p>{text}</p>")], "en")["t0.json"])
        for text in ("model dump other", "model_dump other")
    )
    assert joined["model"] == split["model"] and "modeldump" in joined


def test_unknown_language_keeps_words_as_they_are() -> None:
    assert terms("Instalação rápida", language("xx")) == ["instalacao", "rapida"]
    assert language("pt-BR").code == "pt" and language("zh_CN").code == "zh"


def test_idf_max_is_the_idf_of_a_word_in_one_section() -> None:
    meta = json.loads(build_language([Page("a/", "A", "<p>alpha beta</p>")] * 3, "en")["meta.json"])
    assert meta["idf_max"] == round(math.log(1 + (3 - 0.5) / 1.5), 3)


def _notes(headings: list[str]) -> str:
    return "".join(
        f'<h2 id="v{i}">{h}</h2><p>Fixed the strict mode warnings.</p>'
        for i, h in enumerate(headings)
    )


@pytest.mark.parametrize(
    ("headings", "out"),
    [
        # Versions in most headings: release notes, whatever the page's title or language.
        ([f"9.7.{i} March {i + 1}, 2026" for i in range(6)], True),
        ([f"Version 1.{i}.0 (2024-04-20)" for i in range(4)] + ["Upgrading", "Thanks"], True),
        (["v2.0.0", "v1.0b2", "1.4", "Features", "Fixes", "3.1"], True),
        # Too few sections, or versions in too few headings.
        ([f"1.{i}" for i in range(5)], False),
        (["Python 3.9", "Install", "Upgrade", "Upgrading from 8.x to 9.x", "Usage", "API"], False),
        # Dates and plain numbers are not versions.
        ([f"2024-04-{i + 10} meeting" for i in range(6)], False),
    ],
)
def test_release_notes_are_told_by_their_version_headings(headings: list[str], out: bool) -> None:
    assert answers_index.is_release_notes(sections(_notes(headings), "Page")) is out


def test_sections_below_a_version_heading_count_as_versioned() -> None:
    html = "".join(
        f'<h2 id="v{i}">Version 1.{i}.0</h2><h3 id="f{i}">Feature {i}</h3><p>text</p>'
        f'<h3 id="g{i}">Fix {i}</h3><p>text</p>'
        for i in range(3)
    )
    assert answers_index.is_release_notes(sections(html, "Release notes"))


def test_release_notes_score_less_than_the_page_that_documents_a_feature() -> None:
    notes = _notes([f"1.{i}.0" for i in range(6)]).replace("strict", "zebra", 1)
    guide = '<h1 id="g">Guide</h1><p>Fixed the zebra mode warnings.</p>'
    pages = [Page("notes/", "Notes", notes), Page("guide/", "Guide", guide)]
    in_notes, in_guide = _postings(build_language(pages, "en"))["zebra"][2::2]
    # The same words, the same length: only the prior tells them apart.
    assert in_guide == pytest.approx(in_notes / answers_index.VERSIONED_PRIOR, rel=0.1)


@pytest.mark.parametrize(
    ("url", "meta", "out"),
    [
        # Front matter `date:` (Material's blog, as a date or as {created: ...}).
        ("blog/posts/hello/", {"date": "2024-01-31"}, True),
        ("blog/posts/hello/", {"date": {"created": "2024-01-31"}}, True),
        # A date in the address.
        ("blog/2024/01/31/hello/", {}, True),
        ("news/2024-01-31-hello/", {}, True),
        # Numbers that are not a date, and undated pages.
        ("api/v2/1.6/", {}, False),
        ("guide/2024-plans/", {}, False),
        ("guide/", {"title": "Guide"}, False),
    ],
)
def test_dated_pages_are_told_by_front_matter_or_address(
    url: str, meta: dict[str, object], out: bool
) -> None:
    assert answers_index.is_dated(Page(url, "Page", "<p>x</p>", meta=meta)) is out


def test_a_dated_post_scores_less_than_the_page_that_documents_a_feature() -> None:
    text = "<p>Fixed the zebra mode warnings.</p>"
    pages = [
        Page("blog/posts/zebra/", "Notes", text, meta={"date": "2024-01-31"}),
        Page("guide/", "Notes", text),
    ]
    in_post, in_guide = _postings(build_language(pages, "en"))["zebra"][2::2]
    # The same words, the same length: only the prior tells them apart.
    assert in_post == pytest.approx(in_guide * answers_index.DATED_PRIOR, rel=0.1)


@pytest.mark.parametrize(
    ("title", "lang", "out"),
    [
        ("Migration guide", "en", True),
        ("Upgrading to 2.0", "en", True),
        ("Migrating from pip", "en", True),
        ("How to upgrade", "en", True),
        ("Guide", "en", False),
        ("Installation", "en", False),
        # A language without `guides` has none.
        ("Migration guide", "xx", False),
    ],
)
def test_migration_guides_are_told_by_a_word_of_their_title(
    title: str, lang: str, out: bool
) -> None:
    language_ = language(lang)
    assert answers_index.is_guide(terms(title, language_), language_) is out


def test_a_migration_guide_scores_less_than_the_page_that_documents_a_feature() -> None:
    text = "<p>Fixed the zebra mode warnings.</p>"
    others = [Page(f"p{i}/", "Page", "<p>Other words.</p>") for i in range(20)]
    pages = [Page("migration/", "Migration guide", text), Page("guide/", "Zoo guide", text)]
    pages += others
    in_migration, in_guide = _postings(build_language(pages, "en"))["zebra"][2::2]
    # The same words, the same length, titles as long: only the prior tells them apart.
    assert in_migration < in_guide
    assert in_migration == pytest.approx(in_guide * answers_index.GUIDE_PRIOR, rel=0.1)


@pytest.mark.parametrize(
    ("term", "group"),
    [
        ("plugin", "pl"),
        ("x", "x"),
        ("é", "é"),
        ("日本", "日本"),
        ("\U0001d400bc", "\U0001d400"),  # an astral first letter: two UTF-16 units alone
        ("a\U0001d400c", "a"),  # an astral second letter: the first letter alone
    ],
)
def test_a_terms_word_group_is_its_first_two_letters_as_javascript_slices_them(
    term: str, group: str
) -> None:
    assert answers_index.word_group(term) == group


def test_word_lists_hold_every_term_once_by_group(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answers_index, "SHARD_BYTES", 60)
    text = " ".join(f"plu{c}gin pla{c}net zo{c}o" for c in "abcdefghij")
    files = build_language([Page("a/", "Alpha", f"<p>{text} \U0001d400bc</p>")], "en")
    meta = json.loads(files["meta.json"])
    lists = [json.loads(files[f"w{i}.json"]) for i in range(len(meta["words"]))]
    assert f"w{len(meta['words'])}.json" not in files
    assert sorted(term for group in lists for term in group) == sorted(_postings(files))
    for group, terms_of in zip(meta["words"], lists):
        assert terms_of == sorted(terms_of)
        assert {answers_index.word_group(term) for term in terms_of} == {group}
    assert "pl" in meta["words"] and "\U0001d400" in meta["words"]
    assert len([name for name in files if name.startswith("t")]) > 3


def test_a_heading_the_page_has_twice_carries_the_heading_above_it() -> None:
    # cibuildwheel's options page has an "Examples" under each option; mkdocstrings
    # documents a method under each class: the reader must tell the sources apart.
    html = (
        '<h2 id="build">build</h2><p>Choose the builds.</p>'
        '<h3 id="examples">Examples</h3><p>build = "cp313-*"</p>'
        '<h2 id="environment">environment</h2><p>Set variables.</p>'
        '<h3 id="examples_1">Examples</h3><p>environment = { FOO = "bar" }</p>'
        '<h3 id="notes">Notes</h3><p>Quote the values.</p>'
    )
    rows = _sections(build_language([Page("options/", "Options", html)], "en"))
    assert [row[2:4] + row[5:] for row in rows] == [
        ["build", "build"],
        ["Examples", "examples", "build"],
        ["environment", "environment"],
        ["Examples", "examples_1", "environment"],
        ["Notes", "notes"],
    ]
    # Once per page is enough: the same heading on two pages is told apart by the title.
    other = _sections(
        build_language(
            [Page("a/", "A", html), Page("b/", "B", "<h2 id='build'>build</h2><p>x</p>")], "en"
        )
    )
    assert [len(row) for row in other if row[2] == "build"] == [5, 5]
