"""The Markdown extension as Zensical runs it: a real `zensical build` of a site whose
mkdocs.yml lists `mkdocs_chatspark.extension` with the plugin's options."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from support import write_site, zensical_build, zensical_config

from mkdocs_chatspark import render

ZEN_ACTIONS = [
    {"id": "go", "type": "button", "label": "Deep page", "url": "guide/deep.md"},
    {
        "id": "contact",
        "type": "form",
        "label": "Contact",
        "fields": [{"key": "email", "label": "Email", "type": "email", "required": True}],
        "webhook": "https://hooks.example.com/contact",
    },
]
ZEN_PAGES = {
    "index.md": "# Home\n\nAsk: [Contact us](chatspark:contact)\n",
    "guide/deep.md": "---\nchatspark:\n  greeting: Deep greeting\n---\n# Deep\n",
    "off.md": "---\nchatspark: false\n---\n# Off\n",
}


def test_zensical_builds_pages_with_the_widget(tmp_path: Path) -> None:
    write_site(tmp_path, zensical_config({"chatbot_id": "zen", "actions": ZEN_ACTIONS}), ZEN_PAGES)
    built = zensical_build(tmp_path)
    assert built.ok, built.log
    deep = built.html("guide/deep/index.html")
    # load: idle (the default): the bootstrap draws the launcher and fetches
    # widget.js later; there is no site file, the site's data is in the island.
    assert (
        '<script data-failed="The chat could not load." data-label="Open chat" '
        'data-load="idle" data-position="right" data-retry="Try again" '
        'src="../../assets/chatspark/boot.js"></script>'
    ) in deep
    assert "widget.js" not in deep
    assert (
        render.BOOT_STYLE_ID not in deep
    )  # no call to action in its prose: the bootstrap links it
    data = built.island("guide/deep/index.html")
    assert data["greeting"] == "Deep greeting"
    assert data["site"]["chatbotId"] == "zen"
    assert "answers" not in data["site"]  # no Ask box: see the next test
    assert data["site"]["actions"][0]["url"] == "guide/deep/"  # a docs page, resolved
    home = built.html("index.html")
    # The calls to action's style, inline as the plugin writes it in <head>, in the
    # content before the first of them.
    assert (
        f'<style id="{render.BOOT_STYLE_ID}">{render.asset("boot.css")}</style><p>Ask: '
        '<span class="chatspark-cta" data-chatspark-action="contact"'
    ) in home
    assert built.island("index.html")["site"]["load"] == "idle"
    assert "chatspark" not in built.html("off/index.html")
    for name in ("boot.js", "boot.css", "widget.js", "widget.css"):
        assert (built.site / "assets" / "chatspark" / name).is_file()


def test_zensical_says_it_has_no_ask_box(tmp_path: Path) -> None:
    write_site(
        tmp_path, zensical_config({"answers": {"sources": 2}, "actions": ZEN_ACTIONS}), ZEN_PAGES
    )
    built = zensical_build(tmp_path)
    assert built.ok, built.log
    assert "option 'answers': Zensical builds have no Ask box" in built.log
    assert "answers" not in built.island("index.html")["site"]
    assert not (built.site / "assets" / "chatspark" / "answers.js").exists()


def test_zensical_with_load_eager_loads_the_widget_with_each_page(tmp_path: Path) -> None:
    options = {"chatbot_id": "zen", "actions": ZEN_ACTIONS, "load": "eager"}
    write_site(tmp_path, zensical_config(options), ZEN_PAGES)
    built = zensical_build(tmp_path)
    assert built.ok, built.log
    deep = built.html("guide/deep/index.html")
    assert '<script src="../../assets/chatspark/boot.js"></script>' in deep
    assert '<script defer="defer" src="../../assets/chatspark/widget.js"></script>' in deep
    assert built.island("guide/deep/index.html")["site"]["load"] == "eager"


def test_zensical_with_a_hosted_script_waits_for_a_press_by_default(tmp_path: Path) -> None:
    options = {
        "chatbot_id": "zen",
        "actions": ZEN_ACTIONS,
        "script": "https://cdn.example.com/e.js",
    }
    write_site(tmp_path, zensical_config(options), ZEN_PAGES)
    built = zensical_build(tmp_path)
    assert built.ok, built.log
    assert 'data-load="interaction"' in built.html("index.html")
    assert built.island("index.html")["site"]["load"] == "interaction"
    assert 'src="https://cdn.example.com/e.js"' not in built.html("index.html")


def test_zensical_reads_the_same_options_from_zensical_toml(tmp_path: Path) -> None:
    write_site(tmp_path, zensical_config({"actions": ZEN_ACTIONS}), ZEN_PAGES)
    (tmp_path / "mkdocs.yml").unlink()
    (tmp_path / "zensical.toml").write_text(
        '[project]\nsite_name = "Zen Docs"\n\n[project.markdown_extensions]\n'
        f'"mkdocs_chatspark.extension" = {{ actions = {_toml(ZEN_ACTIONS)} }}\n',
        encoding="utf-8",
    )
    built = zensical_build(tmp_path, config_file=None)
    assert built.ok, built.log
    assert [a["id"] for a in built.island("index.html")["site"]["actions"]] == ["go", "contact"]


def _toml(value: Any) -> str:
    """Enough TOML for the test's actions: inline tables and arrays."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_zensical_stops_on_a_mistake_with_file_and_key_path(tmp_path: Path) -> None:
    bad = [{"id": "x", "type": "form", "label": "X", "fields": [{"key": "k", "type": "emial"}]}]
    write_site(tmp_path, zensical_config({"actions": bad}), {"index.md": "# Home\n"})
    built = zensical_build(tmp_path)
    assert built.result.returncode != 0
    assert (
        "markdown_extensions: mkdocs_chatspark.extension: option 'actions': mkdocs.yml:13: "
        "actions[0].fields[0].type: 'emial' is not one of" in built.log
    )


