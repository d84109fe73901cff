"""What the receiver reads of a site: the same actions the build reads."""

from __future__ import annotations

from pathlib import Path

from receiver_support import CONTACT, write_receiver_site

from mkdocs_chatspark.receiver import site


def test_site_and_page_actions_are_served_with_every_definition(tmp_path: Path) -> None:
    page = (
        "---\nchatspark:\n  actions:\n"
        "    - {id: contact, type: form, label: Ask, webhook: 'https://r.example/h', fields: [{key: q}]}\n"
        "    - {id: quote, type: form, label: Quote, webhook: 'https://r.example/h', fields: [{key: n, type: number}]}\n"
        "    - {id: docs, type: link, label: Docs, url: 'https://example.com'}\n"
        "---\n# P\n"
    )
    config = write_receiver_site(tmp_path, [CONTACT], {"index.md": "# A\n", "p.md": page})
    actions = site.load(str(config))
    assert sorted(actions.actions) == ["contact", "quote"]
    assert [where for where, _ in actions.actions["contact"].definitions] == [
        "mkdocs.yml",
        "docs/p.md",
    ]
    assert actions.origin == "https://docs.example.com"
    assert actions.labels["quote"] == {"n": "n"}


def test_python_tags_in_mkdocs_yml_are_read_as_text_never_run(tmp_path: Path) -> None:
    """Material's `!!python/name:` is common in mkdocs.yml; the receiver imports and
    runs nothing a config names (PyYAML's full loader would run this os.system)."""
    config = write_receiver_site(tmp_path, [CONTACT])
    marker = tmp_path / "ran"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text
        + "markdown_extensions:\n  - pymdownx.emoji:\n"
        + "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        + f"      other: !!python/object/apply:os.system ['touch {marker}']\n",
        encoding="utf-8",
    )
    assert sorted(site.load(str(config)).actions) == ["contact"]
    assert not marker.exists()
