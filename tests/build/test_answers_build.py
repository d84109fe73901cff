"""Real builds with answers: the index files each language gets, the pages left out,
and the options that turn it off."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from support import BuildSite, index_files, sections, site_config

PAGES = {
    "index.md": "# Home\n\nWelcome.\n\n## Install\n\nRun pip install acme.\n",
    "guide/setup.md": "# Setup\n\n## Colours\n\nSet palette: dark.\n",
    "secret.md": "---\nsearch:\n  exclude: true\n---\n# Secret\n\nZeppelin codes.\n",
    "off.md": "---\nchatspark: false\n---\n# Off\n\nSubmarine manual.\n",
    "quiet.md": "---\nchatspark:\n  enabled: false\n---\n# Quiet\n\nBalloon notes.\n",
    "drafts/idea.md": "# Idea\n\nHovercraft roadmap.\n",
}


def test_the_index_comes_from_the_pages_answered_from(build_site: BuildSite) -> None:
    built = build_site(site_config({"answers": {"exclude": ["drafts/**"]}}), PAGES)
    assert built.ok, built.log
    data = built.site_data()
    version = data["answers"].pop("version")
    assert data["answers"] == {"index": "answers/en/", "sources": 3}
    assert re.fullmatch(r"[0-9a-f]{10}", version)
    assert (built.site / "assets" / "chatspark" / "answers.js").is_file()
    rows = sections(built)
    assert {(url, heading, anchor) for url, _, heading, anchor, _ in rows} >= {
        ("", "Install", "install"),
        ("guide/setup/", "Colours", "colours"),
    }
    assert {row[0] for row in rows} == {"", "guide/setup/"}  # none of the four left out
    text = json.dumps(index_files(built))
    for word in ("Zeppelin", "Submarine", "Balloon", "Hovercraft"):
        assert word not in text


def test_pages_carry_nothing_of_answers(build_site: BuildSite) -> None:
    # Zero cost until asked: the pages name neither the part nor the index.
    built = build_site(site_config({}), PAGES)
    assert built.ok, built.log
    for page in ("index.html", "guide/setup/index.html"):
        assert "answers" not in built.html(page)


def test_use_directory_urls_off_gives_html_urls(build_site: BuildSite) -> None:
    built = build_site(site_config({}, use_directory_urls=False), PAGES)
    assert built.ok, built.log
    assert {row[0] for row in sections(built)} >= {"index.html", "guide/setup.html"}


def test_sources_reach_the_site_data(build_site: BuildSite) -> None:
    built = build_site(site_config({"answers": {"sources": 5}}), PAGES)
    assert built.ok, built.log
    assert built.site_data()["answers"]["sources"] == 5


@pytest.mark.parametrize(
    "options",
    [
        {"answers": False},
        {"script": "https://cdn.example.com/c.js", "chatbot_id": "bot"},
    ],
    ids=["answers-false", "hosted-script"],
)
def test_off_writes_no_index(build_site: BuildSite, options: dict[str, Any]) -> None:
    built = build_site(site_config(options), PAGES)
    assert built.ok, built.log
    assert "answers" not in built.site_data()
    chatspark = built.site / "assets" / "chatspark"
    assert not (chatspark / "answers").exists()
    assert not (chatspark / "answers.js").exists()


def test_a_bad_value_stops_the_build_with_its_line(build_site: BuildSite) -> None:
    built = build_site(site_config({"answers": {"sources": 9}}), PAGES, strict=False)
    assert not built.ok
    assert (
        "mkdocs.yml:9: answers.sources: expected a whole number from 1 to 5, found 9 (a number)"
        in built.log
    )
    assert "Traceback" not in built.log


def test_without_the_search_plugin_the_index_is_ours(build_site: BuildSite) -> None:
    config = site_config({})
    config["plugins"] = [p for p in config["plugins"] if p != "search"]
    built = build_site(config, PAGES)
    assert built.ok, built.log
    assert not (built.site / "search").exists()
    assert {row[0] for row in sections(built)} == {"", "guide/setup/", "drafts/idea/"}


GIVEN_PAGES = {
    "index.md": "# Home\n\nSee [zeppelin mooring](guide/setup.md#colours) and"
    " [the setup](guide/setup.md).\n",
    "guide/setup.md": "---\ndescription: Blimp parking.\n---\n# Hangar\n\nIntro.\n\n"
    "## Colours\n\nSet palette: dark.\n",
}


def _holders(built: Any, term: str) -> set[tuple[str, str]]:
    """The (page, anchor) of each section whose postings have the term."""
    rows = sections(built)
    postings: dict[str, list[int]] = {}
    for name, data in index_files(built).items():
        if name.startswith("t"):
            postings.update(data)
    found, number = set(), 0
    for gap in postings.get(term, [0])[1::2]:
        number += gap
        found.add((rows[number][0], rows[number][3]))
    return found


@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_section_holds_the_words_the_site_gives_it(
    build_site: BuildSite, directory_urls: bool
) -> None:
    # The nav titles the page "Getting set up"; its h1 says "Hangar".
    config = site_config(
        {},
        use_directory_urls=directory_urls,
        nav=[{"Home": "index.md"}, {"Getting set up": "guide/setup.md"}],
    )
    built = build_site(config, GIVEN_PAGES)
    assert built.ok, built.log
    home, page = ("", "guide/setup/") if directory_urls else ("index.html", "guide/setup.html")
    # The linking page's own prose has the words too.
    assert _holders(built, "zeppelin") == {(home, ""), (page, "colours")}
    assert _holders(built, "hangar") == {(page, "")}
    assert _holders(built, "blimp") == {(page, "")}
