"""What a site and each of its pages get, the same under every host.

The two hosts, the MkDocs plugin and the Markdown extension (Zensical), are peers:
each reads its own config and pages, calls `site` once and `page` for each page,
then logs the warnings, raises the first error and places the result. No host
objects here: values, paths, and a lookup of page URLs the host provides.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from . import answering, cta, limits, merge, messages, model, render, yaml_lines
from . import feedback as page_feedback
from .errors import CTA_SCHEME, FRONT_MATTER_KEY, ActionError, Notice, Warnings, file_label
from .merge import PageUrls
from .options import ChatSparkConfig
from .yaml_lines import Lines, no_lines

INSTANT = "navigation.instant"
"""Material's feature that swaps pages without a full load."""
SEARCH_SCRIPT = "search/main.js"
"""What the search plugin adds to `extra_javascript` on the mkdocs and readthedocs
themes: not the site's own script, and it never calls `window.ChatSpark`."""


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
    urls: PageUrls
    """A docs page's path under docs/ -> its URL, as the host builds it (None: no such page)."""
    language: str = "en"
    """The language being built (`theme.language`, or the mkdocs themes' `locale`)."""
    docs_dir: str = "docs"
    project: str = "."
    """The folder of the config file: files are named relative to it in messages."""
    feedback: Optional[page_feedback.Feedback] = None
    """The `feedback` option: "Was this page helpful?"."""
    feedback_words: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """The block's words in the language being built."""
    material_feedback: bool = False
    """`extra.analytics.feedback` is set: Material draws its own widget, which the
    plugin sends through the same route instead of drawing a second one."""

    @property
    def keep_bootstrap(self) -> bool:
        """A page that opts out still gets the bootstrap (and no chat): under instant
        navigation the widget comes back on the next page, and the site's own
        scripts may call `window.ChatSpark.on`, as the ChatSpark page shows."""
        return self.instant or self.scripts


def site(
    options: ChatSparkConfig,
    *,
    urls: PageUrls,
    site_name: str,
    theme: Mapping[str, Any],
    serving: bool,
    config_file: str,
    lines: Lines = no_lines,
    extra: Optional[Mapping[str, Any]] = None,
    extra_javascript: Iterable[object] = (),
    docs_dir: str = "docs",
    project: str = ".",
) -> Site:
    """The site from the validated options. `urls` looks up a docs page's URL;
    `config_file` names the file the options came from; `extra` is the site's
    `extra:` (Material's cookie consent lives there); `extra_javascript`, the site's
    scripts, which may call `window.ChatSpark.on` on any page."""
    warnings = Warnings()
    if options.consent:
        consent_warning(options.consent, extra or {}, warnings)
    language = str(theme.get("language") or theme.get("locale") or "en")
    localized = tuple(
        model.localize(a, language, f"actions[{i}]", warnings)
        for i, a in enumerate(options.actions)
    )
    actions, _ = merge.resolve_links(localized, urls, "actions", warnings)
    option: Optional[page_feedback.Feedback] = options.feedback
    words = page_feedback.words(option, language, "feedback", warnings) if option else {}
    settings = site_settings(options, site_name, language, serving, actions, warnings)
    if option is not None:
        votes = page_feedback.site_json(option, words, language)
        settings = dataclasses.replace(settings, feedback=votes)
    texts = {key: getattr(options, key) for key in LOCALIZED_OPTIONS}
    limits.texts({"actions": actions, **texts, "messages": options.messages}, warnings)
    data = render.site_script(render.site_data(settings))[1]
    limits.site_data(len(data.encode()), len(actions), warnings)
    analytics = (extra or {}).get("analytics")
    return Site(
        actions=actions,
        settings=settings,
        instant=INSTANT in (theme.get("features") or ()),
        scripts=any(str(script) != SEARCH_SCRIPT for script in extra_javascript),
        warnings=tuple(Notice(config_file, k, m, lines(k)) for k, m in warnings.found),
        urls=urls,
        language=language,
        docs_dir=docs_dir,
        project=project,
        feedback=option,
        feedback_words=words,
        material_feedback=isinstance(analytics, Mapping) and bool(analytics.get("feedback")),
    )


def unmatched_globs(
    options: ChatSparkConfig,
    pages: Iterable[str],
    *,
    config_file: str,
    lines: Lines = no_lines,
) -> tuple[Notice, ...]:
    """Each `pages` or `exclude` glob (a `!` one by what it leaves out) that takes in
    no page of the site: a typo there would hide an action, or the feedback block,
    on every page without a word. `pages` are the docs paths as the globs read them."""
    paths = tuple(pages)
    groups = [(f"actions[{i}].pages", a.pages) for i, a in enumerate(options.actions)]
    if options.feedback is not None:
        groups.append(("feedback.pages", options.feedback.pages))
    answers = answering.resolve(options.answers, options.script)
    if answers is not None:
        groups.append(("answers.exclude", answers.exclude))
    warnings = Warnings()
    for key, patterns in groups:
        for j, pattern in enumerate(patterns):
            glob = pattern[1:] if pattern.startswith("!") else pattern
            if not any(merge.glob_matches(glob, path) for path in paths):
                warnings.add(
                    f"{key}[{j}]",
                    f"{pattern!r} matches no page of the site; a glob matches a page's "
                    f"path under the docs folder, like guide/setup.md or guide/**",
                )
    return tuple(Notice(config_file, k, m, lines(k)) for k, m in warnings.found)


