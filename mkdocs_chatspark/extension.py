"""The Python-Markdown side: inline calls to action, and the widget for hosts
that load Markdown extensions but no MkDocs plugins (Zensical).

`[Book a demo](chatspark:book_demo)` becomes `<span class="chatspark-cta"
data-chatspark-action="book_demo" role="button" tabindex="0">`, which the widget
turns into "open the chat and run that action". A span, not a <button>: a button
is an inline block, and a long label became a block of its own that broke its
sentence; a span wraps with the words around it (the bootstrap gives it Enter and
Space). The plugin registers this extension itself, and checks the
ids the extension found against the page's actions once the page is converted.
Given the plugin's options, the extension places the widget on each page itself.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Callable, Optional

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.plugins import get_plugin_logger

from . import merge, pipeline, render, yaml_lines
from .errors import CTA_SCHEME, FRONT_MATTER_KEY, file_label
from .options import ChatSparkConfig

log = get_plugin_logger(__name__)

SCHEME = CTA_SCHEME
CTA_CLASS = "chatspark-cta"
CTA_ATTRIBUTE = "data-chatspark-action"


# A quoted path on a line of the page: how include-markdown, pymdownx.snippets and
# macros' include name the file they bring in.
_QUOTED_PATH = re.compile(r"""["']([^"'\s<>|*?]+[./][^"'\s<>|*?]*)["']""")
_MAX_INCLUDED = 1_000_000  # bytes: an included file is text of ordinary size


def calls(
    source: str,
    found: Sequence[str],
    *,
    page: Optional[Path] = None,
    folders: Sequence[Path] = (),
    label: Callable[[str], str] = str,
    page_label: str = "",
) -> list[pipeline.Call]:
    """The calls to action found on a page, each placed in the file it is written in.

    `source` is the page's file. A call not written there may come from a file the
    page includes: one named in quotes on a line of the page, looked up beside the
    page (`page`) and then in `folders` (the docs folder, the project folder). It is
    then placed in that file, with the page line that brings it in (`page_label`:n).
    """
    located = []
    for action_id in found:
        line = line_of(source, action_id)
        if line:
            located.append(pipeline.Call(action_id, line))
            continue
        located.append(_included(action_id, source, page, folders, label, page_label))
    return located


def _included(
    action_id: str,
    source: str,
    page: Optional[Path],
    folders: Sequence[Path],
    label: Callable[[str], str],
    page_label: str,
) -> pipeline.Call:
    bases = ([page.parent] if page is not None else []) + list(folders)
    for number, text in enumerate(source.splitlines(), start=1):
        for name in _QUOTED_PATH.findall(text):
            if "://" in name:
                continue
            for base in bases:
                candidate = Path(os.path.normpath(base / name))
                try:
                    if not candidate.is_file() or candidate.stat().st_size > _MAX_INCLUDED:
                        continue
                except OSError:
                    continue
                line = line_of(_read(candidate), action_id)
                if line:
                    via = f"{page_label}:{number}" if page_label else None
                    return pipeline.Call(action_id, line, label(str(candidate)), via)
                break
    return pipeline.Call(action_id)


def line_of(markdown: str, action_id: str) -> int:
    """The line where a call to action is written, for messages (0: not found)."""
    needle = SCHEME + action_id
    for number, line in enumerate(markdown.splitlines(), start=1):
        at = line.find(needle)
        while at >= 0:
            after = line[at + len(needle) : at + len(needle) + 1]
            if not after or not (after.isalnum() or after in "_-"):
                return number
            at = line.find(needle, at + 1)
    return 0


class _CallsToAction(Treeprocessor):
    def __init__(self, md: Markdown, found: list[str]) -> None:
        super().__init__(md)
        self.found = found

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            if not href.startswith(SCHEME):
                continue
            action_id = href[len(SCHEME) :]
            self.found.append(action_id)
            link.tag = "span"
            link.attrib.clear()
            link.set("class", CTA_CLASS)
            link.set("role", "button")
            link.set("tabindex", "0")
            link.set(CTA_ATTRIBUTE, action_id)


