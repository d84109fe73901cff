"""MkDocs events only: read the config and pages, hand them to the pipeline, log or
raise what it finds, and place what each page gets."""

from __future__ import annotations

import json
import os
import tempfile
from functools import partial
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, write_file

from . import answering, cta, feedback, merge, pipeline, render, yaml_lines
from .answers import index
from .errors import EXTENSION_NAME, FRONT_MATTER_KEY, Notice, file_label
from .options import ChatSparkConfig, config_file_label

log = get_plugin_logger(__name__)


class ChatSparkPlugin(BasePlugin[ChatSparkConfig]):
    def __init__(self) -> None:
        self._site: Optional[pipeline.Site] = None
        self._site_file = ""
        self._outcomes: dict[str, pipeline.PageOutcome] = {}
        self._calls_to_action: set[str] = set()
        """Pages with a call to action in their prose: they get its style in <head>."""
        self._calls: Optional[cta.CallsExtension] = None
        self._serving = False
        self._files_dir: Optional[tempfile.TemporaryDirectory[str]] = None
        self._docs_label: Optional[tuple[str, str]] = None
        """docs_dir with a trailing separator, and its label with a "/" (_page_label)."""
        self._answers_index: Optional[tuple[int, int]] = None
        """The answers index of this build: its sections and the pages they come from."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """The only event that knows the command: `preview` defaults to on under serve."""
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> Optional[MkDocsConfig]:
        """Before any Markdown is converted: the place to register the extension."""
        extensions: list[Any] = config.markdown_extensions
        # A plugin that builds the site again with the same config (mkdocs-static-i18n,
        # once per language) runs this again: keep one instance in the list.
        extensions[:] = [
            e for e in extensions if not isinstance(e, (cta.CallsExtension, cta.PlainTextExtension))
        ]
        if not self.config.enabled:
            # Switched off for a build: the site gets nothing, and calls to action in
            # the prose become their plain text, so no page needs an edit.
            self._drop_standalone(config)
            extensions.append(cta.PlainTextExtension())
            return config
        # `mkdocs serve` keeps this object between rebuilds: start each build clean.
        self._site = None
        self._outcomes = {}
        self._calls_to_action = set()
        self._docs_label = None
        self._answers_index = None
        self._drop_standalone(config)
        self._check_minify(config)
        # One implementation of inline calls to action, for MkDocs and Zensical alike.
        # MkDocs types the list as names, but Python-Markdown takes instances too.
        self._calls = cta.CallsExtension()
        extensions.append(self._calls)
        return config

    # After the plugins that add, drop or rename pages (gen-files, the blog, and
    # mkdocs-static-i18n at -100, which keeps one language's pages per build under the
    # paths links use): `.md` URLs resolve against the pages the build has.
    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Optional[Files]:
        """The first event with the page list (`.md` links): the widget's own files."""
        if not self.config.enabled:
            return None
        self._site = pipeline.site(
            self.config,
            urls=_page_urls(files),
            site_name=config.site_name,
            theme=config.theme,
            serving=self._serving,
            config_file=config_file_label(config.config_file_path),
            lines=yaml_lines.lines_for(config.config_file_path),
            extra=config.extra,
            extra_javascript=config.extra_javascript,
            docs_dir=config.docs_dir,
            project=os.path.dirname(config.config_file_path or "") or ".",
        )
        for notice in self._site.warnings:
            log.warning("%s", notice)
        for name in render.STATIC_ASSETS:
            self._add_file(name, render.asset(name), files, config)
        return files

    def on_env(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Optional[Environment]:
        """Every page is converted (and the index can be built from them); no page is
        written yet (they learn the site file's name), and files can still be added."""
        if not self.config.enabled or self._site is None:
            return None
        # Here, not in on_files: other plugins (a blog's archive) have added their pages.
        for notice in pipeline.unmatched_globs(
            self.config,
            (self._file_glob_path(f) for f in files.documentation_pages()),
            config_file=config_file_label(config.config_file_path),
            lines=yaml_lines.lines_for(config.config_file_path),
        ):
            log.warning("%s", notice)
        self._check_anchors(files, config)
        data = render.site_data(self._site.settings)
        answers = answering.resolve(self.config.answers, self.config.script)
        if answers is not None:
            pages = [
                index.Page(page.url, page.title or "", page.content, meta=page.meta)
                for page in (f.page for f in files.documentation_pages())
                if isinstance(page, Page)
                and page.content is not None  # not read again by `mkdocs serve --dirty`
                and pipeline.answered_from(
                    self._glob_path(page), page.meta, answers, front_matter_key=FRONT_MATTER_KEY
                )
            ]
            language = self._site.language
            built = index.build_language(pages, language)
            meta = json.loads(built["meta.json"])
            self._answers_index = (meta["sections"], len(meta["pages"]))
            scripts, version = answering.index_scripts(built, language)
            for name, content in scripts.items():
                self._add_file(name, content, files, config)
            for name in answering.PART_FILES:
                self._add_file(name, render.asset(name), files, config)
            data["answers"] = answering.site_data(answers, language, version)
        self._site_file, content = render.site_script(data)
        self._add_file(self._site_file, content, files, config)
        return None

    def _check_anchors(self, files: Files, config: MkDocsConfig) -> None:
        """Every page is converted: an action's `page.md#anchor` that its page lacks is
        a warning, in mkdocs.yml or the front matter that wrote it, and so is a page
        action's bare `#anchor` that its own page lacks (a site action's `#anchor` is on
        whichever page is open: not checked). MkDocs 1.6 lists a page's anchors
        (`present_anchor_ids`); where the host does not, nothing is said."""

        def anchors(path: str) -> Optional[set[str]]:
            found = files.get_file_from_path(path)
            page = found.page if found is not None else None
            ids = getattr(page, "present_anchor_ids", None)
            return set(ids) if isinstance(ids, (set, frozenset)) else None

        config_file = config_file_label(config.config_file_path)
        lines = yaml_lines.lines_for(config.config_file_path)
        site_urls = [(f"actions[{i}].url", a.url) for i, a in enumerate(self.config.actions)]
        for key, message in merge.missing_anchors(site_urls, anchors):
            log.warning("%s", Notice(config_file, key, message, lines(key)))
        for page in (f.page for f in files.documentation_pages()):
            own = page.meta.get(FRONT_MATTER_KEY) if isinstance(page, Page) else None
            listed = own.get("actions") if isinstance(own, dict) else None
            if not isinstance(page, Page) or not isinstance(listed, list):
                continue
            urls = [
                (f"{FRONT_MATTER_KEY}.actions[{i}].url", a.get("url"))
                for i, a in enumerate(listed)
                if isinstance(a, dict)
            ]
            # A bare `#anchor` in front matter is on this very page: checked against it.
            found = merge.missing_anchors(urls, anchors, here=page.file.src_uri)
            if found:
                where = yaml_lines.front_matter_lines(partial(_content, page))
                label = self._page_label(page, config)
                for key, message in found:
                    log.warning("%s", Notice(label, key, message, where(key)))

    def _add_file(self, name: str, text: str, files: Files, config: MkDocsConfig) -> None:
        """A file of ours in assets/chatspark/, with a real source file (_write)."""
        path = self._write(name, text)
        files.append(File.generated(config, f"{render.ASSET_DIR}/{name}", abs_src_path=path))

    # 100: before other plugins change the Markdown, while it is still as MkDocs left it.
    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> Optional[str]:
        """Before the page is converted: its calls to action are counted from here."""
        if not self.config.enabled or self._calls is None:
            return None
        if not page.meta:
            # MkDocs drops front matter it cannot read, and leaves it in the Markdown.
            dropped = yaml_lines.dropped_front_matter(markdown, FRONT_MATTER_KEY)
            if dropped is not None:
                line, problem = dropped
                where = self._page_label(page, config) + (f":{line}" if line else "")
                raise PluginError(
                    f"{where}: MkDocs could not read the front matter and ignored all of "
                    f"it, `{FRONT_MATTER_KEY}:` included: {problem}"
                )
        self._calls.begin_page()
        return None

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> Optional[str]:
        """The first event after conversion, when the page's calls to action are known."""
        if not self.config.enabled or self._site is None or self._calls is None:
            return None
        outcome = pipeline.page(
            self._site,
            pipeline.PageSource(
                path=self._glob_path(page),
                label=self._page_label(page, config),
                meta=page.meta,
                # MkDocs reads the file again on each access: only for a line to place.
                text=lambda: page.file.content_string,
                found=tuple(self._calls.found),
                file=Path(page.file.abs_src_path) if page.file.abs_src_path else None,
            ),
        )
        for notice in outcome.warnings:
            log.warning("%s", notice)
        if outcome.errors:
            raise PluginError(str(outcome.errors[0]))
        self._outcomes[page.file.src_uri] = outcome
        if self._calls.found:
            self._calls_to_action.add(page.file.src_uri)
        return None

    # -100: after the search plugin (0) has read the page: the block stays out of the index.
    @event_priority(-100)
    def on_page_context(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> Optional[Any]:
        """ "Was this page helpful?" at the end of the content, where every theme puts it."""
        outcome = self._outcomes.get(page.file.src_uri)
        site = self._site
        if not self.config.enabled or site is None or outcome is None or not outcome.feedback:
            return None
        if not site.material_feedback and page.content is not None:
            page.content += feedback.block(site.feedback_words)
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

        if outcome.feedback and self._site is not None and self._site.material_feedback:
            output = feedback.material_form(output) or output
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

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Once every page's actions are known: the static forms Netlify's deploy step
        reads (`webhook: {netlify: true}`). A file of its own, so no page grows.
        Then one line to say the plugin ran: an entry lost from `plugins:` (a second
        `plugins:` key in the YAML) otherwise builds cleanly, and just as silently."""
        if not self.config.enabled:
            log.info("enabled: false, so no page has the chat widget")
            return
        if self._site is None:
            return
        netlify = [*self._site.actions]
        for outcome in self._outcomes.values():
            netlify.extend(outcome.netlify)
        votes = feedback.netlify_action(self._site.feedback) if self._site.feedback else None
        if votes is not None:
            netlify.append(votes)
        html = render.netlify_forms(netlify)
        if html is not None:
            write_file(
                html.encode("utf-8"), os.path.join(config.site_dir, render.NETLIFY_FORMS_FILE)
            )
        log.info("%s", self._summary())

    def _summary(self) -> str:
        """What the build gave the pages, in one line (on_post_build)."""
        assert self._site is not None
        outcomes = self._outcomes.values()
        shown = sum(o.data is not None for o in outcomes)
        own = sum(
            any(not isinstance(a, str) for a in o.data.get("actions", ()))
            for o in outcomes
            if o.data is not None
        )
        parts = [
            f"widget on {shown} of {_count(len(outcomes), 'page')}, "
            f"{_count(len(self._site.actions), 'site action')}"
            + (f" (own actions on {_count(own, 'page')})" if own else "")
        ]
        if self._site.feedback is not None:
            parts.append(f"page feedback on {_count(sum(o.feedback for o in outcomes), 'page')}")
        if self._answers_index is not None:
            sections, pages = self._answers_index
            parts.append(
                f"answers index: {_count(sections, 'section')} of "
                f"{_count(pages, 'page')} ({self._site.language})"
            )
        else:
            parts.append("no answers index")
        return "; ".join(parts)

    @staticmethod
    def _check_minify(config: MkDocsConfig) -> None:
        """mkdocs-minify-plugin renames the files its js_files and css_files list
        (widget.js to widget.min.js) and rewrites only the theme's links to them."""
        minify = config.plugins.get("minify")
        options = getattr(minify, "config", None) or {}
        for key in ("js_files", "css_files"):
            listed = options.get(key) or []
            for path in [listed] if isinstance(listed, str) else listed:
                if str(path).lstrip("/").startswith(f"{render.ASSET_DIR}/"):
                    log.warning(
                        "%s: plugins.minify.%s: %r is a file of this plugin, minified "
                        "already; minify renames it to .min, which the pages do not load: "
                        "remove it from %s",
                        config_file_label(config.config_file_path),
                        key,
                        path,
                        key,
                    )

    @staticmethod
    def _drop_standalone(config: MkDocsConfig) -> None:
        """A site built by both MkDocs and Zensical lists the extension with options
        for Zensical; under MkDocs the plugin places the widget, so drop that entry."""
        if EXTENSION_NAME in config.markdown_extensions:
            config.markdown_extensions.remove(EXTENSION_NAME)
            config.mdx_configs.pop(EXTENSION_NAME, None)

    def on_shutdown(self) -> None:
        """The end of `mkdocs build`, or of `mkdocs serve` after all its rebuilds."""
        if self._files_dir is not None:
            self._files_dir.cleanup()
            self._files_dir = None

    def _write(self, name: str, text: str) -> str:
        """A shared file on disk, outside docs/ (where `mkdocs serve` would see it
        and rebuild): plugins that read every file's `abs_src_path` (mkdocs-static-i18n,
        Material's privacy) find a real file, as they do for the theme's. Written
        once per plugin object and content (the site file's name carries its hash);
        the folder goes with the object: on shutdown, or when `mkdocs serve`, which
        loads the config anew for each rebuild, drops the previous one."""
        if self._files_dir is None:
            self._files_dir = tempfile.TemporaryDirectory(prefix="mkdocs_chatspark_")
        path = Path(self._files_dir.name, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
        return str(path)

    @staticmethod
    def _glob_path(page: Page) -> str:
        """The page's path for `pages:` globs. mkdocs-static-i18n names each file's
        path without its language (`fr/api/x.md`, `api/x.fr.md`: `api/x.md`), so
        that one glob serves every language."""
        return ChatSparkPlugin._file_glob_path(page.file)

    @staticmethod
    def _file_glob_path(file: File) -> str:
        """A docs file's path for `pages:` globs (see `_glob_path`)."""
        path = getattr(file, "norm_src_uri", None)
        return path if isinstance(path, str) else file.src_uri

    def _page_label(self, page: Page, config: MkDocsConfig) -> str:
        """The page's file as the author knows it, or what made it (mkdocs-gen-files)."""
        made_by = getattr(page.file, "generated_by", None)
        if made_by:
            return f"{page.file.src_uri} (generated by {made_by})"
        path = page.file.abs_src_path or page.file.src_uri
        # A page in docs_dir (most): the docs folder's label, made once per build, and
        # the page's path in it; `os.path.relpath` on every page cost 30 µs a page.
        docs = os.path.join(config.docs_dir, "")
        if path.startswith(docs):
            if self._docs_label is None or self._docs_label[0] != docs:
                self._docs_label = (docs, self._label(docs, config) + "/")
            return self._docs_label[1] + path[len(docs) :].replace(os.sep, "/")
        return self._label(path, config)

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
        # The author's scripts may call window.ChatSpark: the bootstrap comes before
        # them, a plain script. The search plugin's (the mkdocs and readthedocs
        # themes) never does: with no other it is `async` in <head>, in a task of its
        # own. Before search/main.js, over HTTP/2 it ran inside the parser's task
        # that runs the theme's scripts, and made that task the page's longest
        # (Lighthouse's max potential FID 75 ms against 45, performance.md).
        scripts = [str(s) for s in config.extra_javascript if str(s) != pipeline.SEARCH_SCRIPT]
        boot = render.boot_tag(url, self._site_file, settings, in_head=not scripts)
        out = render.inject(html, head, boot, boot_before=scripts)
        if out is None:
            log.warning("%s: the page has no </head>, so no chat widget was added to it", where)
            return html
        return out


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _content(page: Page) -> str:
    """The page's file as written, front matter included (MkDocs reads it again)."""
    return page.file.content_string


def _page_urls(files: Files) -> merge.PageUrls:
    """A docs page's URL as the build's own Files resolve a Markdown link: a plugin
    that serves one path from several files (mkdocs-static-i18n: `index.md` is
    `index.fr.md` or `fr/index.md` in the French build) answers for its pages."""

    def url(path: str) -> Optional[str]:
        found = files.get_file_from_path(path)
        return found.url if found is not None and found.is_documentation_page() else None

    return url