def site_settings(
    options: ChatSparkConfig,
    site_name: str,
    language: str,
    serving: bool,
    actions: tuple[model.Action, ...],
    warnings: Warnings,
) -> render.SiteSettings:
    """The plain settings render needs, from the validated options: `actions` with
    their links resolved, the texts given per language picked for `language`."""
    words: dict[str, Optional[str]] = dict(options.messages)
    for key in LOCALIZED_OPTIONS:
        value: Optional[model.Text] = getattr(options, key)
        if isinstance(value, model.Localized):
            words[key] = model.choose(value, language, key, warnings)
        else:
            words[key] = model.plain(value) if value else None
    return render.SiteSettings(
        chatbot_id=options.chatbot_id or render.slug(site_name),
        script=options.script,
        script_integrity=options.script_integrity,
        text=messages.messages_for(language, words),
        english=tuple(messages.english(language, words)),
        position=options.position,
        webhook_timeout=options.webhook_timeout,
        preview=serving if options.preview is None else options.preview,
        actions=actions,
        analytics=options.analytics,
        context=tuple(options.context),
        load=options.load or ("interaction" if options.script else "idle"),
        consent=options.consent,
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
    feedback: bool = False
    """The page gets "Was this page helpful?" (or Material's widget there sends through us)."""


@dataclass(frozen=True)
class PageSource:
    """One page as its host hands it over."""

    path: str
    """The page's path under docs/, for the site actions' `pages:` globs."""
    label: str
    """The page's file as the author knows it (`docs/pricing.md`), for messages."""
    meta: Mapping[str, Any]
    """The page's front matter."""
    text: Callable[[], str]
    """The page's file as written, read only when a line is wanted for a message."""
    found: Sequence[str] = ()
    """The ids of the calls to action the conversion found (cta.CallsExtension.found)."""
    file: Optional[Path] = None
    """The page's file on disk: files it includes are looked for beside it."""


def page(site: Site, source: PageSource) -> PageOutcome:
    """One page: its `chatspark:` front matter validated and merged with the site
    actions, and its calls to action placed in their files and checked against the
    actions it shows. The messages name the page's file and line."""
    calls = (
        cta.calls(
            source.text(),
            source.found,
            page=source.file,
            folders=(Path(site.docs_dir), Path(site.project)),
            label=lambda path: file_label(path, site.project),
            page_label=source.label,
        )
        if source.found
        else []
    )
    lines = yaml_lines.front_matter_lines(source.text)
    front_matter = source.meta.get(FRONT_MATTER_KEY)
    return page_outcome(
        site, front_matter, source.path, calls, file=source.label, lines=lines, meta=source.meta
    )


def page_outcome(
    site: Site,
    front_matter: object,
    src_path: str,
    calls: Sequence[cta.Call],
    *,
    file: str,
    lines: Lines = no_lines,
    meta: Optional[Mapping[str, Any]] = None,
) -> PageOutcome:
    """The checks under `page`, on values: the front matter, the page's path under
    docs/ (for `pages:` globs), its calls placed; `file` and `lines` place messages;
    `meta`, the page's whole front matter (Material's `hide: [feedback]`)."""
    warnings = Warnings()
    mistyped = _mistyped_key(meta)
    if mistyped is not None:
        warnings.add(
            mistyped, f"not a key the plugin reads, ignored; did you mean {FRONT_MATTER_KEY}?"
        )
    try:
        settings = model.parse_page_settings(front_matter, FRONT_MATTER_KEY, warnings)
        settings = dataclasses.replace(
            settings,
            actions=tuple(
                model.localize(a, site.language, f"{FRONT_MATTER_KEY}.actions[{i}]", warnings)
                for i, a in enumerate(settings.actions)
            ),
        )
        if settings.actions:
            own, _ = merge.resolve_links(
                settings.actions, site.urls, f"{FRONT_MATTER_KEY}.actions", warnings
            )
            settings = dataclasses.replace(settings, actions=own)
        limits.texts({FRONT_MATTER_KEY: settings}, warnings)
        plan = merge.plan_page(site.actions, settings, FRONT_MATTER_KEY, src_path)
    except ActionError as e:
        notes = tuple(Notice(file, k, m, lines(k)) for k, m in warnings.found)
        error = Notice(file, e.key_path, e.message, lines(e.key_path))
        return PageOutcome(False, None, (error,), notes)
    notices = [Notice(file, k, m, lines(k)) for k, m in warnings.found]
    errors: list[Notice] = []
    shown = merge.action_ids(site.actions, plan)
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
                    f"{model.did_you_mean(call.action_id, shown)}"
                    f"actions here: {', '.join(shown) or 'none'}{included}",
                    call.line,
                )
            )
    if errors:
        return PageOutcome(False, None, tuple(errors), tuple(notices))
    data = render.page_data(plan) if plan.enabled else None
    netlify = tuple(a for a in settings.actions if a.netlify) if plan.enabled else ()
    votes = (
        site.feedback is not None
        and page_feedback.on_page(site.feedback, page_settings=settings, meta=meta or {})
        and merge.shown_on(page_feedback.globs(site.feedback), src_path)
    )
    return PageOutcome(
        plan.enabled or site.keep_bootstrap, data, (), tuple(notices), netlify, votes
    )


def _mistyped_key(meta: Optional[Mapping[str, Any]]) -> Optional[str]:
    """A front matter key that looks like `chatspark` mistyped (`chatsprak:`,
    `ChatSpark:`) on a page without the real one. MkDocs keeps any key without a
    word, so the page's settings, an opt-out included, would be ignored silently."""
    if not meta or FRONT_MATTER_KEY in meta:
        return None
    for key in meta:
        if not isinstance(key, str):
            continue
        if difflib.SequenceMatcher(None, key.lower(), FRONT_MATTER_KEY).ratio() >= 0.8:
            return key
    return None


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
