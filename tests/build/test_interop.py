"""The interoperability matrix: the plugin beside the plugins real sites run.

One real `mkdocs build --strict` per row (never `-q`: it drops the warnings that
`--strict` counts). Each row checks three things: the page carries the widget with
the right actions, calls to action are checked (an unknown id stops the build where
the other plugin has a say in the page), and the other plugin's own output is intact.
The versions are pinned in pyproject.toml's `interop` extra and listed in the README.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Optional

import pytest
from support import BuildSite, Built, index_files, run_build, sections, site_config, write_site

ACTIONS: list[dict[str, Any]] = [
    {"id": "demo", "type": "button", "label": "Book a demo", "url": "index.md"},
    {"id": "api", "type": "link", "label": "API", "url": "https://example.com/api"},
]
SITE_ACTION_IDS = ["demo", "api"]
BAD = "Broken: [Nope](chatspark:nosuch)\n"


def cta(action_id: str) -> str:
    return (
        f'<span class="chatspark-cta" data-chatspark-action="{action_id}" role="button"'
        ' tabindex="0">'
    )


def build(
    tmp_path: Path,
    config: dict[str, Any],
    pages: dict[str, str],
    files: Optional[dict[str, str]] = None,
    *,
    name: str = "site",
) -> Built:
    """Write the site, and files beside docs/ (modules, snippets, scripts), then build."""
    root = tmp_path / name
    write_site(root, config, pages)
    for path, text in (files or {}).items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    # In a new interpreter each: other plugins keep state in the process (module
    # globals, temporary folders left to the garbage collector), as an author's run has.
    return run_build(root, in_process=False)


def with_plugins(
    *plugins: Any, theme: str = "mkdocs", chatspark: Optional[dict[str, Any]] = None, **extra: Any
) -> dict[str, Any]:
    """A site config with the other plugins before ours, as most sites list them."""
    config = site_config(chatspark or {"actions": ACTIONS}, theme=theme, **extra)
    config["plugins"] = ["search", *plugins, config["plugins"][-1]]
    return config


# The bootstrap names the page's site data file; minify-html drops the quotes.
BOOT = re.compile(
    r'<script (?:async |defer )?src="?(?P<up>[^" >]*)assets/chatspark/boot\.js"? '
    r'data-site="?(?P<site>site\.[0-9a-f]{10}\.js)'
)


def assert_widget(built: Built, path: str, island: Any = None, *, depth: int = 0) -> None:
    """The page has the bootstrap at the right relative URL, naming a site data file
    that exists, and its own data."""
    html = built.html(path)
    boot = BOOT.search(html)
    assert boot, html[-800:]
    assert boot["up"] == "../" * depth
    assert (
        (built.site / path).parent.joinpath(boot["up"], "assets/chatspark", boot["site"]).is_file()
    )
    assert built.island(path) == ({} if island is None else island)


def site_data(built: Built, path: str) -> dict[str, Any]:
    """The site data the page at `path` loads (each language build has its own)."""
    boot = BOOT.search(built.html(path))
    assert boot, path
    src = (built.site / path).parent.joinpath(boot["up"], "assets/chatspark", boot["site"])
    text = src.read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text[len("window.__chatsparkSite=") : -2])
    return data


def assert_unknown_cta_fails(built: Built, where: str) -> None:
    assert not built.ok, built.log
    assert f"{where}: chatspark:nosuch: 'nosuch' is not an action on this page" in built.log, (
        built.log
    )
    assert "Traceback" not in built.log


# --- mkdocs-static-i18n --------------------------------------------------------------


def i18n(structure: str) -> dict[str, Any]:
    return {
        "i18n": {
            "docs_structure": structure,
            "languages": [
                {"locale": "en", "default": True, "name": "English", "build": True},
                {"locale": "fr", "name": "Français", "build": True},
            ],
        }
    }


LOCALIZED = {
    "title": {"en": "Talk to us", "fr": "Parlons-en"},
    "actions": [
        {
            "id": "demo",
            "type": "button",
            "label": {"en": "Book a demo", "fr": "Réserver une démo"},
            "url": "index.md",
        },
        ACTIONS[1],
    ],
}

I18N_PAGES = {
    "suffix": {
        "index.md": "# Home\n\n[Book](chatspark:demo)\n",
        "index.fr.md": "# Accueil\n\n[Réserver](chatspark:demo)\n",
        "about.md": "# About\n",
        "about.fr.md": "# À propos\n",
    },
    "folder": {
        "en/index.md": "# Home\n\n[Book](chatspark:demo)\n",
        "fr/index.md": "# Accueil\n\n[Réserver](chatspark:demo)\n",
        "en/about.md": "# About\n",
        "fr/about.md": "# À propos\n",
    },
}


@pytest.mark.parametrize(("structure", "theme"), [("suffix", "material"), ("folder", "mkdocs")])
def test_static_i18n_two_languages(tmp_path: Path, structure: str, theme: str) -> None:
    pages = I18N_PAGES[structure]
    config = with_plugins(i18n(structure), theme=theme, chatspark=LOCALIZED)
    if theme == "material":
        config["theme"]["language"] = "en"
    built = build(tmp_path, config, pages)
    assert built.ok, built.log
    # The plugin's own output: one tree per language, each page in its language.
    assert '<h1 id="accueil">Accueil</h1>' in built.html("fr/index.html")
    assert '<h1 id="home">Home</h1>' in built.html("index.html")
    assert "À propos" in built.html("fr/about/index.html")
    # Ours: every page of both languages, with the widget's words and the site
    # actions' page links of that language's build.
    assert_widget(built, "index.html")
    assert_widget(built, "about/index.html", depth=1)
    assert_widget(built, "fr/index.html", depth=1)
    assert_widget(built, "fr/about/index.html", depth=2)
    assert cta("demo") in built.html("fr/index.html")
    en, fr = site_data(built, "index.html"), site_data(built, "fr/about/index.html")
    assert [a["id"] for a in en["actions"]] == [a["id"] for a in fr["actions"]] == SITE_ACTION_IDS
    # Given per language: picked for each build; not given: the widget's own words.
    assert (en["text"]["title"], fr["text"]["title"]) == ("Talk to us", "Parlons-en")
    assert (en["actions"][0]["label"], fr["actions"][0]["label"]) == (
        "Book a demo",
        "Réserver une démo",
    )
    assert en["text"]["greeting"] == "Hi! How can we help?"
    assert fr["text"]["greeting"] == "Bonjour ! Comment pouvons-nous vous aider ?"
    assert en["actions"][0]["url"] == "./"  # index.md: the English home page
    assert fr["actions"][0]["url"] == "fr/"  # the French one, from the site root

    bad = dict(pages)
    french_home = "index.fr.md" if structure == "suffix" else "fr/index.md"
    bad[french_home] += BAD
    broken = build(tmp_path, config, bad, name="bad")
    assert_unknown_cta_fails(broken, f"docs/{french_home}:4")


@pytest.mark.parametrize("structure", ["suffix", "folder"])
def test_static_i18n_pages_globs_serve_every_language(tmp_path: Path, structure: str) -> None:
    guide = {"id": "guide", "type": "link", "label": "Guide help", "url": "https://x.example"}
    options = {"actions": [{**guide, "pages": ["guide/**"]}]}
    names = {
        "suffix": ("index.md", "index.fr.md", "guide/a.md", "guide/a.fr.md"),
        "folder": ("en/index.md", "fr/index.md", "en/guide/a.md", "fr/guide/a.md"),
    }[structure]
    pages = {name: "# Page\n" for name in names}
    built = build(tmp_path, with_plugins(i18n(structure), chatspark=options), pages)
    assert built.ok, built.log
    for path in ("index.html", "fr/index.html"):
        assert built.island(path) == {"actions": []}, path
    for path in ("guide/a/index.html", "fr/guide/a/index.html"):
        assert built.island(path) == {}, path  # the site actions: the guide's


def test_static_i18n_a_missing_language_warns_with_the_key_path(tmp_path: Path) -> None:
    options = {
        "greeting": {"en": "Hello"},
        "actions": [{"id": "demo", "type": "button", "label": {"en": "Book"}, "url": "index.md"}],
    }
    config = with_plugins(i18n("suffix"), chatspark=options)
    built = build(tmp_path, config, I18N_PAGES["suffix"])
    assert not built.ok, built.log
    for key in ("greeting", "actions[0].label"):
        assert re.search(
            rf"WARNING - +mkdocs_chatspark: mkdocs\.yml:\d+: {re.escape(key)}: no text for 'fr', the "
            r"language being built; the 'en' one is shown\. Add `fr: \.\.\.` to it",
            built.log,
        ), built.log
    assert "for 'en'" not in built.log  # the English build has its texts


def test_the_shared_files_are_written_outside_docs_and_cleaned_up(tmp_path: Path) -> None:
    """They have a real path now (mkdocs-static-i18n reads it), in a temporary folder
    of their own: never in docs/, where `mkdocs serve` would see them, and gone after."""
    root, temp = tmp_path / "site", tmp_path / "tmp"
    temp.mkdir()
    write_site(root, with_plugins(i18n("suffix")), I18N_PAGES["suffix"])
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (root / "docs").iterdir()) == sorted(I18N_PAGES["suffix"])
    assert list(temp.iterdir()) == []
    assert (root / "site" / "assets" / "chatspark" / "widget.js").is_file()


# --- mkdocstrings with its Python handler --------------------------------------------

MODULE = '''\
"""A tiny module for the API page."""


def greet(name: str) -> str:
    """Say hello to someone by name.

    Questions? [Ask us](chatspark:demo)
    """
    return f"Hello, {name}"
'''

MKDOCSTRINGS = {"mkdocstrings": {"handlers": {"python": {"paths": ["."]}}}}


def test_mkdocstrings_python(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n", "api.md": "# API\n\n[Book](chatspark:demo)\n\n::: tinymod\n"}
    files = {"tinymod.py": MODULE}
    built = build(tmp_path, with_plugins(MKDOCSTRINGS), pages, files)
    assert built.ok, built.log
    api = built.html("api/index.html")
    assert 'id="tinymod.greet"' in api and "Say hello to someone by name." in api
    assert_widget(built, "api/index.html", depth=1)
    # Calls to action in the prose and in the docstring (converted by mkdocstrings'
    # own Markdown, which runs our extension too).
    assert api.count(cta("demo")) == 2


def test_mkdocstrings_unknown_call_to_action_in_the_prose(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n", "api.md": "# API\n\n" + BAD + "\n::: tinymod\n"}
    built = build(tmp_path, with_plugins(MKDOCSTRINGS), pages, {"tinymod.py": MODULE})
    assert_unknown_cta_fails(built, "docs/api.md:3")


def test_mkdocstrings_unknown_call_to_action_in_a_docstring(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n", "api.md": "# API\n\n::: tinymod\n"}
    module = MODULE.replace("chatspark:demo", "chatspark:nosuch")
    built = build(tmp_path, with_plugins(MKDOCSTRINGS), pages, {"tinymod.py": module})
    assert not built.ok, built.log
    assert (
        "docs/api.md: chatspark:nosuch: 'nosuch' is not an action on this page; actions here: "
        "demo, api (not written in the page's file: a docstring, or another plugin's output)"
    ) in built.log


# --- Material's blog, tags, privacy, offline and social plugins ----------------------


def test_material_blog(tmp_path: Path) -> None:
    post = "---\ndate: 2024-01-02\n---\n# First post\n\nHello.\n\n<!-- more -->\n\n[Book](chatspark:demo)\n"
    pages = {"index.md": "# Home\n", "blog/index.md": "# Blog\n", "blog/posts/first.md": post}
    config = with_plugins("blog", theme="material")
    built = build(tmp_path, config, pages)
    assert built.ok, built.log
    post_page = "blog/2024/01/02/first-post/index.html"
    assert "First post" in built.html("blog/index.html")  # the blog's index lists the post
    assert 'href="2024/01/02/first-post/"' in built.html("blog/index.html")
    assert_widget(built, post_page, depth=5)
    assert_widget(built, "blog/index.html", depth=1)
    assert_widget(built, "blog/archive/2024/index.html", depth=3)  # a page the blog makes
    assert cta("demo") in built.html(post_page)

    bad = {**pages, "blog/posts/first.md": post + BAD}
    assert_unknown_cta_fails(
        build(tmp_path, config, bad, name="bad"), "docs/blog/posts/first.md:11"
    )


def test_material_tags(tmp_path: Path) -> None:
    pages = {
        "index.md": "---\ntags: [alpha]\n---\n# Home\n\n[Book](chatspark:demo)\n",
        "tags.md": "# Tags\n\n<!-- material/tags -->\n",
    }
    built = build(tmp_path, with_plugins("tags", theme="material"), pages)
    assert built.ok, built.log
    listing = built.html("tags/index.html")
    assert re.search(r'<h2 id="tag:alpha">\s*<span class="md-tag">alpha</span></h2>', listing)
    assert re.search(r'<a href="..">\s*Home\s*</a>', listing)
    assert "md-tag" in built.html("index.html")  # the page shows its tag
    assert_widget(built, "index.html")
    assert_widget(built, "tags/index.html", depth=1)
    assert cta("demo") in built.html("index.html")


def test_material_privacy_offline(tmp_path: Path) -> None:
    # Tests talk to 127.0.0.1 only. Fonts are off, and Material's own bundle names
    # Mermaid on a CDN: left out, so any other external asset it finds (in our files,
    # say) makes it try the network, fail, and warn, which fails --strict. It still
    # marks external links, which is its output to check.
    privacy = {
        "privacy": {
            "assets_exclude": ["unpkg.com/*"],
            "links_attr_map": {"data-privacy": "checked"},
        }
    }
    pages = {"index.md": "# Home\n\n[Elsewhere](https://example.com/)\n\n[Book](chatspark:demo)\n"}
    built = build(tmp_path, with_plugins(privacy, theme="material"), pages)
    assert built.ok, built.log
    home = built.html("index.html")
    assert '<a href="https://example.com/" data-privacy="checked">Elsewhere</a>' in home
    assert_widget(built, "index.html")
    assert cta("demo") in home
    assert not (built.site / "assets" / "external").exists()
    for name in ("boot.js", "boot.css", "widget.js", "widget.css"):
        assert (built.site / "assets" / "chatspark" / name).stat().st_size > 100


def test_material_offline(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\n[Book](chatspark:demo)\n", "guide/setup.md": "# Setup\n"}
    built = build(tmp_path, with_plugins("offline", theme="material"), pages)
    assert built.ok, built.log
    # Its output: no directory URLs, and a search index as a script for file://.
    assert (built.site / "search" / "search_index.js").is_file()
    assert_widget(built, "index.html")
    assert_widget(built, "guide/setup.html", depth=1)
    # The demo button goes to index.md, written as the offline site names it.
    assert site_data(built, "index.html")["actions"][0]["url"] == "index.html"


def test_material_social(tmp_path: Path) -> None:
    # The plugin downloads its font from Google Fonts unless it is in its cache: put
    # one there (Debian's Liberation Sans, which Chromium depends on).
    fonts = Path("/usr/share/fonts/truetype/liberation")
    social = {"social": {"cards_layout_options": {"font_family": "Liberation Sans"}}}
    root = tmp_path / "site"
    cache = root / ".cache" / "plugin" / "social" / "fonts" / "Liberation Sans"
    cache.mkdir(parents=True)
    shutil.copy(fonts / "LiberationSans-Regular.ttf", cache / "Regular.ttf")
    shutil.copy(fonts / "LiberationSans-Bold.ttf", cache / "Bold.ttf")
    pages = {"index.md": "# Home\n\n[Book](chatspark:demo)\n"}
    config = with_plugins(social, theme="material", site_url="https://docs.example.com/")
    built = build(tmp_path, config, pages)
    assert built.ok, built.log
    assert (built.site / "assets" / "images" / "social" / "index.png").stat().st_size > 1000
    assert 'property="og:image"' in built.html("index.html")
    assert_widget(built, "index.html")


# --- mkdocs-macros -------------------------------------------------------------------


def test_macros(tmp_path: Path) -> None:
    page = "# Home\n\nWelcome to {{ config.site_name }}.\n\n[Book]({{ cta }})\n"
    config = with_plugins("macros", extra={"cta": "chatspark:demo"})
    built = build(tmp_path, config, {"index.md": page})
    assert built.ok, built.log
    home = built.html("index.html")
    assert "Welcome to Test Docs." in home  # the macro ran
    assert cta("demo") in home  # and the link it wrote is a call to action
    assert_widget(built, "index.html")
    broken = build(tmp_path, config, {"index.md": page + BAD}, name="bad")
    assert_unknown_cta_fails(broken, "docs/index.md:6")


# --- navigation: mkdocs-awesome-pages and mkdocs-literate-nav ------------------------


def test_awesome_pages(tmp_path: Path) -> None:
    pages = {
        "index.md": "# Home\n",
        "guide/.pages": "title: The Guide\nnav:\n  - second.md\n  - first.md\n",
        "guide/first.md": "# First\n\n[Book](chatspark:demo)\n",
        "guide/second.md": "# Second\n",
    }
    built = build(tmp_path, with_plugins("awesome-pages"), pages)
    assert built.ok, built.log
    home = built.html("index.html")
    assert "The Guide" in home and home.index("Second") < home.index("First")
    assert_widget(built, "guide/first/index.html", depth=2)
    assert cta("demo") in built.html("guide/first/index.html")


def test_literate_nav(tmp_path: Path) -> None:
    pages = {
        "index.md": "# Home\n",
        "SUMMARY.md": "* [Start](index.md)\n* [Later](later.md)\n* [Sooner](sooner.md)\n",
        "later.md": "# Later\n\n[Book](chatspark:demo)\n",
        "sooner.md": "# Sooner\n",
    }
    built = build(tmp_path, with_plugins("literate-nav"), pages)
    assert built.ok, built.log
    home = built.html("index.html")
    assert home.index(">Later<") < home.index(">Sooner<")
    assert_widget(built, "later/index.html", depth=1)
    assert cta("demo") in built.html("later/index.html")


# --- mkdocs-gen-files ----------------------------------------------------------------

GENERATOR = """\
import mkdocs_gen_files

