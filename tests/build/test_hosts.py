"""MkDocs and Zensical agree on every page: the same cases through the plugin (a real
MkDocs build, in this process) and through the Markdown extension with the plugin's
options (converted as Zensical converts a page), compared field by field."""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import Any, Optional

import markdown
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.meta import get_data
from support import DIV_ISLAND, ISLAND, site_config, write_site
from zensical.extensions.context import ContextExtension
from zensical.extensions.context import Page as ZensicalPage

from mkdocs_chatspark.extension import ChatSparkError, ChatSparkExtension, copy_assets

ACTIONS = [
    {"id": "demo", "type": "button", "label": "Demo", "url": "pricing.md"},
    {"id": "contact", "type": "link", "label": "Contact", "url": "https://example.com"},
    {"id": "api", "type": "button", "label": "API", "pages": ["api/**"]},
]

# (name, the page under test's source, theme features, something the outcome shows)
CASES: list[tuple[str, str, list[str], str]] = [
    ("no front matter", "# Page\n", [], "'injected': True, 'data': {}"),
    ("explicit defaults", "---\nchatspark: true\n---\n# Page\n", [], "'injected': True"),
    ("greeting", "---\nchatspark:\n  greeting: Hello here\n---\n# Page\n", [], "Hello here"),
    ("hide", "---\nchatspark:\n  hide: [contact]\n---\n# Page\n", [], "['demo', 'api']"),
    (
        "own action",
        "---\nchatspark:\n  actions:\n    - {id: own, type: button, label: Own, url: pricing.md}\n"
        "---\n# Page\n\n[Go](chatspark:own)\n",
        [],
        "'url': 'pricing/'",
    ),
    ("opted out", "---\nchatspark: false\n---\n# Page\n", [], "'injected': False"),
    (
        "opted out, instant",
        "---\nchatspark: false\n---\n# Page\n",
        ["navigation.instant"],
        "'injected': True, 'data': None",
    ),
    (
        "opted out with a call",
        "---\nchatspark: false\n---\n# Page\n\n[Go](chatspark:demo)\n",
        [],
        "docs/api/page.md:6: chatspark:demo: this page has no chat widget",
    ),
    (
        "unknown call",
        "# Page\n\nText\n\n[Go](chatspark:nope)\n",
        [],
        "docs/api/page.md:5: chatspark:nope: 'nope' is not an action on this page",
    ),
    ("call to a site action", "# Page\n\n[Go](chatspark:demo)\n", [], "'error': None"),
    (
        "unknown key",
        "---\nchatspark:\n  hidden: [demo]\n---\n# Page\n",
        [],
        "docs/api/page.md:3: chatspark.hidden: unknown key",
    ),
    (
        "missing target",
        "---\nchatspark:\n  actions: [{id: gone, type: link, label: G, url: gone.md}]\n---\n# P\n",
        [],
        "docs/api/page.md:3: chatspark.actions[0].url: 'gone.md' is not found",
    ),
    (
        "bad hide",
        "---\nchatspark:\n  hide: [nope]\n---\n# Page\n",
        [],
        "docs/api/page.md:3: chatspark.hide[0]: 'nope' is not the id of a site action",
    ),
    (
        "not a mapping",
        "---\nchatspark: [1, 2]\n---\n# Page\n",
        [],
        "docs/api/page.md:2: chatspark: expected true or false (unquoted), or a mapping",
    ),
]
PAGE = "api/page.md"  # under api/: the targeted site action shows here


