"""What a site and each of its pages get, the same under every host.

The MkDocs plugin and the Markdown extension (Zensical) only read their host's
config and pages, call these two functions, then log the warnings, raise the first
error and place the result. Pure: no host objects, only values and mappings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Optional

from . import merge, model, render
from .errors import CTA_SCHEME, FRONT_MATTER_KEY, ActionError, Notice, Warnings
from .options import ChatSparkConfig
from .yaml_lines import Lines, no_lines

INSTANT = "navigation.instant"
"""Material's feature that swaps pages without a full load."""


@dataclass(frozen=True)
class Site:
    """What every page shares: the site actions (links resolved) and settings."""

    actions: tuple[model.Action, ...]
    settings: render.SiteSettings
    instant: bool
    """Material's instant navigation is on: an opted-out page keeps the shared files."""
    warnings: tuple[Notice, ...]


def site(
    options: ChatSparkConfig,
    *,
    pages: Mapping[str, str],
    site_name: str,
    theme: Mapping[str, Any],
    serving: bool,
    config_file: str,
    lines: Lines = no_lines,
    extra: Optional[Mapping[str, Any]] = None,
) -> Site:
    """The site from the validated options. `pages` maps each docs page's path under
    docs/ to its URL; `config_file` names the file the options came from; `extra` is
    the site's `extra:` (Material's cookie consent lives there)."""
    warnings = Warnings()
    if options.consent:
        consent_warning(options.consent, extra or {}, warnings)
    actions, _ = merge.resolve_links(options.actions, pages, "actions", warnings)
    settings = render.site_settings(
        options,
        site_name=site_name,
        language=theme.get("language") or theme.get("locale"),
        serving=serving,
        actions=actions,
    )
    return Site(
        actions=actions,
        settings=settings,
        instant=INSTANT in (theme.get("features") or ()),
        warnings=tuple(Notice(config_file, k, m, lines(k)) for k, m in warnings.found),
    )


def consent_warning(cookie: str, extra: Mapping[str, Any], warnings: Warnings) -> None:
    """`consent:` must name a cookie of Material's consent dialog, or no reader can
    ever accept it and the hosted script never loads."""
    consent = extra.get("consent")
    cookies = consent.get("cookies") if isinstance(consent, Mapping) else None
    if isinstance(cookies, Mapping) and cookie in cookies:
        return
    if not isinstance(consent, Mapping):
        where = "the site has no extra.consent (Material's cookie consent)"
    else:
        listed = ", ".join(map(str, cookies)) if isinstance(cookies, Mapping) else ""
        where = f"extra.consent.cookies lacks it (it has: {listed or 'nothing'})"
    warnings.add(
        "consent",
        f"{cookie!r} is not a cookie readers can accept: {where}, so the hosted script "
        f"never loads. Add it, e.g. extra: {{consent: {{cookies: {{{cookie}: ChatSpark}}}}}}",
    )


@dataclass(frozen=True)
class PageOutcome:
    """What one page gets, and what is wrong with it."""

    inject: bool
    """Whether the page gets the widget's files (an opted-out page does only under
    instant navigation, so that the widget comes back on the next page)."""
    data: Optional[dict[str, Any]]
    """The page's own data (what differs from the site); None: no widget on it."""
    errors: tuple[Notice, ...] = ()
    warnings: tuple[Notice, ...] = ()


def page_outcome(
    site_actions: tuple[model.Action, ...],
    front_matter: object,
    pages: Mapping[str, str],
    src_path: str,
    calls: Sequence[tuple[str, int]],
    *,
    instant: bool,
    file: str,
    lines: Lines = no_lines,
) -> PageOutcome:
    """One page: its `chatspark:` front matter validated and merged with the site
    actions, and its calls to action (`(action id, line)`, in order) checked against
    the actions it shows. `file` names the page in errors and warnings, `lines`
    gives the line of a front matter key path."""
    warnings = Warnings()
    try:
        settings = model.parse_page_settings(front_matter, FRONT_MATTER_KEY, warnings)
        if settings.actions:
            own, _ = merge.resolve_links(
                settings.actions, pages, f"{FRONT_MATTER_KEY}.actions", warnings
            )
            settings = dataclasses.replace(settings, actions=own)
        plan = merge.plan_page(site_actions, settings, FRONT_MATTER_KEY, src_path)
    except ActionError as e:
        notes = tuple(Notice(file, k, m, lines(k)) for k, m in warnings.found)
        error = Notice(file, e.key_path, e.message, lines(e.key_path))
        return PageOutcome(False, None, (error,), notes)
    notices = [Notice(file, k, m, lines(k)) for k, m in warnings.found]
    errors: list[Notice] = []
    shown = merge.action_ids(site_actions, plan)
    for action_id, line in calls:
        where = f"{CTA_SCHEME}{action_id}"
        if not plan.enabled:
            notices.append(
                Notice(
                    file,
                    where,
                    "this page has no chat widget (chatspark: false), so the button does nothing",
                    line,
                )
            )
        elif action_id not in shown:
            errors.append(
                Notice(
                    file,
                    where,
                    f"{model.describe(action_id)} is not an action on this page; "
                    f"actions here: {', '.join(shown) or 'none'}",
                    line,
                )
            )
    if errors:
        return PageOutcome(False, None, tuple(errors), tuple(notices))
    data = render.page_data(plan) if plan.enabled else None
    return PageOutcome(plan.enabled or instant, data, (), tuple(notices))
