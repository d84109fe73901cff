"""Key paths in mkdocs.yml -> their lines, with MkDocs' and Material's YAML tags."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest

from mkdocs_chatspark import yaml_lines

CONFIG = """\
site_name: Docs
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - mkdocs_chatspark.extension: &chat
      actions:
        - id: a
          type: button
          label: A
        - id: b
          type: link
          label: B
          webhook: https://hooks.example.com/x
      messages: !ENV [CHAT_MESSAGES, {}]
extra_css:
  - !relative extra.css
plugins:
  - search
  - chatspark: *chat
"""


@pytest.mark.parametrize(
    ("key_path", "line"),
    [
        ("actions", 9),
        ("actions[0]", 10),
        ("actions[1].webhook", 16),
        ("actions[1].label", 15),
        ("actions[1].url", 13),  # missing: the action's own line
        ("actions[9].id", 9),  # no such item: the list's line
        ("messages", None),  # from the environment
        ("messages.retry", None),
        ("position", None),  # not written in the file
    ],
)
def test_lines_of_key_paths(tmp_path: Path, key_path: str, line: Optional[int]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(CONFIG, encoding="utf-8")
    assert yaml_lines.lines_for(str(config))(key_path) == line
    # the extension's entry is the same anchored mapping
    assert yaml_lines.lines_for(str(config), yaml_lines.EXTENSION_ENTRY)(key_path) == line


def test_plugins_as_a_mapping(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: D\nplugins:\n  chatspark:\n    actions: []\n", encoding="utf-8")
    assert yaml_lines.lines_for(str(config))("actions") == 4


def test_a_key_written_twice_is_placed_where_yaml_reads_it(tmp_path: Path) -> None:
    """PyYAML keeps the last of a key written twice, and so does MkDocs: Uvicorn's
    mkdocs.yml has two `plugins:` lists (the first search and mkdocstrings, the
    second the one in use), and a mistake under the second had no line at all."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: D\n"
        "plugins:\n  - search\n"
        "plugins:\n  - search\n  - chatspark:\n      actions:\n        - id: a\n"
        "      position: left\n      position: right\n",
        encoding="utf-8",
    )
    lines = yaml_lines.lines_for(str(config))
    assert lines("actions[0].id") == 8
    assert lines("position") == 10
    assert yaml_lines.front_matter_lines(lambda: "---\ntitle: a\ntitle: b\n---\n")("title") == 3


@pytest.mark.parametrize(
    "text",
    [
        "plugins: !ENV PLUGINS\n",
        "plugins:\n  - chatspark: !ENV [CHAT, {}]\n",
        "{{{ not yaml",
        "",
        "- a list\n",
    ],
)
def test_no_line_where_the_file_cannot_say(tmp_path: Path, text: str) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    assert yaml_lines.lines_for(str(config))("actions") is None


INHERITS = """\
INHERIT: ./mkdocs.env.yml
site_name: Typer
plugins:
  chatspark:
    title: Typer help
    answers: {exclude: []}
    actions:
      - id: ask_team
        type: form
"""


@pytest.mark.parametrize(
    ("key_path", "line"),
    [
        ("title", 5),
        ("answers", 6),
        ("answers.exclude", 6),
        ("answers.sources", None),  # merged with the parent's `answers`: may be written there
        ("actions[0].type", 9),
        ("actions[0].fields", 8),  # a list replaces the parent's: the item is this file's
        ("feedback", None),  # not written here: may be the parent's
    ],
)
def test_a_config_that_inherits_places_what_it_writes(
    tmp_path: Path, key_path: str, line: Optional[int]
) -> None:
    # Typer's and FastAPI's mkdocs.yml inherit mkdocs.env.yml; MkDocs merges the
    # parent's mappings under the file's, and a list of the file replaces the parent's.
    config = tmp_path / "mkdocs.yml"
    config.write_text(INHERITS, encoding="utf-8")
    assert yaml_lines.lines_for(str(config))(key_path) == line
    # In a `plugins:` list, the entry replaces the parent's list whole.
    listed = INHERITS.replace("  chatspark:", "  - chatspark:").replace("\n    ", "\n      ")
    config.write_text(listed, encoding="utf-8")
    lines = yaml_lines.lines_for(str(config))
    assert (lines("answers.sources"), lines("feedback")) == (6, None)


def test_no_file_no_line(tmp_path: Path) -> None:
    assert yaml_lines.lines_for(str(tmp_path / "missing.yml"))("actions") is None
    assert yaml_lines.lines_for(None)("actions") is None


PAGE = """\
---
title: Pricing
chatspark:
  hide: [a]
  actions:
    - id: x
      type: button
      label: X
---
# Pricing
"""


@pytest.mark.parametrize(
    ("key_path", "line"),
    [
        ("chatspark", 3),
        ("chatspark.hide[0]", 4),
        ("chatspark.actions[0].label", 8),
        ("chatspark.actions[0].url", 6),
        ("chatspark.greeting", 3),
        ("other", None),
    ],
)
def test_front_matter_lines_count_in_the_page_file(key_path: str, line: Optional[int]) -> None:
    assert yaml_lines.front_matter_lines(lambda: PAGE)(key_path) == line


def test_front_matter_is_read_only_when_a_line_is_asked_for() -> None:
    reads = []
    lines = yaml_lines.front_matter_lines(lambda: reads.append(1) or PAGE)
    assert reads == []
    assert lines("chatspark") == 3 and lines("chatspark.hide") == 4
    assert reads == [1]


@pytest.mark.parametrize("text", ["# No front matter\n", "---\n: [\n---\n# Broken\n", ""])
def test_no_front_matter_no_line(text: str) -> None:
    assert yaml_lines.front_matter_lines(lambda: text)("chatspark") is None


DATE_FORM = """\
---
title: Pricing
chatspark:
  actions:
    - id: a
      type: form
      label: F
      fields:
        - {key: d, type: date, min: 2026-13-01}
---
# Pricing
"""


@pytest.mark.parametrize(
    ("markdown", "found"),
    [
        (
            DATE_FORM,
            (
                9,
                "'2026-13-01' cannot be read (month must be in 1..12); quote it, "
                "or write a real date as YYYY-MM-DD",
            ),
        ),
        (
            "---\ntitle: a: b\nchatspark: false\n---\n# P\n",
            (2, "mapping values are not allowed here"),
        ),
        (
            "---\nchatspark:\n  hide: [a\n---\n# P\n",
            (4, "expected ',' or ']', but got '<stream end>' (while parsing a flow sequence)"),
        ),
        (
            "---\n'chatspark': {hide: [a}\n---\n",
            (2, "expected ',' or ']', but got '}' (while parsing a flow sequence)"),
        ),
        # nothing of ours lost: not the key, not at the top level, no front matter
        ("---\ntitle: a: b\n---\n# P\n", None),
        ("---\ntitle: x\nextra:\n  chatspark: 2026-13-01\n---\n", None),
        ("---\ntitle: 'chatspark: [a'\n---\n", None),
        ("# P\n\n---\nchatspark: 2026-13-01\n---\n", None),
        ("", None),
        # readable: MkDocs kept it (this is never called then), or a thematic break
        ("---\nchatspark: false\n---\n", None),
    ],
)
def test_dropped_front_matter_says_where_and_why(
    markdown: str, found: Optional[tuple[Optional[int], str]]
) -> None:
    assert yaml_lines.dropped_front_matter(markdown, "chatspark") == found