class _PlainText(Treeprocessor):
    """The plugin switched off: each call to action becomes its label, as plain
    text (a dead `<a href="chatspark:...">` helps no reader)."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index in reversed(range(len(parent))):
                child = parent[index]
                if child.tag == "a" and child.get("href", "").startswith(SCHEME):
                    _unwrap(parent, index, child)


def _unwrap(parent: etree.Element, index: int, element: etree.Element) -> None:
    """Put an element's text and children in its place, keeping its tail."""

    def add_text(at: int, text: str) -> None:
        if at > 0:
            before = parent[at - 1]
            before.tail = (before.tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    children = list(element)
    tail = element.tail or ""
    parent.remove(element)
    add_text(index, element.text or "")
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    add_text(index + len(children), tail)


class PlainTextExtension(Extension):
    """Calls to action as their plain label text: what the plugin registers when
    it is switched off (`enabled: false`), so pages need no edit."""

    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        md.treeprocessors.register(_PlainText(md), "chatspark_cta", 15)


class ChatSparkExtension(Extension):
    """Turns `chatspark:` links into call-to-action buttons; with options (the
    plugin's own), also places the widget on each page, for hosts without plugins."""

    found: list[str]
    """The action ids the page being converted calls, in order (links in code are not calls)."""

    def __init__(self, **options: Any) -> None:
        # The plugin's options, validated by its Config class, not Python-Markdown's
        # option table (which would refuse nested values such as `actions`).
        self.config: dict[str, Any] = {}
        self.options = options
        self.found = []

    def begin_page(self) -> None:
        """A new page: what is found from here on is that page's (the plugin calls it)."""
        self.found.clear()

    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        if self.options:
            # Standalone, the host makes a Markdown instance per page: a new page.
            self.found = []
        # With the plugin, other Markdown instances convert parts of a page too
        # (mkdocstrings' docstrings, built from the same extensions list): they add to
        # the page's calls, and the plugin starts each page with begin_page.
        # After the inline patterns have made the <a> elements (priority 20),
        # before the toc extension reads the tree (priority 5).
        if self.options and self.options.get("enabled") is False:
            # Standalone and switched off: plain text, as the plugin does (the
            # options are validated with the page, where the project is known).
            md.treeprocessors.register(_PlainText(md), "chatspark_cta", 15)
            return
        md.treeprocessors.register(_CallsToAction(md, self.found), "chatspark_cta", 15)
        if self.options:
            # Standalone: last, once every other treeprocessor has seen the content.
            md.treeprocessors.register(_Widget(md, self), "chatspark_widget", 1)


# --- standalone: hosts that load Markdown extensions but no MkDocs plugin (Zensical) ---
#
# Configured with the plugin's own options, the extension does the plugin's job
# page by page through the same pipeline: it validates with the same Config class,
# then appends the data island and the scripts to the page's content. The shared
# files (boot.js, boot.css, widget.js, widget.css) are copied into the docs once:
# python -m mkdocs_chatspark assets docs/

CONTEXT = "rendering_context"  # Zensical's preprocessor that carries the page and config
OPTIONS_WHERE = "markdown_extensions: mkdocs_chatspark.extension"


class ChatSparkError(ValueError):
    """A mistake in the extension's options or a page, with file and key path."""


# The host makes a Markdown instance, and so an extension, per page: what holds for
# every page (validated options, the site with its links resolved) is kept here,
# made once per set of options and site settings, and its warnings logged once.
_validated: dict[str, ChatSparkConfig] = {}
_sites: dict[tuple[str, ...], tuple[pipeline.Site, dict[str, Any]]] = {}


def _options(raw: dict[str, Any], project: str) -> ChatSparkConfig:
    """The options validated once per build (the host makes an extension per page)."""
    key = json.dumps([raw, project], sort_keys=True, default=str)
    if key not in _validated:
        options = ChatSparkConfig(config_file_path=os.path.join(project, "mkdocs.yml"))
        options.entry = yaml_lines.EXTENSION_ENTRY
        options.load_dict(raw)
        errors, warnings = options.validate()
        for name, error in errors:
            raise ChatSparkError(f"{OPTIONS_WHERE}: option '{name}': {error}")
        for name, warning in warnings:
            log.warning("%s: option '%s': %s", OPTIONS_WHERE, name, warning)
        _validated[key] = options
    return _validated[key]


def _site(
    raw: dict[str, Any], options: ChatSparkConfig, config: dict[str, Any], pages: _DocsPages
) -> tuple[pipeline.Site, dict[str, Any]]:
    """The site and its data, once per set of options, site settings and linked
    pages, not again on every page."""
    theme = config.get("theme") or {}
    site_name = str(config.get("site_name") or "docs")
    # Which of the pages the actions link to exist is part of the key: under
    # `zensical serve`, adding or removing one resolves the links again.
    existing = [p for p in merge.page_targets(options.actions) if p in pages]
    scripts = list(config.get("extra_javascript") or ())
    key = (
        json.dumps(raw, sort_keys=True, default=str),
        json.dumps(theme, sort_keys=True, default=str),
        str(pages.docs_dir.resolve()),
        str(pages.directory_urls),
        site_name,
        "\n".join(existing),
        json.dumps(scripts, default=str),
    )
    if key not in _sites:
        site = pipeline.site(
            options,
            pages=pages,
            site_name=site_name,
            theme=theme,
            serving=False,
            config_file=OPTIONS_WHERE,
            extra_javascript=scripts,
        )
        for notice in site.warnings:
            log.warning("%s", notice)
        _sites[key] = site, render.site_data(site.settings)
    return _sites[key]


class _Widget(Treeprocessor):
    """Appends the page's data island and the scripts to the page's content, and
    links the calls to action's style before the first of them."""

    def __init__(self, md: Markdown, ext: ChatSparkExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        context = self.md.preprocessors[CONTEXT] if CONTEXT in self.md.preprocessors else None  # noqa: SIM401 (a Registry, no .get)
        page = getattr(context, "page", None)
        config: dict[str, Any] = getattr(context, "config", None) or {}
        project = config.get("root_dir") or "."
        options = _options(self.ext.options, project)
        if not options.enabled:
            return
        docs_dir = Path(project, config.get("docs_dir") or "docs")
        src_path = getattr(page, "path", "") or ""
        _check_assets(docs_dir, project)
        pages = _DocsPages(docs_dir, config.get("use_directory_urls", True) is not False)
        site, site_data = _site(self.ext.options, options, config, pages)
        file = docs_dir / src_path
        page_label = file_label(str(file), project) if src_path else "the page"
        outcome = pipeline.page_outcome(
            site.actions,
            (getattr(page, "meta", None) or {}).get(FRONT_MATTER_KEY),
            pages,
            src_path,
            calls(
                _read(file),
                self.ext.found,
                page=file,
                folders=(docs_dir, Path(project)),
                label=lambda path: file_label(path, project),
                page_label=page_label,
            )
            if self.ext.found
            else [],
            keep_bootstrap=site.keep_bootstrap,
            language=site.language,
            file=page_label,
            lines=yaml_lines.front_matter_lines(lambda: _read(file)),
        )
        for notice in outcome.warnings:
            log.warning("%s", notice)
        if outcome.errors:
            raise ChatSparkError(str(outcome.errors[0]))
        if not outcome.inject:
            return
        data: Optional[dict[str, Any]] = None
        if outcome.data is not None:
            # No site data file: the site's data travels in each page's island.
            data = {"site": site_data, **outcome.data}
        # Relative to the page's source file, as links in Markdown are: the host
        # rewrites them for the page's URL (a directory URL is one level deeper).
        to_root = "../" * src_path.count("/")
        if self.ext.found:
            # The calls to action's style before the first of them: they have their
            # final size when first painted, whenever the bootstrap or widget comes.
            root.insert(_first_call(root), render.style_element(to_root))
        for element in render.content_elements(to_root, data, site.settings):
            root.append(element)
        if data is not None:
            # An extension cannot add chatspark-forms.html: the static forms Netlify
            # registers go into each page that shows the widget, hidden.
            for form in render.netlify_form_elements((*site.actions, *outcome.netlify)):
                root.append(form)


def _first_call(root: etree.Element) -> int:
    """The index of the top-level element that holds the page's first call to action."""
    for index, child in enumerate(root):
        if any(node.get(CTA_ATTRIBUTE) is not None for node in child.iter()):
            return index
    return 0


class _DocsPages(Mapping[str, str]):
    """Docs page path -> URL, for the `.md` paths actions name: one file check each,
    not a walk of the whole docs tree on every page (the host gives no page list).
    Only looked up by path: it cannot list the pages."""

    def __init__(self, docs_dir: Path, directory_urls: bool) -> None:
        self.docs_dir = docs_dir
        self.directory_urls = directory_urls

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and (self.docs_dir / path).is_file()

    def __getitem__(self, path: str) -> str:
        if path not in self:
            raise KeyError(path)
        return merge.page_url(path, self.directory_urls)

    def __iter__(self) -> Iterator[str]:
        raise TypeError("the docs pages are looked up by path, not listed")

    def __len__(self) -> int:
        raise TypeError("the docs pages are looked up by path, not counted")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


_assets_checked: set[Path] = set()


def _check_assets(docs_dir: Path, project: str) -> None:
    """The shared files must be in the docs, and the ones of this version (checked
    once per docs folder and process, not on every page)."""
    if docs_dir in _assets_checked:
        return
    target = docs_dir / render.ASSET_DIR
    for name in render.STATIC_ASSETS:
        shipped = render.asset(name).encode()
        there = target / name
        if not there.is_file() or there.read_bytes() != shipped:
            state = "missing" if not there.is_file() else "from another version"
            raise ChatSparkError(
                f"{file_label(str(there), project)} is {state}: copy the widget's files into "
                f"the docs with `python -m mkdocs_chatspark assets "
                f"{file_label(str(docs_dir), project)}`"
            )
    _assets_checked.add(docs_dir)


def copy_assets(docs_dir: Path) -> list[Path]:
    """Copy the shared files (render.STATIC_ASSETS) into docs/assets/chatspark/."""
    target = docs_dir / render.ASSET_DIR
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in render.STATIC_ASSETS:
        (target / name).write_bytes(render.asset(name).encode())
        written.append(target / name)
    return written


def makeExtension(**kwargs: Any) -> ChatSparkExtension:  # Python-Markdown's name
    return ChatSparkExtension(**kwargs)