with mkdocs_gen_files.open("reference/generated.md", "w") as f:
    f.write(PAGE)
"""
GENERATED = (
    "---\nchatspark:\n  actions:\n"
    "    - {id: gen, type: link, label: Generated, url: 'https://gen.example'}\n"
    "---\n# Generated\n\n[Go](chatspark:gen)\n"
)


def test_gen_files(tmp_path: Path) -> None:
    config = with_plugins({"gen-files": {"scripts": ["gen.py"]}})
    script = f"PAGE = {GENERATED!r}\n" + GENERATOR
    built = build(tmp_path, config, {"index.md": "# Home\n"}, {"gen.py": script})
    assert built.ok, built.log
    page = "reference/generated/index.html"
    assert '<h1 id="generated">Generated</h1>' in built.html(page)
    own = {"id": "gen", "type": "link", "label": "Generated", "url": "https://gen.example"}
    assert_widget(built, page, {"actions": ["demo", "api", own]}, depth=2)
    assert cta("gen") in built.html(page)

    script = f"PAGE = {(GENERATED + BAD)!r}\n" + GENERATOR
    broken = build(tmp_path, config, {"index.md": "# Home\n"}, {"gen.py": script}, name="bad")
    assert_unknown_cta_fails(broken, "reference/generated.md (generated by mkdocs-gen-files):9")


# --- mkdocs-redirects ----------------------------------------------------------------


def test_redirects(tmp_path: Path) -> None:
    config = with_plugins({"redirects": {"redirect_maps": {"old.md": "index.md"}}})
    built = build(tmp_path, config, {"index.md": "# Home\n"})
    assert built.ok, built.log
    redirect = built.html("old/index.html")
    assert 'http-equiv="refresh"' in redirect and "../" in redirect
    assert "chatspark" not in redirect  # a redirect page is left alone
    assert_widget(built, "index.html")


# --- mkdocs-include-markdown ---------------------------------------------------------


def test_include_markdown(tmp_path: Path) -> None:
    page = '# Home\n\n{% include-markdown "../snippets/cta.md" %}\n'
    files = {"snippets/cta.md": "Included text.\n\n[Book](chatspark:demo)\n"}
    config = with_plugins("include-markdown")
    built = build(tmp_path, config, {"index.md": page}, files)
    assert built.ok, built.log
    home = built.html("index.html")
    assert "Included text." in home and cta("demo") in home
    assert_widget(built, "index.html")

    files = {"snippets/cta.md": "Included text.\n\n" + BAD}
    broken = build(tmp_path, config, {"index.md": page}, files, name="bad")
    assert_unknown_cta_fails(broken, "snippets/cta.md:3")
    assert "included by docs/index.md:3" in broken.log


# --- mkdocs-minify-plugin ------------------------------------------------------------


# Minified HTML, and the site's own script through its JS minifier.
MINIFY = {
    "minify": {
        "minify_html": True,
        "minify_js": True,
        "minify_css": True,
        "js_files": ["js/extra.js"],
    }
}
MINIFY_PAGES = {
    "index.md": "# Home\n\nSome text.\n\n[Book](chatspark:demo)\n",
    "js/extra.js": "// The author's script\nwindow.extraLoaded = true;\n",
}


def test_minify(tmp_path: Path) -> None:
    config = with_plugins(MINIFY, extra_javascript=["js/extra.js"])
    built = build(tmp_path, config, MINIFY_PAGES)
    assert built.ok, built.log
    home = built.html("index.html")
    assert "<h1 id=home>Home</h1> <p>Some text.</p>" in home  # minified
    assert_widget(built, "index.html")
    assert "<span class=chatspark-cta data-chatspark-action=demo role=button tabindex=0>" in home
    assert "<script src=js/extra.min.js></script>" in home  # its own script, renamed
    for name in ("boot.js", "boot.css", "widget.js", "widget.css"):
        assert (built.site / "assets" / "chatspark" / name).stat().st_size > 100


def test_minify_warns_when_it_would_rename_our_files(tmp_path: Path) -> None:
    minify = {
        "minify": {**MINIFY["minify"], "js_files": ["js/extra.js", "assets/chatspark/widget.js"]}
    }
    config = with_plugins(minify, extra_javascript=["js/extra.js"])
    built = build(tmp_path, config, MINIFY_PAGES)
    assert not built.ok
    assert (
        "mkdocs.yml: plugins.minify.js_files: 'assets/chatspark/widget.js' is a file of this "
        "plugin, minified already; minify renames it to .min, which the pages do not load: "
        "remove it from js_files"
    ) in built.log


# --- mkdocs-git-revision-date-localized-plugin ---------------------------------------


def test_git_revision_date_localized(tmp_path: Path) -> None:
    root = tmp_path / "site"
    pages = {"index.md": "# Home\n\n[Book](chatspark:demo)\n"}
    config = with_plugins({"git-revision-date-localized": {"type": "iso_date"}}, theme="material")
    write_site(root, config, pages)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_AUTHOR_DATE": "2024-03-04T12:00:00Z",
        "GIT_COMMITTER_DATE": "2024-03-04T12:00:00Z",
    }
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "docs"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)
    built = run_build(root, in_process=False)
    assert built.ok, built.log
    home = built.html("index.html")
    assert "git-revision-date-localized-plugin" in home and "2024-03-04" in home
    assert_widget(built, "index.html")
    assert cta("demo") in home


# --- mkdocs-glightbox ----------------------------------------------------------------

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def test_glightbox(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\n![A dot](dot.png)\n\n[Book](chatspark:demo)\n"}
    root = tmp_path / "site"
    config = with_plugins("glightbox", theme="material")
    write_site(root, config, pages)
    (root / "docs" / "dot.png").write_bytes(PNG)
    built = run_build(root, in_process=False)
    assert built.ok, built.log
    home = built.html("index.html")
    assert re.search(r'<a class="glightbox"[^>]*href="dot.png"', home)  # its lightbox
    assert "glightbox.min.js" in home
    assert_widget(built, "index.html")
    assert cta("demo") in home


def test_interop_rows_are_pinned_in_the_extra() -> None:
    """Every plugin in this matrix is pinned in the `interop` extra and listed in the docs."""
    root = Path(__file__).resolve().parents[2]
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    extra = re.search(r"^interop = \[(.*?)^\]", pyproject, re.S | re.M)
    assert extra, "pyproject.toml has no interop extra"
    pins = dict(re.findall(r'"([A-Za-z0-9_.\-\[\]]+)==([^"]+)"', extra.group(1)))
    docs = (root / "example_site" / "docs" / "sites.md").read_text(encoding="utf-8")
    tested = docs.split("### Tested with", 1)[1].split("\n## ", 1)[0]
    assert len(pins) >= 13
    for name, version in pins.items():
        name = re.escape(name.split("[")[0])
        row = rf"^\| [^|\n]*{name}(,|\s)[^|\n]*\| [^|\n]*{re.escape(version)}(,|\s)"
        assert re.search(row, tested, re.M), f"sites.md: no row for {name} {version}"


# --- mkdocs-static-i18n and answers: one index per language --------------------------


ANSWERS_I18N = {
    "i18n": {
        "docs_structure": "suffix",
        "languages": [
            {"locale": "en", "default": True, "name": "English", "build": True},
            {"locale": "fr", "name": "Français", "build": True},
        ],
    }
}

ANSWERS_I18N_PAGES = {
    "index.md": "# Home\n\n## Install\n\nRun pip install to install the zebra package.\n",
    "index.fr.md": "# Accueil\n\n## Installer\n\nLancez pip install pour installer la girafe.\n",
    "about.md": "# About\n\nThe zebra project.\n",
    "about.fr.md": "# À propos\n\nLe projet girafe.\n",
}


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_static_i18n_each_language_answers_from_its_own_pages(
    build_site: BuildSite, theme: str
) -> None:
    config = site_config({}, theme=theme)
    config["plugins"].insert(1, ANSWERS_I18N)
    built = build_site(config, ANSWERS_I18N_PAGES)
    assert built.ok, built.log
    en, fr = sections(built, "en"), sections(built, "fr")
    assert {row[0] for row in en} == {"", "about/"}
    assert {row[0] for row in fr} == {"fr/", "fr/about/"}
    assert "girafe" not in json.dumps(en) and "zebra" not in json.dumps(fr)
    assert index_files(built, "fr")["meta.json"]["lang"] == "fr"
    # Each language's pages point to their own index, and speak their own words.
    chatspark = built.site / "assets" / "chatspark"
    by_index = {}
    for path in chatspark.glob("site.*.js"):
        data = json.loads(path.read_text(encoding="utf-8")[len("window.__chatsparkSite=") : -2])
        by_index[data["answers"]["index"]] = data["text"]["ask"]
    assert by_index == {
        "answers/en/": "Ask a question about these docs",
        "answers/fr/": "Posez une question sur cette documentation",
    }
