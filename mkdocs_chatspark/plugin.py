"""MkDocs events only: read the config and pages, hand them to the pipeline, log or
raise what it finds, and place what each page gets."""

from __future__ import annotations

import os
from typing import Any, Optional
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from . import extension, pipeline, render, yaml_lines
from .errors import FRONT_MATTER_KEY, file_label
from .options import ChatSparkConfig, config_file_label

log = get_plugin_logger(__name__)

STANDALONE = "mkdocs_chatspark.extension"


class ChatSparkPlugin(BasePlugin[ChatSparkConfig]):
    def __init__(self) -> None:
        self._site: Optional[pipeline.Site] = None
        self._site_file = ""
        self._pages: dict[str, str] = {}
        self._outcomes: dict[str, pipeline.PageOutcome] = {}
        self._calls_to_action: set[str] = set()
        """Pages with a call to action in their prose: they get its style in <head>."""
        self._extension: Optional[extension.ChatSparkExtension] = None
        self._serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """The only event that knows the command: `preview` defaults to on under serve."""
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> Optional[MkDocsConfig]:
        """Before any Markdown is converted: the place to register the extension."""
        if not self.config.enabled:
            return None
        # `mkdocs serve` keeps this object between rebuilds: start each build clean.
        self._site = None
        self._pages = {}
        self._outcomes = {}
        self._calls_to_action = set()
        # A site built by both MkDocs and Zensical lists the extension with options
        # for Zensical; under MkDocs the plugin places the widget, so drop that entry.
        if STANDALONE in config.markdown_extensions:
            config.markdown_extensions.remove(STANDALONE)
            config.mdx_configs.pop(STANDALONE, None)
        # One implementation of inline calls to action, for MkDocs and Zensical alike.
        # MkDocs types the list as names, but Python-Markdown takes instances too.
        self._extension = extension.ChatSparkExtension()
        config.markdown_extensions.append(self._extension)  # type: ignore[arg-type]
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Optional[Files]:
        """The first event with the page list (`.md` links), and the last that can add files."""
        if not self.config.enabled:
            return None
        self._pages = {f.src_uri: f.url for f in files.documentation_pages()}
        self._site = pipeline.site(
            self.config,
            pages=self._pages,
            site_name=config.site_name,
            theme=config.theme,
            serving=self._serving,
            config_file=config_file_label(config.config_file_path),
            lines=yaml_lines.lines_for(config.config_file_path),
            extra=config.extra,
        )
        for notice in self._site.warnings:
            log.warning("%s", notice)
        self._site_file, content = render.site_script(render.site_data(self._site.settings))
        files.append(
            File.generated(config, f"{render.ASSET_DIR}/{self._site_file}", content=content)
        )
        for name in render.STATIC_ASSETS:
            files.append(
                File.generated(config, f"{render.ASSET_DIR}/{name}", content=render.asset(name))
            )
        return files

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> Optional[str]:
        """The first event after conversion, when the page's calls to action are known."""
        if not self.config.enabled or self._site is None or self._extension is None:
            return None
        # Lines as the author counts them, in the whole file. MkDocs reads the file
        # again on each access: only when there is a call or a mistake to place.
        found = self._extension.found
        calls = extension.calls(page.file.content_string, found) if found else []
        outcome = pipeline.page_outcome(
            self._site.actions,
            page.meta.get(FRONT_MATTER_KEY),
            self._pages,
            page.file.src_uri,
            calls,
            instant=self._site.instant,
            file=self._label(page.file.abs_src_path or page.file.src_uri, config),
            lines=yaml_lines.front_matter_lines(lambda: page.file.content_string),
        )
        for notice in outcome.warnings:
            log.warning("%s", notice)
        if outcome.errors:
            raise PluginError(str(outcome.errors[0]))
        self._outcomes[page.file.src_uri] = outcome
        if calls:
            self._calls_to_action.add(page.file.src_uri)
        return None

    # -100: after every other plugin has changed the page, so nothing moves our tags.
    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> Optional[str]:
        """Last, after search read the page (on_page_context): our data stays out of the index."""
        outcome = self._outcomes.get(page.file.src_uri)
        if not self.config.enabled or outcome is None or not outcome.inject:
            return None

        def url(path: str) -> str:
            return get_relative_url(path, page.url)

        return self._inject(
            output,
            url,
            outcome.data,
            page.file.src_uri,
            config,
            calls_to_action=page.file.src_uri in self._calls_to_action,
        )

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> Optional[str]:
        """The 404 page is a static template: on_post_page never sees it."""
        if not self.config.enabled or template_name != "404.html":
            return None
        # It is served at any depth, so it needs URLs from the server root.
        root = urlsplit(config.site_url or "").path or "/"
        if not root.endswith("/"):
            root += "/"

        def url(path: str) -> str:
            return root + path

        return self._inject(output_content, url, {}, template_name, config)

    @staticmethod
    def _label(path: str, config: MkDocsConfig) -> str:
        return file_label(path, os.path.dirname(config.config_file_path or ""))

    def _inject(
        self,
        html: str,
        url: Any,
        data: Optional[dict[str, Any]],
        where: str,
        config: MkDocsConfig,
        *,
        calls_to_action: bool = False,
    ) -> str:
        if self._site is None:
            return html
        settings = self._site.settings
        head = render.head_tags(
            url, self._site_file, data, load=settings.load, calls_to_action=calls_to_action
        )
        # The author's scripts may call window.ChatSpark: the bootstrap comes before them.
        scripts = [str(s) for s in config.extra_javascript]
        boot = render.boot_tag(url, self._site_file, settings, defer=not scripts)
        out = render.inject(html, head, boot, boot_before=scripts)
        if out is None:
            log.warning("%s: the page has no </head>, so no chat widget was added to it", where)
            return html
        return out
