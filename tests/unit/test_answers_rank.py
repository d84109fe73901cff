"""The browser's ranker (assets/src/answers/rank.js) run in Node over indexes the builder wrote.

Node runs the very file the browser loads, through benchmarks/answers/ask.mjs, the
runner the quality scorer uses.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from support import write_index

from mkdocs_chatspark.answers import Page
from mkdocs_chatspark.answers import index as answers_index
from mkdocs_chatspark.answers.text import language, terms

ROOT = Path(__file__).resolve().parents[2]
ASK = ROOT / "benchmarks" / "answers" / "ask.mjs"
TEXT_JS = ROOT / "mkdocs_chatspark" / "assets" / "src" / "answers" / "text.js"

DEPLOY = """
<h1 id="deploying">Deploying your docs</h1>
<p>A basic guide to deploying your docs to various hosting providers.</p>
<h2 id="github-pages">GitHub Pages</h2>
<p>If you host the source code of a project on GitHub, you can easily use GitHub Pages
to host the documentation for your project. Run <code>mkdocs gh-deploy</code>.</p>
<h2 id="read-the-docs">Read the Docs</h2>
<p>Read the Docs offers free documentation hosting. You can import your docs using
any major version control system.</p>
<h2 id="custom-domains">Custom Domains</h2>
<p>GitHub Pages includes support for using a Custom Domain for your site. Add a CNAME file.</p>
"""
CONFIG = """
<h1 id="configuration">Configuration</h1>
<p>Guide to all available configuration settings.</p>
<h2 id="site_dir">site_dir</h2>
<p>Lets you set the directory where the output HTML and other files are created.</p>
<h2 id="strict">strict</h2>
<p>Determines how warnings are handled. Set to true to halt processing when a warning is raised.</p>
"""
HIDDEN = "<h1 id='h'>Internal</h1><p>The zanzibar procedure for deploying.</p>"


def ask(folder: Path, questions: list[str], **options: Any) -> list[Any]:
    done = subprocess.run(
        ["node", str(ASK), str(folder)],
        input=json.dumps({"questions": questions, **options}),
        capture_output=True,
        text=True,
        check=True,
    )
    answers: list[Any] = json.loads(done.stdout)
    return answers


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("answers")
    write_index(
        folder,
        [
            Page("user-guide/deploying/", "Deploying your docs", DEPLOY),
            Page("user-guide/configuration/", "Configuration", CONFIG),
            Page("internal/", "Internal", HIDDEN, meta={"search": {"exclude": True}}),
        ],
    )
    return folder / "en"


def test_answer_quotes_the_section_and_links_to_it(site: Path) -> None:
    [answer] = ask(site, ["How do I publish my docs on GitHub Pages?"])
    assert answer["found"] is True
    best = answer["sources"][0]
    assert best["url"] == "user-guide/deploying/"
    assert (best["anchor"], best["heading"]) == ("github-pages", "GitHub Pages")
    assert best["href"] == "user-guide/deploying/#github-pages"
    assert best["title"] == "Deploying your docs"
    assert best["passage"].startswith("If you host the source code")
    marked = [best["passage"][a:b] for a, b in best["marks"]]
    # "publish" and "docs" find their synonyms "deploy" and "documentation" too; a
    # hyphenated word is marked whole, as an identifier is ("gh-deploy").
    assert {m.lower() for m in marked} == {"github", "pages", "gh-deploy", "documentation"}


def test_sources_are_at_most_as_many_as_asked(site: Path) -> None:
    one, three = ask(site, ["github pages custom domain"], sources=1) + ask(
        site, ["github pages custom domain"]
    )
    assert len(one["sources"]) == 1
    assert 1 < len(three["sources"]) <= 3
    assert three["sources"][0]["anchor"] == "custom-domains"
    scores = [s["score"] for s in three["sources"]]
    assert scores == sorted(scores, reverse=True)


def test_a_question_the_site_does_not_answer_is_refused(site: Path) -> None:
    for answer in ask(site, ["how do I bake sourdough bread", "how do I?", "", "???"]):
        assert answer == {"found": False, "sources": []}


def test_typos_and_other_forms_of_a_word_still_find_it(site: Path) -> None:
    answers = ask(site, ["stirct warnings", "where is the output directory created"])
    assert [a["sources"][0]["anchor"] for a in answers] == ["strict", "site_dir"]


def test_a_slip_that_moves_the_stemmer_still_finds_the_word(tmp_path: Path) -> None:
    # "pagnation" is stemmed `pagnat`, three slips from the site's `pagin`, and
    # "requried" `requry`, two from `requir`: their starts are one slip from it.
    page = (
        "<h2 id='pagination'>Pagination</h2><p>Pagination splits long lists into pages.</p>"
        "<h2 id='required'>Required options</h2><p>An option can be required.</p>"
        "<h2 id='colours'>Colours</h2><p>Colours and fonts of the pages.</p>"
    )
    site = write_index(tmp_path, [Page("g/", "Guide", page)]) / "en"
    pagnation, requried = ask(site, ["pagnation", "requried option"])
    assert pagnation["found"] and pagnation["sources"][0]["anchor"] == "pagination"
    assert requried["found"] and requried["sources"][0]["anchor"] == "required"


def test_a_synonym_finds_the_site_word_at_a_discount(tmp_path: Path) -> None:
    # The site says "directory" and "HTML", never "folder" or "stylesheet".
    page = (
        "<h2 id='output'>Output</h2><p>The directory where the HTML files are written.</p>"
        "<h2 id='theme'>Theme</h2><p>Colours and fonts of the pages.</p>"
    )
    site = write_index(tmp_path, [Page("c/", "Configuration", page)]) / "en"
    folder, directory, stylesheet = ask(site, ["folder", "directory", "stylesheet"])
    assert folder["found"] and folder["sources"][0]["anchor"] == "output"
    assert directory["sources"][0]["anchor"] == "output"
    assert 0 < folder["sources"][0]["score"] < directory["sources"][0]["score"]
    # The passage marks the site's word the synonym found.
    source = folder["sources"][0]
    assert [source["passage"][a:b] for a, b in source["marks"]] == ["directory"]
    # No group holds "stylesheet" and anything the site says: refused.
    assert stylesheet == {"found": False, "sources": []}


def test_a_callout_is_what_mkdocs_sites_call_an_admonition(tmp_path: Path) -> None:
    # "callout" (the common name elsewhere) is no word of the site: refused before
    # languages.json had the group.
    page = (
        "<h2 id='titles'>Titles</h2><p>An admonition's title follows its type.</p>"
        "<h2 id='icons'>Icons</h2><p>Each type of admonition has its own icon.</p>"
    )
    other = (
        "<h2 id='page-titles'>Page titles</h2><p>A page's title is its first heading's title.</p>"
        "<h2 id='changes'>Changes</h2><p>Change the theme.</p>"
    )
    pages = [Page("a/", "Admonitions", page), Page("p/", "Pages", other)]
    site = write_index(tmp_path, pages)
    [found] = ask(site / "en", ["change the title of a callout"])
    assert found["found"] and found["sources"][0]["anchor"] == "titles"


def test_a_short_page_title_speaks_for_each_of_its_sections(tmp_path: Path) -> None:
    # The page titled "Cache" answers where the cache's files go, though its section
    # says only "folder": its title's word counts in each of its sections (TITLE_BONUS
    # 1.5). At 1.0 the reference section whose long heading names folders, and whose
    # prose names the cache once, came first.
    cache = (
        "<h2 id='where'>Where files go</h2>"
        "<p>Files are kept in a folder under your home, one per project.</p>"
        "<h2 id='clear'>Clearing</h2><p>Run the clean command.</p>"
    )
    reference = (
        "<h2 id='folders'>Folder options, paths and names</h2><p>The cache setting names one.</p>"
        "<h2 id='other'>Other</h2><p>Colours and fonts.</p>"
    )
    pages = [Page("cache/", "Cache", cache), Page("settings/", "Settings reference", reference)]
    site = write_index(tmp_path, pages) / "en"
    [found] = ask(site, ["which folder does the cache use"])
    assert [s["href"] for s in found["sources"][:2]] == ["cache/#where", "settings/#folders"]


def test_a_compound_the_reader_sees_shows_the_word_it_ends_with(tmp_path: Path) -> None:
    # "tab" is no word of the site: the question's heaviest. The section that answers
    # holds "completion" in its code only, and shows "autocompletion" (one word) and
    # "zsh": without "completion" seen inside "autocompletion", too little of the
    # question showed in any source, and the answer was "not found".
    install = (
        "<h2 id='shell-autocompletion'>Shell autocompletion</h2>"
        "<p>To enable shell autocompletion, run one of the following for bash or zsh.</p>"
        '<pre><code>eval "$(tool generate-shell-completion zsh)"</code></pre>'
        "<h2 id='upgrading'>Upgrading</h2><p>Run the installer again.</p>"
    )
    cli = (
        "<h2 id='commands'>Commands</h2><p>Each command prints its help.</p>"
        "<h2 id='options'>Options</h2><p>Options go before the arguments.</p>"
        "<h2 id='cache'>Cache</h2><p>Clearing the cache frees disk space.</p>"
    )
    pages = [Page("install/", "Installation", install), Page("cli/", "CLI", cli)]
    site = write_index(tmp_path, pages) / "en"
    [found] = ask(site, ["tab completion in zsh"])
    assert found["found"] and found["sources"][0]["anchor"] == "shell-autocompletion"


def test_upgrade_finds_the_migration_guide(tmp_path: Path) -> None:
    # languages.json's `guides` words name one thing: a reader upgrades, the docs migrate.
    guide = "<h2 id='install'>Install version 2</h2><p>Migrating from version 1 takes a new install.</p>"
    other = "<h2 id='settings'>Settings</h2><p>The version 1 settings still load.</p>"
    site = write_index(
        tmp_path, [Page("migration/", "Migration guide", guide), Page("s/", "Settings", other)]
    )
    [found] = ask(site / "en", ["upgrade from version 1"])
    assert found["found"] and found["sources"][0]["url"] == "migration/"


def test_the_first_source_is_on_the_page_that_answers_in_two_places(tmp_path: Path) -> None:
    # Reference's one section scores a little more on its own than either of Security's;
    # Security answers in two sections, so its best leads (pageWeight), and the other
    # sources keep their own order after it.
    reference = "<h2 id='token-rotation'>Token rotation</h2><p>Rotate a token often: rotate it every ninety days.</p>"
    security = (
        "<h2 id='rotating-tokens'>Rotating tokens</h2><p>Rotate the token from the settings page.</p>"
        "<h2 id='lifetime'>Token lifetime</h2><p>A token lives for ninety days: rotate it before then.</p>"
    )
    site = (
        write_index(
            tmp_path,
            [Page("reference/", "Reference", reference), Page("security/", "Security", security)],
        )
        / "en"
    )
    [helped] = ask(site, ["rotate a token"])
    [alone] = ask(site, ["rotate a token"], params={"pageWeight": 0})
    assert [s["href"] for s in alone["sources"]] == [
        "reference/#token-rotation",
        "security/#rotating-tokens",
        "security/#lifetime",
    ]
    assert [s["href"] for s in helped["sources"]] == [
        "security/#rotating-tokens",
        "reference/#token-rotation",
        "security/#lifetime",
    ]
    scores = [s["score"] for s in helped["sources"]]
    assert scores == sorted(scores, reverse=True)


def test_whether_the_site_answers_is_judged_apart_from_the_order_of_sources(
    tmp_path: Path,
) -> None:
    # Walrus's short section is all about the commonest word of the question (its title
    # and heading); Tour's long one holds all three once. Ranked by score alone
    # (coverPower 0) Walrus leads, but whether there is an answer is judged on the lead
    # that coverage picks (judgePower): Tour, which holds the whole question.
    filler = " ".join(f"word{i}" for i in range(80))
    walrus = "<h2 id='walrus'>Walrus</h2><p>The walrus: a walrus is big. Every walrus swims.</p>"
    tour = f"<h2 id='tour'>Tour</h2><p>Our walrus sings at the opera. {filler}</p>"
    others = [
        Page(f"p{i}/", f"Page {i}", f"<p>Walrus fact {i}.</p>" if i < 3 else f"<p>Text {i}.</p>")
        for i in range(8)
    ]
    site = write_index(
        tmp_path, [Page("walrus/", "Walrus", walrus), Page("tour/", "Concerts", tour), *others]
    )
    [ranked] = ask(site / "en", ["walrus sings opera"], params={"coverPower": 0})
    assert ranked["found"]
    assert [s["href"] for s in ranked["sources"][:2]] == ["walrus/#walrus", "tour/#tour"]
    # Judged on the lead by score alone, the question looks scattered: not found.
    [judged] = ask(site / "en", ["walrus sings opera"], params={"coverPower": 0, "judgePower": 0})
    assert judged == {"found": False, "sources": []}


def test_a_word_of_the_question_is_no_variant_of_another(tmp_path: Path) -> None:
    # "views" finds `viewset` by its start; the question asks for viewsets itself, so
    # a section about viewsets alone does not count for both of its words.
    routers = (
        "<h2 id='viewsets'>ViewSets</h2><p>A viewset groups actions. Register the viewset"
        " with a router; each viewset gets its URLs.</p>"
    )
    tutorial = "<h2 id='trade-offs'>Trade-offs</h2><p>Views are explicit; viewsets are shorter.</p>"
    others = [Page(f"p{i}/", f"Page {i}", f"<p>Other text {i}.</p>") for i in range(6)]
    site = write_index(
        tmp_path,
        [Page("viewsets/", "Routers", routers), Page("tutorial/", "Tutorial", tutorial), *others],
    )
    [answer] = ask(site / "en", ["why viewsets instead of views"])
    assert [s["href"] for s in answer["sources"]] == ["tutorial/#trade-offs", "viewsets/#viewsets"]


def test_words_scattered_through_a_long_section_are_not_an_answer(tmp_path: Path) -> None:
    filler = " ".join(f"word{i}" for i in range(60))  # about 400 characters
    scattered = (
        f"<p>The walrus {filler} sings {filler} at the opera {filler} in a hat {filler}"
        " on Mondays.</p>"
    )
    together = "<p>The walrus sings at the opera in a hat on Mondays.</p>"
    site = write_index(
        tmp_path,
        [Page("post/", "News", scattered), Page("other/", "Other", "<p>Nothing here.</p>")],
    )
    # Every word is in the section (coverage 1), but no passage shows two of them: a
    # fifth of the question's weight, under minShown.
    question = "walrus sings opera hat mondays"
    [answer] = ask(site / "en", [question])
    assert answer == {"found": False, "sources": []}
    site = write_index(
        tmp_path / "b", [Page("post/", "News", together), Page("o/", "O", "<p>x y</p>")]
    )
    [answer] = ask(site / "en", [question])
    assert answer["found"] and answer["sources"][0]["url"] == "post/"


def test_a_named_identifier_finds_the_section_that_names_it(tmp_path: Path) -> None:
    page = (
        "<h2 id='dumping'>Dumping</h2><p>A model dumps its fields; the dump is a model's copy"
        " and each model dump keeps the model.</p>"
        "<h2 id='python'>Python mode</h2><p>Call <code>model_dump()</code> for a dict.</p>"
    )
    site = write_index(tmp_path, [Page("s/", "Serialization", page)]) / "en"
    named, parts = ask(site, ["model_dump", "modelDump"])
    # The words are in both; only the second section names model_dump.
    assert named["sources"][0]["anchor"] == "python"
    assert parts["sources"][0]["anchor"] == "python"
    source = named["sources"][0]
    assert [source["passage"][a:b] for a, b in source["marks"]] == ["model_dump"]


def test_a_word_written_joined_finds_the_section_that_hyphenates_it(tmp_path: Path) -> None:
    # The docs write "keep-alive" and "auto-reload"; the reader types "keepalive" and
    # "autoreload". Each is the hyphenated word written whole (a reader on Uvicorn's
    # docs had "how to change keepalive timeout" refused).
    page = (
        "<h2 id='timeouts'>Timeouts</h2><p>Close Keep-Alive connections after this timeout.</p>"
        "<h2 id='reload'>Development</h2><p>Turn on auto-reload while you work.</p>"
        "<h2 id='other'>Other</h2><p>A timeout for the lifespan, and work to keep.</p>"
    )
    site = write_index(tmp_path, [Page("s/", "Settings", page)]) / "en"
    keep, auto = ask(site, ["how to change keepalive timeout", "autoreload"])
    assert keep["found"] and keep["sources"][0]["anchor"] == "timeouts"
    assert auto["found"] and auto["sources"][0]["anchor"] == "reload"
    # The hyphenated word is marked whole in the passage, as an identifier is.
    marked = [keep["sources"][0]["passage"][a:b] for a, b in keep["sources"][0]["marks"]]
    assert "Keep-Alive" in marked


def test_synonym_groups_are_stemmed_and_go_both_ways() -> None:
    script = (
        f"import {{ compileRules }} from {json.dumps(TEXT_JS.as_uri())};\n"
        "let input = ''; for await (const c of process.stdin) input += c;\n"
        "const rules = compileRules(JSON.parse(input));\n"
        "process.stdout.write(JSON.stringify(Object.fromEntries(rules.synonyms)));\n"
    )
    raw = language("en").raw
    rules = {"stop": raw["stop"], "steps": raw["steps"], "synonyms": [["Folders", "directory"]]}
    done = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        input=json.dumps(rules),
        capture_output=True,
        text=True,
        check=True,
    )
    folder, directory = terms("folders directory", language("en"))
    assert json.loads(done.stdout) == {folder: [directory], directory: [folder]}


def test_a_phrasal_verb_asks_for_the_word_the_site_writes(tmp_path: Path) -> None:
    # The site writes "disable" and "remove"; the reader turns things off and gets rid of
    # them. "off" and "rid" are no words of the site: without languages.json `phrases`
    # they weighed most of the question, and no section held enough of it.
    page = (
        "<h2 id='disabling'>Disabling a plugin</h2><p>Set enabled to false to disable a plugin.</p>"
        "<h2 id='removing'>Removing a dependency</h2><p>Remove a dependency with the remove command.</p>"
        "<h2 id='themes'>Theme switch</h2><p>Turn the page with the switch in the header.</p>"
    )
    site = write_index(tmp_path, [Page("p/", "Plugins", page), Page("o/", "O", "<p>x y</p>")])
    answers = ask(
        site / "en",
        ["turn a plugin off with a switch", "Turning the plugin off", "get rid of a dependency"],
    )
    assert [a["found"] and a["sources"][0]["anchor"] for a in answers] == [
        "disabling",
        "disabling",
        "removing",
    ]


def test_a_turned_off_thing_finds_the_site_that_writes_off(tmp_path: Path) -> None:
    # "turn answers off" is asked as "disable answers"; a site may write "off" where
    # another writes "disable" (an options table: `false` | Off). The rewrite dropped
    # the reader's "off", and the page that says it showed too little of the question.
    page = (
        "<h2 id='options'>Options</h2><p>answers: false. Off: no Ask box, no index written.</p>"
        "<h2 id='ranked'>How answers are ranked</h2><p>Each answer quotes the section "
        "with the most of the question's words, from the pages of the site.</p>"
    )
    site = write_index(tmp_path, [Page("a/", "Answers", page), Page("o/", "O", "<p>x y</p>")])
    answers = ask(site / "en", ["how do I turn answers off", "switch the answers off"])
    assert [a["found"] and a["sources"][0]["anchor"] for a in answers] == ["options", "options"]


def test_a_word_most_docs_use_weighs_less_when_the_site_lacks_it(tmp_path: Path) -> None:
    # "split" is a word of most documentation sites (languages.json `docs_words`): a
    # reader's wording. "zanzibar" is not: a question about something else. The site has
    # neither; the first question is answered, the second is not.
    assert "split" in language("en").raw["docs_words"]
    assert "zanzibar" not in language("en").raw["docs_words"]
    page = (
        "<h2 id='modules'>Several modules</h2>"
        "<p>Write a big program in modules, then add each to the app.</p>"
    )
    others = [
        Page(f"o{i}/", f"Other {i}", f"<p>install the app with pip{', in modules' * (i < 2)}</p>")
        for i in range(6)
    ]
    site = write_index(tmp_path, [Page("m/", "Modules", page), *others])
    meta = json.loads((site / "en" / "meta.json").read_text(encoding="utf-8"))
    assert "split" in meta["rules"]["docs_words"] and "modul" not in meta["rules"]["docs_words"]
    split, zanzibar = ask(site / "en", ["split the app into modules", "zanzibar the modules"])
    assert split["found"] and split["sources"][0]["anchor"] == "modules"
    assert zanzibar == {"found": False, "sources": []}
    # Weighed as any word the site lacks, it is refused too.
    [refused] = ask(site / "en", ["split the app into modules"], params={"commonWeight": 1})
    assert refused == {"found": False, "sources": []}


def test_phrases_rewrite_only_the_phrasal_verbs() -> None:
    script = (
        f"import {{ compileRules, rephrase }} from {json.dumps(TEXT_JS.as_uri())};\n"
        "let input = ''; for await (const c of process.stdin) input += c;\n"
        "const { raw, texts } = JSON.parse(input);\n"
        "const rules = compileRules(raw);\n"
        "process.stdout.write(JSON.stringify(texts.map((t) => rephrase(t, rules))));\n"
    )
    texts = [
        "Switch the cache on",
        "turns it off",
        "turn left at the switch",
        "getting rid of the cache",
        "a turnoff",
    ]
    done = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        input=json.dumps({"raw": language("en").raw, "texts": texts}),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == [
        "enable the cache",
        "disable it",
        "turn left at the switch",
        "remove the cache",
        "a turnoff",
    ]


def test_pages_kept_out_of_search_are_never_quoted(site: Path) -> None:
    [answer] = ask(site, ["zanzibar procedure"])
    assert answer == {"found": False, "sources": []}


def test_each_language_answers_from_its_own_pages(tmp_path: Path) -> None:
    write_index(
        tmp_path,
        [
            Page("", "Install", "<h2 id='pip'>Pip</h2><p>Install the package with pip.</p>", "en"),
            Page(
                "fr/",
                "Installation",
                "<h2 id='pip'>Pip</h2><p>Installez le paquet avec pip, puis configurez-le.</p>",
                "fr",
            ),
            Page(
                "ja/",
                "インストール",
                "<h2 id='pip'>pip</h2><p>パッケージをインストールします。</p>",
                "ja",
            ),
        ],
    )
    [fr] = ask(tmp_path / "fr", ["Comment installer les paquets ?"])
    assert fr["found"] and fr["sources"][0]["href"] == "fr/#pip"
    [ja] = ask(tmp_path / "ja", ["パッケージのインストール"])
    assert ja["found"] and ja["sources"][0]["url"] == "ja/"
    [en] = ask(tmp_path / "en", ["Comment installer les paquets ?"])
    assert en["found"] is False


WORDS = """Installing installation configured configurations validators customise libraries
running added classes Überblick naïve façade Café résumé DÉJÀ vu don't x² İstanbul ß straße
パッケージをインストールします 設定ファイル 中文文档 ｶﾀｶﾅ use_directory_urls mkdocs.yml v1.6.1
emoji 🎉 deployments creating creation generator generated updates dependencies alias aliases
serializer serialisers bias runnable embeddable controllable
model_dump getStarted BaseModel HTMLParser pydantic.BaseModel.model_dump useDirectoryUrls
v1.6.1 2024_01_02 Straße_Über naïveCafé x_y_z mkdocs.yml. __init__ パッケージ_設定
keep-alive X-Forwarded-For e-mail built-in 2024-01-02 utf-8 --reload step-by-step"""


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es", "pt", "ja", "zh", "xx"])
def test_python_and_javascript_cut_words_alike(lang: str) -> None:
    docs = ROOT / "example_site" / "docs"
    text = (
        WORDS + "\n" + "\n".join(p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md")))
    )
    script = (
        f"import {{ compileRules, terms }} from {json.dumps(TEXT_JS.as_uri())};\n"
        "let input = ''; for await (const c of process.stdin) input += c;\n"
        "const { rules, text } = JSON.parse(input);\n"
        "process.stdout.write(JSON.stringify(terms(text, compileRules(rules))));\n"
    )
    raw = language(lang).raw
    done = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        input=json.dumps({"rules": raw, "text": text}),
        capture_output=True,
        text=True,
        check=True,
    )
    from_js = json.loads(done.stdout)
    from_python = terms(text, language(lang))
    assert len(from_python) > 500
    assert from_js == from_python


def test_a_typing_slip_loads_its_word_list_and_only_the_close_terms_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Many term files of words starting "pl": the slip "pluign" used to load them all.
    monkeypatch.setattr(answers_index, "SHARD_BYTES", 60)
    filler = " ".join(f"pla{a}{b}net" for a in "abcdefghij" for b in "klmnopqrst")
    pages = [
        Page("plugins/", "Plugins", "<h1 id='p'>Plugins</h1><h2 id='install'>Install a plugin</h2>"
             "<p>Add the plugin to the configuration file.</p>"),
        Page("planets/", "Planets", f"<h1 id='x'>Planets</h1><p>{filler}</p>"),
    ]  # fmt: skip
    folder = write_index(tmp_path / "lists", pages) / "en"
    meta = json.loads((folder / "meta.json").read_text())
    pl = [name for name in os.listdir(folder) if name.startswith("t")]
    without = tmp_path / "without"
    shutil.copytree(folder, without)
    del meta["words"]
    (without / "meta.json").write_text(json.dumps(meta))
    question = "how do I add a pluign to the configuration"
    [listed] = ask(folder, [question], fresh=True)
    [unlisted] = ask(without, [question], fresh=True)
    assert listed["found"] and listed["sources"][0]["href"] == "plugins/#install"
    assert {k: v for k, v in listed.items() if k != "files"} == {
        k: v for k, v in unlisted.items() if k != "files"
    }
    term_files = [name for name in listed["files"] if name.startswith("t")]
    groups = json.loads((folder / "meta.json").read_text())["words"]
    assert [name for name in listed["files"] if name.startswith("w")] == [
        f"w{groups.index('pl')}.json"
    ]
    old_term_files = [name for name in unlisted["files"] if name.startswith("t")]
    assert len(pl) > 10 and len(old_term_files) > 10
    assert len(term_files) <= 4


def test_a_word_beyond_the_basic_plane_is_found_in_its_term_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # rank.js finds a word's term file by comparing strings as JavaScript does, in
    # UTF-16 units: there 𠀀 (U+20000, D840 DC00) sorts before 﨎 (U+FA0E), which
    # Python's code point order puts after it. One term per file makes any
    # disagreement send the lookup to the wrong file.
    monkeypatch.setattr(answers_index, "SHARD_BYTES", 1)
    pages = [
        Page("astral/", "Astral", "<h1 id='a'>Astral</h1><p>\U00020000\U00020001 zebra</p>"),
        Page("compat/", "Compat", "<h1 id='c'>Compat</h1><p>\ufa0e\ufa0f yak</p>"),
    ]
    folder = write_index(tmp_path, pages) / "en"
    found = ask(folder, ["\U00020000\U00020001", "\ufa0e\ufa0f", "zebra", "yak"], fresh=True)
    assert [a["sources"][0]["href"] if a["found"] else None for a in found] == [
        "astral/",
        "compat/",
        "astral/",
        "compat/",
    ]


def test_a_word_the_site_has_nothing_like_weighs_more_than_the_most_there_is(
    tmp_path: Path,
) -> None:
    # "australia" is nothing of the site's: no stem, no start, no synonym, no slip, and
    # no word most documentation sites use. Such a word names another topic, and counts
    # half again the weight of the site's rarest word (missingWeight): "the capital of
    # australia" is not answered by the one section that says "capital".
    page = "<h2 id='capital'>Capital letters</h2><p>Headings start with a capital letter.</p>"
    others = [
        Page(f"o{i}/", f"Other {i}", f"<p>install the app with pip, then issue {i}</p>")
        for i in range(6)
    ]
    site = write_index(tmp_path, [Page("c/", "Capitals", page), *others])
    capital, numbered = ask(
        site / "en", ["what is the capital of australia", "capital letter of issue 123"]
    )
    assert capital == {"found": False, "sources": []}
    # A number the site lacks is an example value, not a topic: weighed as before.
    assert numbered["found"] and numbered["sources"][0]["anchor"] == "capital"
    # Weighed as the most there is (as before missingWeight), it is answered.
    [answered] = ask(site / "en", ["what is the capital of australia"], params={"missingWeight": 1})
    assert answered["found"] and answered["sources"][0]["anchor"] == "capital"
