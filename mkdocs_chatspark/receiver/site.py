"""The site's actions as the receiver knows them: read from the same mkdocs.yml and
front matter the build reads, through the plugin's own option and action validators
(`options.ChatSparkConfig`, `model.parse_page_settings`), never through a host.

A broken file stops the receiver at start with the build's own message (file, line,
key path, what was found, what is allowed): `SiteError`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlsplit

import yaml
from mkdocs.utils import meta as mkdocs_meta
from mkdocs.utils import yaml as mkdocs_yaml

from .. import feedback, messages, model
from ..errors import FRONT_MATTER_KEY, ActionError, Notice, Warnings, file_label
from ..options import ChatSparkConfig, config_file_label

PLUGIN_NAMES = ("chatspark", "mkdocs-chatspark")


class SiteError(Exception):
    """The site cannot be read: the message says where and what (no traceback)."""


@dataclass(frozen=True)
class Served:
    """One action the receiver takes submissions for: every definition of its id
    (a page may define its own action under a site action's id), and where each is."""

    id: str
    definitions: tuple[tuple[str, model.Action], ...]
    """(where, action): `mkdocs.yml` or `docs/contact.md`, in the order read."""

    @property
    def first(self) -> model.Action:
        return self.definitions[0][1]


@dataclass(frozen=True)
class SiteActions:
    config_file: str
    site_url: Optional[str]
    actions: Mapping[str, Served]
    warnings: tuple[str, ...] = field(default=())
    docs_dir: Optional[Path] = None
    votes: Optional[feedback.Feedback] = None
    """The `feedback` option when its votes go to a webhook (this receiver, or not):
    votes (`actionType: "feedback"`) are then taken, checked by `feedback.parse_vote`."""
    language: str = "en"
    """The site's language as the build reads it: `theme.language` (Material), or the
    mkdocs themes' `theme.locale`."""
    words: Mapping[str, str] = field(default_factory=lambda: dict(messages.CATALOG["en"]))
    """The widget's words in that language, the author's `messages:` over them: the
    receiver says each field's problem with them, as the widget would."""

    @property
    def labels(self) -> dict[str, dict[str, str]]:
        """Action id -> field key -> label (the first definition's), for messages."""
        return {
            served.id: {f.key: f.label for f in served.first.fields}
            for served in self.actions.values()
        }

    @property
    def origin(self) -> Optional[str]:
        """The site's own origin (`https://docs.example.com`), from `site_url`."""
        if not self.site_url:
            return None
        parts = urlsplit(self.site_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return None
        return f"{parts.scheme}://{parts.netloc}".lower()


def _loader() -> type[yaml.SafeLoader]:
    """MkDocs' YAML loader (`!ENV`, `INHERIT`) on PyYAML's safe loader: the receiver
    imports nothing a config names. Material's `!!python/name:...` (emoji, Pygments)
    and `!relative` only matter while pages are built: they read as their text."""
    loader: type[yaml.SafeLoader] = mkdocs_yaml.get_yaml_loader(yaml.SafeLoader)
    loader.add_constructor("!relative", lambda _loader, _node: "")
    loader.add_multi_constructor(
        "tag:yaml.org,2002:python/", lambda _loader, suffix, _node: f"!!python/{suffix}"
    )
    return loader


def _plugin_options(raw: Mapping[str, Any], label: str) -> Optional[Mapping[str, Any]]:
    plugins = raw.get("plugins") or []
    entries: list[tuple[str, Any]]
    if isinstance(plugins, Mapping):
        entries = list(plugins.items())
    elif isinstance(plugins, list):
        entries = []
        for item in plugins:
            if isinstance(item, str):
                entries.append((item, None))
            elif isinstance(item, Mapping) and len(item) == 1:
                entries.extend(item.items())
    else:
        raise SiteError(f"{label}: plugins: expected a list, found {model.describe(plugins)}")
    for name, options in entries:
        if str(name).split("/")[-1] in PLUGIN_NAMES:
            if options is None:
                return {}
            if not isinstance(options, Mapping):
                raise SiteError(
                    f"{label}: plugins.{name}: expected a mapping of options, "
                    f"found {model.describe(options)}"
                )
            return options
    return None


def _pages(docs_dir: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".md", ".markdown")):
                yield Path(root, name)


def load(config_file: str) -> SiteActions:
    """Every action of the site, checked as the build checks it."""
    path = Path(config_file)
    label = config_file_label(str(path))
    try:
        with path.open("rb") as stream:
            raw = mkdocs_yaml.yaml_load(stream, _loader())  # type: ignore[arg-type]
    except OSError as e:
        raise SiteError(f"{label}: cannot read it: {e.strerror or e}") from None
    except Exception as e:  # MkDocs wraps YAML's errors in its ConfigurationError
        cause = e if isinstance(e, yaml.YAMLError) else e.__context__
        if isinstance(cause, yaml.YAMLError):
            mark = getattr(cause, "problem_mark", None)
            where = f"{label}:{mark.line + 1}" if mark is not None else label
            problem = getattr(cause, "problem", None) or str(cause).splitlines()[0]
            raise SiteError(f"{where}: not valid YAML: {problem}") from None
        raise SiteError(f"{label}: {e}") from None
    if not isinstance(raw, Mapping):
        raise SiteError(f"{label}: expected a mapping of settings, found {model.describe(raw)}")
    options = _plugin_options(raw, label)
    if options is None:
        raise SiteError(
            f"{label}: plugins: no `chatspark` plugin; the receiver serves that plugin's actions"
        )
    config = ChatSparkConfig(config_file_path=str(path))
    config.load_dict(dict(options))
    errors, warned = config.validate()
    if errors:
        raise SiteError("\n".join(str(e) for _, e in errors))
    notices = [str(w) for _, w in warned]
    site_url = raw.get("site_url")
    site_url = site_url if isinstance(site_url, str) else None
    found: dict[str, list[tuple[str, model.Action]]] = {}
    for action in config.actions:
        found.setdefault(action.id, []).append((label, action))
    docs_dir = path.parent / str(raw.get("docs_dir") or "docs")
    if not docs_dir.is_dir():
        raise SiteError(f"{label}: docs_dir: {docs_dir.as_posix()!r} is not a folder")
    for page in _pages(docs_dir):
        where = file_label(str(page), str(path.parent))
        try:
            _, meta = mkdocs_meta.get_data(page.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as e:
            raise SiteError(f"{where}: cannot read it: {e}") from None
        if FRONT_MATTER_KEY not in meta:
            continue
        warnings = Warnings()
        try:
            settings = model.parse_page_settings(meta[FRONT_MATTER_KEY], FRONT_MATTER_KEY, warnings)
        except ActionError as e:
            raise SiteError(str(Notice(where, e.key_path, e.message))) from None
        notices.extend(str(Notice(where, k, m)) for k, m in warnings.found)
        for action in settings.actions:
            found.setdefault(action.id, []).append((where, action))
    served = {
        action_id: Served(action_id, tuple(definitions))
        for action_id, definitions in found.items()
        if any(_receives(a) for _, a in definitions)
    }
    votes = config.feedback
    if votes is not None and votes.webhook is None:
        votes = None  # to listeners, Netlify or a mail program: never to a receiver
    theme = raw.get("theme")
    theme = theme if isinstance(theme, Mapping) else {}
    language = str(theme.get("language") or theme.get("locale") or "en")
    words = messages.messages_for(language, config.messages)
    return SiteActions(label, site_url, served, tuple(notices), docs_dir, votes, language, words)


def _receives(action: model.Action) -> bool:
    """Actions the widget posts to a webhook: forms and buttons with `webhook`."""
    return action.type in ("form", "button") and action.webhook is not None
