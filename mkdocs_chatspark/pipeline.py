"""What a site and each of its pages get, the same under every host.

The MkDocs plugin and the Markdown extension (Zensical) only read their host's
config and pages, call these two functions, then log the warnings, raise the first
error and place the result. Pure: no host objects, only values and mappings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Optional

from . import answering, merge, model, render
from .errors import CTA_SCHEME, FRONT_MATTER_KEY, ActionError, Notice, Warnings
from .options import ChatSparkConfig
from .yaml_lines import Lines, no_lines

INSTANT = "navigation.instant"
SEARCH_SCRIPT = "search/main.js"
"""What the search plugin adds to `extra_javascript` on the mkdocs and readthedocs
themes: not the site's own script, and it never calls `window.ChatSpark`."""
"""Material's feature that swaps pages without a full load."""


@dataclass(frozen=True)
class Site:
    """What every page shares: the site actions (links resolved) and settings."""

    actions: tuple[model.Action, ...]
    settings: render.SiteSettings
    instant: bool
    """Material's instant navigation is on."""
    scripts: bool
    """The site has `extra_javascript`, whose scripts may call `window.ChatSpark.on`."""
    warnings: tuple[Notice, ...]
    language: str = "en"
    """The language being built (`theme.language`, or the mkdocs themes' `locale`)."""

    @property
    def keep_bootstrap(self) -> bool:
        """A page that opts out still gets the bootstrap (and no chat): under instant
        navigation the widget comes back on the next page, and the site's own
        scripts may call `window.ChatSpark.on`, as the ChatSpark page shows."""
        return self.instant or self.scripts


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
    extra_javascript: Iterable[object] = (),
) -> Site:
    """The site from the validated options. `pages` maps each docs page's path under
    docs/ to its URL; `config_file` names the file the options came from; `extra` is
    the site's `extra:` (Material's cookie consent lives there); `extra_javascript`,
    the site's scripts, which may call `window.ChatSpark.on` on any page."""
    warnings = Warnings()
    if options.consent:
        consent_warning(options.consent, extra or {}, warnings)
    language = str(theme.get("language") or theme.get("locale") or "en")
    localized = tuple(
        model.localize(a, language, f"actions[{i}]", warnings)
        for i, a in enumerate(options.actions)
    )
    actions, _ = merge.resolve_links(localized, pages, "actions", warnings)
    texts: dict[str, Optional[str]] = {}
    for key in LOCALIZED_OPTIONS:
        value: Optional[model.Text] = getattr(options, key)
        if isinstance(value, model.Localized):
            texts[key] = model.choose(value, language, key, warnings)
    settings = render.site_settings(
        options,
        site_name=site_name,
        language=language,
        serving=serving,
        actions=actions,
        texts=texts,
    )
    return Site(
        actions=actions,
        settings=settings,
        instant=INSTANT in (theme.get("features") or ()),
        scripts=any(str(script) != SEARCH_SCRIPT for script in extra_javascript),
        warnings=tuple(Notice(config_file, k, m, lines(k)) for k, m in warnings.found),
        language=language,
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


LOCALIZED_OPTIONS = ("title", "greeting", "launcher_label")
"""The options that may be given per language, beside the actions' texts."""


@dataclass(frozen=True)
class Call:
    """A call to action (`[x](chatspark:id)`) on a page, and where it is written."""

    action_id: str
    line: int = 0
    """Its line in `file`; 0: not found in any file (a docstring, another plugin's output)."""
    file: Optional[str] = None
    """The file it is written in, when not the page's own (an included file)."""
    via: Optional[str] = None
    """Where the page brings that file in: `docs/index.md:3`."""


@dataclass(frozen=True)
class PageOutcome:
    """What one page gets, and what is wrong with it."""

    inject: bool
    """Whether the page gets the widget's files (an opted-out page does only where
    the site keeps the bootstrap: `Site.keep_bootstrap`)."""
    data: Optional[dict[str, Any]]
    """The page's own data (what differs from the site); None: no widget on it."""
    errors: tuple[Notice, ...] = ()
    warnings: tuple[Notice, ...] = ()
    netlify: tuple[model.Action, ...] = ()
    """The page's own forms sent to Netlify Forms, which the deploy must register."""


def page_outcome(
    site_actions: tuple[model.Action, ...],
    front_matter: object,
    pages: Mapping[str, str],
    src_path: str,
    calls: Sequence[Call],
    *,
    keep_bootstrap: bool,
    file: str,
    lines: Lines = no_lines,
    language: str = "en",
) -> PageOutcome:
    """One page: its `chatspark:` front matter validated and merged with the site
    actions, and its calls to action (`(action id, line)`, in order) checked against
    the actions it shows (in order). `file` names the page in errors and warnings,
    `lines` gives the line of a front matter key path; `language` is the language
    being built, which picks the texts given per language."""
    warnings = Warnings()
    try:
        settings = model.parse_page_settings(front_matter, FRONT_MATTER_KEY, warnings)
        settings = dataclasses.replace(
            settings,
            actions=tuple(
                model.localize(a, language, f"{FRONT_MATTER_KEY}.actions[{i}]", warnings)
                for i, a in enumerate(settings.actions)
            ),
        )
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
    for call in calls:
        where = f"{CTA_SCHEME}{call.action_id}"
        at = call.file or file
        if call.via:
            included = f" (included by {call.via})"
        elif not call.line:
            included = " (not written in the page's file: a docstring, or another plugin's output)"
        else:
            included = ""
        if not plan.enabled:
            notices.append(
                Notice(
                    at,
                    where,
                    "this page has no chat widget (chatspark: false), so the button does "
                    f"nothing{included}",
                    call.line,
                )
            )
        elif call.action_id not in shown:
            errors.append(
                Notice(
                    at,
                    where,
                    f"{model.describe(call.action_id)} is not an action on this page; "
                    f"actions here: {', '.join(shown) or 'none'}{included}",
                    call.line,
                )
            )
    if errors:
        return PageOutcome(False, None, tuple(errors), tuple(notices))
    data = render.page_data(plan) if plan.enabled else None
    netlify = tuple(a for a in settings.actions if a.netlify) if plan.enabled else ()
    return PageOutcome(plan.enabled or keep_bootstrap, data, (), tuple(notices), netlify)


def answered_from(
    src_path: str,
    meta: Mapping[str, Any],
    answers: answering.Answers,
    *,
    front_matter_key: str = FRONT_MATTER_KEY,
) -> bool:
    """Whether a page is answered from: not when the site keeps it out of search
    (Material's `search: {exclude: true}`), not on a page without the widget
    (`chatspark: false`, or `enabled: false` in its mapping), not when an
    `exclude` glob takes in its path under docs/."""
    search = meta.get("search")
    if isinstance(search, Mapping) and search.get("exclude") is True:
        return False
    own = meta.get(front_matter_key)
    if own is False or (isinstance(own, Mapping) and own.get("enabled") is False):
        return False
    return not any(merge.glob_matches(pattern, src_path) for pattern in answers.exclude)
