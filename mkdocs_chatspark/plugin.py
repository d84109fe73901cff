"""MkDocs events only: read the config and pages, call the pure modules, place the result."""

from __future__ import annotations

import os
import re
from typing import Any, Optional
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from . import merge, model, render
from .options import ChatSparkConfig, config_file_label

log = get_plugin_logger(__name__)

ASSETS = os.path.join(os.path.dirname(__file__), "assets")
FRONT_MATTER_KEY = "chatspark"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "docs"


class ChatSparkPlugin(BasePlugin[ChatSparkConfig]):
    def __init__(self) -> None:
        self._site_file = ""
        self._site_actions: tuple[model.Action, ...] = ()
        self._pages: dict[str, str] = {}
        self._instant = False

    def on_config(self, config: MkDocsConfig) -> Optional[MkDocsConfig]:
        if not self.config.enabled:
            return None
        # `mkdocs serve` keeps this object between rebuilds: start each build clean.
        self._site_file = ""
        self._site_actions = ()
        self._pages = {}
        features = config.theme.get("features") or []
        self._instant = "navigation.instant" in features
        return None

    def on_files(self, files: Files, config: MkDocsConfig) -> Optional[Files]:
        if not self.config.enabled:
            return None
        self._pages = {f.src_uri: f.url for f in files.documentation_pages()}
        source = config_file_label(config.config_file_path)
        actions, missing = merge.resolve_links(self.config.actions, self._pages, "actions")
        for warning in missing:
            log.warning(f"{source}: {warning}")
        self._site_actions = actions
        settings = render.SiteSettings(
            chatbot_id=self.config.chatbot_id or slug(config.site_name),
            script=self.config.script,
            script_integrity=self.config.script_integrity,
            title=self.config.title,
            greeting=self.config.greeting,
            launcher_label=self.config.launcher_label,
            position=self.config.position,
            webhook_timeout=self.config.webhook_timeout,
            actions=actions,
        )
        self._site_file, content = render.site_script(render.site_data(settings))
        files.append(
            File.generated(config, f"{render.ASSET_DIR}/{self._site_file}", content=content)
        )
        for name in render.STATIC_ASSETS:
            files.append(
                File.generated(
                    config, f"{render.ASSET_DIR}/{name}", abs_src_path=os.path.join(ASSETS, name)
                )
            )
        return files

    # After every other plugin has changed the page, and after the search plugin
    # has indexed it (it reads page content in on_page_context): our data must
    # not land in the search index.
    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> Optional[str]:
        if not self.config.enabled:
            return None
        plan = self._plan(page, config)
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

    def _plan(self, page: Page, config: MkDocsConfig) -> merge.PagePlan:
        raw: Any = page.meta.get(FRONT_MATTER_KEY)
        base = os.path.dirname(config.config_file_path or "")
        source = os.path.relpath(page.file.abs_src_path or page.file.src_uri, base or None)
        warnings = model.Warnings()
        try:
            settings = model.parse_page_settings(raw, FRONT_MATTER_KEY, warnings)
            actions, missing = merge.resolve_links(
                settings.actions, self._pages, f"{FRONT_MATTER_KEY}.actions"
            )
            settings = model.PageSettings(
                settings.enabled, actions, settings.hide, settings.greeting
            )
            plan = merge.plan_page(self._site_actions, settings, FRONT_MATTER_KEY)
        except model.ActionError as e:
            raise PluginError(f"{source}: {e}") from None
        for warning in [*warnings.items, *missing]:
            log.warning(f"{source}: {warning}")
        return plan

    def _inject(self, html: str, url: Any, data: Optional[dict[str, Any]], where: str) -> str:
        head = render.head_tags(url, self._site_file, data)
        out = render.inject(html, head, render.body_tags(url))
        if out is None:
            log.warning(f"{where}: the page has no </head>, so no chat widget was added to it")
            return html
        return out
