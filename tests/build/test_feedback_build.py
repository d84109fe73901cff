""" "Was this page helpful?" in real builds: the block at the end of the content on
the mkdocs, readthedocs and Material themes, gone where a page opts out, out of
the search index, and at most 400 bytes a page."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from support import BuildSite, site_config

from mkdocs_chatspark import feedback

PAGES = {
    "index.md": "# Home\n\nWelcome.\n",
    "guide.md": "# Guide\n\nSteps.\n",
    "off.md": "---\nchatspark:\n  feedback: false\n---\n# Off\n\nNo block.\n",
    "hidden.md": "---\nhide: [feedback]\n---\n# Hidden\n\nNo block either.\n",
    "nochat.md": "---\nchatspark: false\n---\n# No chat\n",
    "changelog.md": "# Changelog\n\nNot here.\n",
}
BLOCK = re.compile(r'<div class="chatspark-feedback".*?</div>', re.S)
OPTION = {"webhook": "https://votes.example.com/v", "pages": ["!changelog.md"]}


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs", "material"])
def test_the_block_ends_the_content_on_every_theme(build_site: BuildSite, theme: str) -> None:
    built = build_site(site_config({"feedback": OPTION}, theme=theme), PAGES)
    assert built.ok, built.log
    for name in ("index.html", "guide/index.html"):
        html = built.html(name)
        [block] = BLOCK.findall(html)
        assert "Was this page helpful?" in block
        # After the page's own content, inside the theme's content container.
        assert html.index("Steps." if name.startswith("guide") else "Welcome.") < html.index(block)
        main = {"material": "</article>", "mkdocs": "<footer", "readthedocs": "<footer"}[theme]
        assert html.index(block) < html.index(main)
    for name in ("off", "hidden", "nochat", "changelog"):
        assert "chatspark-feedback" not in built.html(f"{name}/index.html"), name
    index = (built.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Was this page helpful" not in index and "chatspark" not in index


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs", "material"])
def test_a_page_grows_by_at_most_400_bytes(build_site: BuildSite, theme: str) -> None:
    pages = {"index.md": "# Home\n\nWelcome.\n"}
    off = build_site(site_config({}, theme=theme), pages)
    # No `pages` glob: this site has no changelog.md for it to leave out.
    on = build_site(site_config({"feedback": {"webhook": OPTION["webhook"]}}, theme=theme), pages)
    assert off.ok and on.ok, on.log
    added = len(on.html("index.html").encode()) - len(off.html("index.html").encode())
    print(f"{theme}: {added} bytes added")
    assert 0 < added <= 400


def test_materials_own_widget_is_shown_and_no_second_one_drawn(build_site: BuildSite) -> None:
    config = site_config({"feedback": OPTION}, theme="material")
    config["extra"] = {
        "analytics": {
            "provider": "google",
            "property": "G-XXXXXXXXXX",
            "feedback": {
                "title": "Helpful?",
                "ratings": [
                    {
                        "icon": "material/thumb-up-outline",
                        "name": "Yes",
                        "data": 1,
                        "note": "Thanks!",
                    },
                    {
                        "icon": "material/thumb-down-outline",
                        "name": "No",
                        "data": 0,
                        "note": "Sorry.",
                    },
                ],
            },
        }
    }
    built = build_site(config, PAGES)
    assert built.ok, built.log
    html = built.html("index.html")
    assert '<form class="md-feedback" name="feedback" data-chatspark-feedback>' in html
    assert BLOCK.search(html) is None
    for name in ("off", "changelog"):  # not ours there: Material's, as Material left it
        assert feedback.MATERIAL_FORM in built.html(f"{name}/index.html")
    assert 'class="md-feedback"' not in built.html("hidden/index.html")  # Material's own opt-out


def test_words_follow_the_language_and_a_missing_one_fails_strict(build_site: BuildSite) -> None:
    config = site_config(
        {"feedback": {"question": {"en": "Did this help?", "de": "Hat das geholfen?"}}}
    )
    config["theme"]["locale"] = "de"
    built = build_site(config, {"index.md": "# Start\n"})
    assert built.ok, built.log
    [block] = BLOCK.findall(built.html("index.html"))
    assert "Hat das geholfen?" in block and ">Ja</button>" in block and ">Nein</button>" in block
    config["theme"]["locale"] = "fr"
    built = build_site(config, {"index.md": "# Accueil\n"})
    assert not built.ok
    assert (
        "mkdocs.yml:10: feedback.question: no text for 'fr', the language being built; "
        "the 'en' one is shown. Add `fr: ...` to it" in built.log
    )


def test_a_bad_option_stops_the_build_with_its_line(build_site: BuildSite) -> None:
    built = build_site(site_config({"feedback": {"webhook": "http://votes.example.com/v"}}))
    assert not built.ok
    assert (
        "mkdocs.yml:9: feedback.webhook: 'http://votes.example.com/v' uses http; only https "
        "is allowed" in built.log
    )
    assert "Traceback" not in built.log


def test_netlify_votes_are_registered_with_the_forms(build_site: BuildSite) -> None:
    built = build_site(site_config({"feedback": {"webhook": {"netlify": True}}}))
    assert built.ok, built.log
    forms = (built.site / "chatspark-forms.html").read_text(encoding="utf-8")
    assert 'name="chatspark-feedback"' in forms and '<textarea name="comment">' in forms
    data: Any = built.site_data()
    assert data["feedback"]["netlify"] == "chatspark-feedback"
    assert json.dumps(data["feedback"]).count("webhook") == 0
