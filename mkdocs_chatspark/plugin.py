"""MkDocs events only: read the config and pages, call the pure modules, place the result."""

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

from . import extension, merge, model, render
from .options import ChatSparkConfig, config_file_label

log = get_plugin_logger(__name__)

FRONT_MATTER_KEY = "chatspark"
STANDALONE = "mkdocs_chatspark.extension"


class ChatSparkPlugin(BasePlugin[ChatSparkConfig]):
    def __init__(self) -> None:
        self._site_file = ""
        self._site_actions: tuple[model.Action, ...] = ()
        self._pages: dict[str, str] = {}
        self._plans: dict[str, merge.PagePlan] = {}
        self._instant = False
        self._extension = extension.ChatSparkExtension()
        self._serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Only under `mkdocs serve` does `preview` default to on.
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> Optional[MkDocsConfig]:
        if not self.config.enabled:
            return None
        # `mkdocs serve` keeps this object between rebuilds: start each build clean.
        self._site_file = ""
        self._site_actions = ()
        self._pages = {}
        self._plans = {}
        features = config.theme.get("features") or []
        self._instant = "navigation.instant" in features
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
        if not self.config.enabled:
            return None
        self._pages = {f.src_uri: f.url for f in files.documentation_pages()}
        source = config_file_label(config.config_file_path)
        actions, missing = merge.resolve_links(self.config.actions, self._pages, "actions")
        for warning in missing:
            log.warning(f"{source}: {warning}")
        self._site_actions = actions
        settings = render.site_settings(
            self.config,
            site_name=config.site_name,
            language=config.theme.get("language") or config.theme.get("locale"),
            serving=self._serving,
            actions=actions,
        )
        self._site_file, content = render.site_script(render.site_data(settings))
        files.append(
            File.generated(config, f"{render.ASSET_DIR}/{self._site_file}", content=content)
        )
        for name in render.STATIC_ASSETS:
            files.append(
                File.generated(config, f"{render.ASSET_DIR}/{name}", content=render.asset(name))
            )
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> Optional[str]:
        if self.config.enabled:
            self._plans[page.file.src_uri] = self._plan(page, self._source(page, config))
        return None

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> Optional[str]:
        # The page is converted: check its calls to action against its actions.
        if not self.config.enabled or not self._extension.found:
            return None
        source = self._source(page, config)
        plan = self._plans[page.file.src_uri]
        shown = merge.action_ids(self._site_actions, plan)
        for action_id in self._extension.found:
            line = extension.line_of(page.file.content_string, action_id)  # lines of the file
            where = f"{source}:{line}: chatspark:{action_id}"
            if not plan.enabled:
                log.warning(
                    f"{where}: this page has no chat widget (chatspark: false), "
                    "so the button does nothing"
                )
            elif action_id not in shown:
                raise PluginError(
                    f"{where}: {model.describe(action_id)} is not an action on this page; "
                    f"actions here: {', '.join(shown) or 'none'}"
                )
        return None

    # After every other plugin has changed the page, and after the search plugin
    # has indexed it (it reads page content in on_page_context): our data must
    # not land in the search index.
    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> Optional[str]:
        if not self.config.enabled:
            return None
        plan = self._plans.get(page.file.src_uri) or self._plan(page, self._source(page, config))
        if not plan.enabled and not self._instant:
            return None  # an opted-out page gets nothing at all

        def url(path: str) -> str:
            return get_relative_url(path, page.url)

        data = render.page_data(plan) if plan.enabled else None
        return self._inject(output, url, data, page.file.src_uri)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> Optional[str]:
        # The 404 page is a static template: on_post_page never sees it. It is
        # served at any depth, so it needs URLs from the server root.
        if not self.config.enabled or template_name != "404.html":
            return None
        root = urlsplit(config.site_url or "").path or "/"
        if not root.endswith("/"):
            root += "/"

        def url(path: str) -> str:
            return root + path

        return self._inject(output_content, url, {}, template_name)

    @staticmethod
    def _source(page: Page, config: MkDocsConfig) -> str:
        """The page's file as the author knows it: docs/pricing.md."""
        base = os.path.dirname(config.config_file_path or "")
        return os.path.relpath(page.file.abs_src_path or page.file.src_uri, base or None)

    def _plan(self, page: Page, source: str) -> merge.PagePlan:
        raw: Any = page.meta.get(FRONT_MATTER_KEY)
        try:
            plan, warnings = merge.front_matter_plan(
                self._site_actions, raw, self._pages, page.file.src_uri
            )
        except model.ActionError as e:
            raise PluginError(f"{source}: {e}") from None
        for warning in warnings:
            log.warning(f"{source}: {warning}")
        return plan

    def _inject(self, html: str, url: Any, data: Optional[dict[str, Any]], where: str) -> str:
        head = render.head_tags(url, self._site_file, data)
        out = render.inject(html, head, render.body_tags(url))
        if out is None:
            log.warning(f"{where}: the page has no </head>, so no chat widget was added to it")
            return html
        return out