def test_zensical_names_the_page_and_line_of_an_unknown_call_to_action(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\n[Go](chatspark:nope)\n"}
    write_site(tmp_path, zensical_config({"actions": ZEN_ACTIONS}), pages)
    built = zensical_build(tmp_path)
    assert built.result.returncode != 0
    assert "docs/index.md:3: chatspark:nope: 'nope' is not an action on this page" in built.log


def test_zensical_says_how_to_copy_the_widgets_files(tmp_path: Path) -> None:
    write_site(tmp_path, zensical_config({"actions": ZEN_ACTIONS}), ZEN_PAGES)
    built = zensical_build(tmp_path, assets=False)
    assert built.result.returncode != 0
    assert (
        "docs/assets/chatspark/boot.css is missing: copy the widget's files into the docs with "
        "`python -m mkdocs_chatspark assets docs`" in built.log
    )


def test_zensical_warns_as_mkdocs_does(tmp_path: Path) -> None:
    pages = {
        **ZEN_PAGES,
        "index.md": "---\nchatspark:\n  hidden: [go]\n---\n# Home\n",
        "off.md": "---\nchatspark: false\n---\n# Off\n\n[Go](chatspark:go)\n",
    }
    write_site(tmp_path, zensical_config({"actions": ZEN_ACTIONS}), pages)
    built = zensical_build(tmp_path)
    assert built.ok, built.log
    assert "docs/index.md:3: chatspark.hidden: unknown key, ignored" in built.log
    assert "docs/off.md:6: chatspark:go: this page has no chat widget" in built.log


def test_zensical_pages_carry_the_static_netlify_forms(tmp_path: Path) -> None:
    """An extension cannot write chatspark-forms.html: each page that shows the
    widget carries the hidden static forms Netlify registers at deploy."""
    netlify = {
        "id": "feedback",
        "type": "form",
        "label": "Feedback",
        "webhook": {"netlify": True},
        "fields": [{"key": "comment", "type": "textarea"}, {"key": "email", "type": "email"}],
    }
    pages = {
        **ZEN_PAGES,
        "own.md": "---\nchatspark:\n  actions:\n    - {id: trial, type: form, label: T, "
        "webhook: {netlify: true}, fields: [{key: seats, type: number}]}\n---\n# Own\n",
    }
    write_site(tmp_path, zensical_config({"actions": [*ZEN_ACTIONS, netlify]}), pages)
    built = zensical_build(tmp_path)
    assert built.ok, built.log
    home = built.html("index.html")
    assert re.findall(r"<form .*?</form>", home) == [
        '<form data-netlify="true" hidden="" name="feedback" netlify-honeypot="chatspark-website">'
        '<input name="form-name" type="hidden" value="feedback" />'
        '<textarea name="comment"></textarea><input name="email" type="email" />'
        '<input name="chatspark-website" /></form>'
    ]
    own = built.html("own/index.html")
    assert re.findall(r'<form [^>]*name="(\w+)"', own) == ["feedback", "trial"]
    assert '<input name="seats" type="text" />' in own
    assert "data-netlify" not in built.html("off/index.html")
    assert not (built.site / "chatspark-forms.html").exists()
