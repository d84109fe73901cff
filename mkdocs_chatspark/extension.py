"""The Zensical host: hosts that load Markdown extensions but no MkDocs plugin.

Listed in `markdown_extensions` with the plugin's own options, the extension does
the plugin's job page by page, a peer of the plugin over the same pipeline: it
validates the options with the same Config class, turns calls to action into
buttons (cta.py), and appends the data island and the scripts to the page's
content. The shared files (boot.js, boot.css, widget.js, widget.css) are copied
into the docs once: python -m mkdocs_chatspark assets docs/
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from . import cta, merge, pipeline, render, yaml_lines
from .errors import EXTENSION_NAME, file_label
from .options import ChatSparkConfig

log = get_plugin_logger(__name__)

CONTEXT = "rendering_context"  # Zensical's preprocessor that carries the page and config
OPTIONS_WHERE = f"markdown_extensions: {EXTENSION_NAME}"


class ChatSparkError(ValueError):
    """A mistake in the extension's options or a page, with file and key path."""


class ChatSparkExtension(cta.CallsExtension):
    """Calls to action as buttons and, on each page, the widget: the plugin's job
    for a host that runs the page's Markdown but no MkDocs plugin."""

    def __init__(self, **options: Any) -> None:
        # The plugin's options, validated by its Config class, not Python-Markdown's
        # option table (which would refuse nested values such as `actions`).
        super().__init__()
        self.options = options

    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        if not self.options:
            # Listed without options: calls to action as buttons, no widget.
            super().extendMarkdown(md)
            return
        if self.options.get("enabled") is False:
            # Switched off: plain text, as the plugin does (the options are
            # validated with the page, where the project is known).
            cta.PlainTextExtension().extendMarkdown(md)
            return
        super().extendMarkdown(md)
        # Last, once every other treeprocessor has seen the content.
        md.treeprocessors.register(_Widget(md, self), "chatspark_widget", 1)


# The host makes a Markdown instance, and an extension, per page, and says nothing
# when a build starts (under `zensical serve` the config object outlives rebuilds).
# So what holds for every page (the validated options, the checked files, the site
# with its links resolved) is kept in one slot, each part under the key of what it
# is made from, read again on every page: a rebuild that changes any of it makes
# that part anew (and logs its warnings again), and nothing else is kept.
@dataclass
class _Kept:
    options: Optional[tuple[str, ChatSparkConfig]] = None
    assets: object = None
    site: Optional[tuple[str, pipeline.Site, dict[str, Any]]] = None


_kept = _Kept()


def _options(raw: dict[str, Any], project: str) -> ChatSparkConfig:
    key = json.dumps([raw, project], sort_keys=True, default=str)
    if _kept.options is None or _kept.options[0] != key:
        options = ChatSparkConfig(config_file_path=os.path.join(project, "mkdocs.yml"))
        options.entry = yaml_lines.EXTENSION_ENTRY
        options.load_dict(raw)
        errors, warnings = options.validate()
        for name, error in errors:
            raise ChatSparkError(f"{OPTIONS_WHERE}: option '{name}': {error}")
        for name, warning in warnings:
            log.warning("%s: option '%s': %s", OPTIONS_WHERE, name, warning)
        if raw.get("answers") not in (None, False):
            log.warning(
                "%s: option 'answers': Zensical builds have no Ask box: the Markdown "
                "extension sees one page at a time and cannot build the site's answers "
                "index (MkDocs and ProperDocs builds have it); remove 'answers'",
                OPTIONS_WHERE,
            )
        _kept.options = key, options
    return _kept.options[1]


def _site(
    raw: dict[str, Any], options: ChatSparkConfig, config: dict[str, Any], docs_dir: Path
) -> tuple[pipeline.Site, dict[str, Any]]:
    """The site and its data, made again only when what they are made from changes."""
    theme = config.get("theme") or {}
    site_name = str(config.get("site_name") or "docs")
    urls = _page_urls(docs_dir, config.get("use_directory_urls", True) is not False)
    scripts = list(config.get("extra_javascript") or ())
    project = config.get("root_dir") or "."
    # The URLs of the pages the actions link to are part of the key: under
    # `zensical serve`, adding or removing one resolves the links again.
    linked = [urls(path) for path in merge.page_targets(options.actions)]
    key = json.dumps(
        [raw, theme, str(docs_dir.resolve()), site_name, scripts, linked],
        sort_keys=True,
        default=str,
    )
    if _kept.site is None or _kept.site[0] != key:
        site = pipeline.site(
            options,
            urls=urls,
            site_name=site_name,
            theme=theme,
            serving=False,
            config_file=OPTIONS_WHERE,
            extra_javascript=scripts,
            docs_dir=str(docs_dir),
            project=project,
        )
        for notice in site.warnings:
            log.warning("%s", notice)
        _kept.site = key, site, render.site_data(site.settings)
    return _kept.site[1], _kept.site[2]


def _page_urls(docs_dir: Path, use_directory_urls: bool) -> merge.PageUrls:
    """A docs page's URL by MkDocs' own rule (`File`), for the `.md` paths actions
    name: one file check each, not a walk of the docs tree (the host gives no page list)."""

    def url(path: str) -> Optional[str]:
        if not (docs_dir / path).is_file():
            return None
        return File(path, str(docs_dir), "", use_directory_urls).url

    return url


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
        _check_assets(docs_dir, project)
        site, site_data = _site(self.ext.options, options, config, docs_dir)
        src_path = getattr(page, "path", "") or ""
        file = docs_dir / src_path
        outcome = pipeline.page(
            site,
            pipeline.PageSource(
                path=src_path,
                label=file_label(str(file), project) if src_path else "the page",
                meta=getattr(page, "meta", None) or {},
                text=lambda: cta.read(file),
                found=tuple(self.ext.found),
                file=file,
            ),
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
            root.insert(cta.first_call(root), render.style_element())
        for element in render.content_elements(to_root, data, site.settings):
            root.append(element)
        if data is not None:
            # An extension cannot add chatspark-forms.html: the static forms Netlify
            # registers go into each page that shows the widget, hidden.
            for form in render.netlify_form_elements((*site.actions, *outcome.netlify)):
                root.append(form)


def _check_assets(docs_dir: Path, project: str) -> None:
    """The shared files must be in the docs, and the ones of this version: their
    bytes are compared again whenever a file's size or time changes."""
    target = docs_dir / render.ASSET_DIR
    seen = []
    for name in render.STATIC_ASSETS:
        try:
            stat = (target / name).stat()
            seen.append((name, stat.st_size, stat.st_mtime_ns))
        except OSError:
            seen.append((name, -1, 0))
    if _kept.assets == (docs_dir, seen):
        return
    for name in render.STATIC_ASSETS:
        there = target / name
        if not there.is_file() or there.read_bytes() != render.asset(name).encode():
            state = "missing" if not there.is_file() else "from another version"
            raise ChatSparkError(
                f"{file_label(str(there), project)} is {state}: copy the widget's files into "
                f"the docs with `python -m mkdocs_chatspark assets "
                f"{file_label(str(docs_dir), project)}`"
            )
    _kept.assets = docs_dir, seen


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