@pytest.mark.parametrize(
    ("source", "features", "shows"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_the_plugin_and_the_extension_give_a_page_the_same(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    source: str,
    features: list[str],
    shows: str,
) -> None:
    options = {"chatbot_id": "bot", "actions": ACTIONS}
    pages = {"index.md": "# Home\n", "pricing.md": "# Pricing\n", PAGE: source}
    mkdocs_side = _through_the_plugin(tmp_path / "mkdocs", options, pages, features, caplog)
    caplog.clear()
    zensical_side = _through_the_extension(tmp_path / "zensical", options, pages, features, caplog)
    assert mkdocs_side == zensical_side
    assert shows in str(mkdocs_side)


@pytest.mark.parametrize(
    ("more", "boot"),
    [
        ({}, {"load": "idle", "label": "Open chat", "position": "right"}),
        (
            {"load": "interaction", "launcher_label": "Ask us", "position": "left"},
            {"load": "interaction", "label": "Ask us", "position": "left"},
        ),
        ({"script": "https://cdn.example.com/e.js"}, {"load": "interaction"}),
        ({"load": "eager"}, {}),
    ],
    ids=["idle", "interaction", "hosted", "eager"],
)
def test_the_plugin_and_the_extension_load_the_widget_alike(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, more: dict[str, Any], boot: dict[str, str]
) -> None:
    options = {"chatbot_id": "bot", "actions": ACTIONS, **more}
    pages = {"index.md": "# Home\n", "pricing.md": "# Pricing\n", PAGE: "# Page\n"}
    mkdocs_side = _through_the_plugin(tmp_path / "mkdocs", options, pages, [], caplog)
    caplog.clear()
    zensical_side = _through_the_extension(tmp_path / "zensical", options, pages, [], caplog)
    assert mkdocs_side == zensical_side
    assert {k: v for k, v in mkdocs_side["boot"].items() if k in boot} == boot
    assert set(mkdocs_side["boot"]) == ({"load", "label", "position"} if boot else set())
    assert mkdocs_side["widget_in_page"] is (not boot)


def _page_notices(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The warnings about the page under test, without the logger's prefix."""
    out = []
    for record in caplog.records:
        message = record.getMessage().removeprefix("mkdocs_chatspark: ")
        if record.levelno == logging.WARNING and message.startswith("docs/"):
            out.append(message)
    return out


def _through_the_plugin(
    root: Path,
    options: dict[str, Any],
    pages: dict[str, str],
    features: list[str],
    caplog: pytest.LogCaptureFixture,
) -> dict[str, Any]:
    config = site_config(options)
    config["theme"]["features"] = features
    write_site(root, config, pages)
    error: Optional[str] = None
    with caplog.at_level(logging.WARNING):
        try:
            build(load_config(str(root / "mkdocs.yml")))
        except MkDocsException:
            # MkDocs logs the plugin's error, then aborts with a message of its own.
            errors = [r for r in caplog.records if r.levelno == logging.ERROR]
            error = errors[-1].getMessage()
    if error is not None:
        return {"error": error, "warnings": _page_notices(caplog), "injected": None}
    page = (root / "site" / "api" / "page" / "index.html").read_text(encoding="utf-8")
    island = ISLAND.search(page)
    return {
        "error": None,
        "warnings": _page_notices(caplog),
        "injected": "assets/chatspark/boot.js" in page,
        "data": _json(island.group(1)) if island else None,
        **_loading(page),
    }


def _through_the_extension(
    root: Path,
    options: dict[str, Any],
    pages: dict[str, str],
    features: list[str],
    caplog: pytest.LogCaptureFixture,
) -> dict[str, Any]:
    write_site(root, {"site_name": "Test Docs"}, pages)
    copy_assets(root / "docs")
    source, meta = get_data(pages[PAGE])
    config = {
        "root_dir": str(root),
        "docs_dir": "docs",
        "site_name": "Test Docs",
        "use_directory_urls": True,
        "theme": {"name": "mkdocs", "features": features},
    }
    context = ContextExtension(page=ZensicalPage("api/page/", PAGE, meta=meta), config=config)
    error: Optional[str] = None
    with caplog.at_level(logging.WARNING):
        try:
            out = markdown.markdown(source, extensions=[context, ChatSparkExtension(**options)])
        except ChatSparkError as e:
            error = str(e)
    if error is not None:
        return {"error": error, "warnings": _page_notices(caplog), "injected": None}
    island = DIV_ISLAND.search(out)
    data = _json(html.unescape(island.group(1))) if island else None
    if data is not None:
        del data["site"]  # the plugin carries it in a file of its own
    return {
        "error": None,
        "warnings": _page_notices(caplog),
        "injected": "assets/chatspark/boot.js" in out,
        "data": data,
        **_loading(out),
    }


_BOOT_TAG = re.compile(r"<script\b[^>]*assets/chatspark/boot\.js[^>]*>")


def _loading(page: str) -> dict[str, Any]:
    """When the page loads the widget: the bootstrap's `load`, launcher label and
    position (the plugin's data-site aside, which the extension has no file for),
    and whether the page itself loads widget.js (only with `load: eager`)."""
    tag = _BOOT_TAG.search(page)
    found = re.findall(r'data-(load|label|position)="([^"]*)"', tag.group() if tag else "")
    return {"boot": dict(found), "widget_in_page": "chatspark/widget.js" in page}


def _json(text: str) -> Any:
    import json

    return json.loads(re.sub(r"\\u003c", "<", text))
