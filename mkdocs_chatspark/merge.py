"""Site actions + one page's front matter -> the actions that page shows.

Also resolves action URLs that name docs pages (`pricing.md#plans`) to the
built pages' URLs, through a lookup the host provides. Pure: no MkDocs objects.
"""

from __future__ import annotations

import dataclasses
import difflib
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional, Union

from .errors import FRONT_MATTER_KEY, ActionError, Warnings
from .model import Action, PageSettings, describe, did_you_mean

_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|//")

# A path whose first folder is a host name (`github.com/pypa/x`, `www.example.com`):
# an address written without its `https://`, which the site would serve as a 404.
# A dot and letters alone after the last one, then a slash (`tool.zip` and
# `v1.2/` are files and folders of a site), or `www.` in front.
_HOST_AS_PATH = re.compile(
    r"(?:www\.(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/?#]|$)|(?:[a-z0-9-]+\.)+[a-z]{2,}/)", re.IGNORECASE
)

PageUrls = Callable[[str], Optional[str]]
"""A docs page's path under docs/ (`api/x.md`) -> its URL as the build writes it
(`api/x/`), or None when the build has no such page. Each host makes it from
MkDocs' own `File`, which knows MkDocs' rules."""

PageAction = Union[str, Action]
"""An id: the site action of that id, as it is. An Action: this page's own."""


@dataclass(frozen=True)
class PagePlan:
    enabled: bool = True
    actions: Optional[tuple[PageAction, ...]] = None
    """None: the site's actions, unchanged (nothing to send for this page)."""
    greeting: Optional[str] = None


@lru_cache(maxsize=256)
def _glob(pattern: str) -> re.Pattern[str]:
    """A docs path glob: `*` within a folder, `**` across folders, `?` one character."""
    out = []
    for part in re.split(r"(\*\*/?|\*|\?)", pattern.lstrip("/")):
        if part.startswith("**"):
            out.append("(?:.*/)?" if part.endswith("/") else ".*")
        elif part == "*":
            out.append("[^/]*")
        elif part == "?":
            out.append("[^/]")
        else:
            out.append(re.escape(part))
    return re.compile("".join(out) + r"\Z")


def glob_matches(pattern: str, page: str) -> bool:
    """Whether a docs path glob (`api/**`, `*.md`) takes in the page at this docs path."""
    return _glob(pattern).match(page) is not None


def shown_on(action: Action, page: str) -> bool:
    """Whether a site action's `pages` globs take in the page at this docs path."""
    if not action.pages:
        return True
    shown = False
    for pattern in action.pages:
        if pattern.startswith("!"):
            if _glob(pattern[1:]).match(page):
                return False
        elif _glob(pattern).match(page):
            shown = True
    return shown


def plan_page(
    site: tuple[Action, ...],
    page: PageSettings,
    key_path: str = FRONT_MATTER_KEY,
    src_path: str = "",
) -> PagePlan:
    """Merge: a page action with a site action's id replaces it; `hide` removes.

    `src_path` is the page's path under docs/, for the site actions' `pages` globs."""
    if not page.enabled:
        return PagePlan(enabled=False)
    site_ids = {a.id for a in site}
    shown = tuple(a for a in site if shown_on(a, src_path))
    targeted = len(shown) < len(site)  # some site action is not for this page
    site = shown
    hidden = set()
    for i, action_id in enumerate(page.hide):
        if action_id not in site_ids:
            known = ", ".join(a.id for a in site) or "none are defined"
            raise ActionError(
                f"{key_path}.hide[{i}]",
                f"{describe(action_id)} is not the id of a site action; "
                f"{did_you_mean(action_id, site_ids)}site actions: {known}",
            )
        hidden.add(action_id)
    own = {a.id: a for a in page.actions}
    for i, action in enumerate(page.actions):
        if action.id in hidden:
            raise ActionError(
                f"{key_path}.actions[{i}].id",
                f"{describe(action.id)} is both hidden and defined on this page; "
                "drop it from `hide` to replace the site action, or drop this action",
            )
    if not hidden and not own and not targeted:
        return PagePlan(greeting=page.greeting)
    merged: list[PageAction] = [own.pop(a.id, a.id) for a in site if a.id not in hidden]
    merged.extend(own.values())
    return PagePlan(actions=tuple(merged), greeting=page.greeting)


@dataclass(frozen=True)
class Resolved:
    url: str
    site_relative: bool
    missing_page: bool = False


def resolve_url(url: str, urls: PageUrls) -> Resolved:
    """Where a `url` points, the same from every page.

    Absolute URLs, mailto:, tel: and #anchors stay as they are. Any other URL is
    a path from the site root (a leading / is the site root too, also under a
    sub-path); a path to a `.md` file names the docs page and becomes its URL.
    """
    if _ABSOLUTE.match(url) or url.startswith("#"):
        return Resolved(url, site_relative=False)
    path, sep, fragment = url.partition("#")
    path, qsep, query = path.partition("?")
    suffix = (qsep + query) + (sep + fragment)
    path = path.lstrip("/")
    if not path.endswith(".md"):
        return Resolved(path + suffix, site_relative=True)
    page_url = urls(posixpath.normpath(path))
    if page_url is None:
        return Resolved(url, site_relative=True, missing_page=True)
    return Resolved(page_url + suffix, site_relative=True)


def _docs_page(url: str) -> Optional[tuple[str, str]]:
    """The docs page a URL names and its fragment (`/pricing.md?x#plans` ->
    `pricing.md`, `plans`), read as resolve_url reads it; None for any other URL."""
    if _ABSOLUTE.match(url) or url.startswith("#"):
        return None
    path, _, fragment = url.partition("#")
    path = path.partition("?")[0].lstrip("/")
    return (posixpath.normpath(path), fragment) if path.endswith(".md") else None


def page_targets(actions: tuple[Action, ...]) -> list[str]:
    """The docs pages the actions' URLs name (`pricing.md#plans` -> `pricing.md`)."""
    named = (_docs_page(action.url or "") for action in actions)
    return [page[0] for page in named if page is not None]


def resolve_links(
    actions: tuple[Action, ...],
    urls: PageUrls,
    key_path: str,
    warnings: Optional[Warnings] = None,
) -> tuple[tuple[Action, ...], list[str]]:
    """Actions with their URLs resolved, and a warning for each missing page
    (also added to `warnings`, with its key path)."""
    resolved: list[Action] = []
    warnings = Warnings() if warnings is None else warnings
    first = len(warnings.found)
    for i, action in enumerate(actions):
        if action.url is None:
            resolved.append(action)
            continue
        where = resolve_url(action.url, urls)
        if where.site_relative and _HOST_AS_PATH.match(action.url):
            warnings.add(
                f"{key_path}[{i}].url",
                f"{describe(action.url)} has no scheme, so it is read as a path on this "
                f"site and the link would stay on this site; did you mean "
                f"{describe('https://' + action.url)}?",
            )
        if where.missing_page:
            warnings.add(
                f"{key_path}[{i}].url",
                f"{describe(action.url)} is not found among the documentation "
                "files (a .md path is read from the docs directory's root)",
            )
        resolved.append(
            dataclasses.replace(action, url=where.url, site_relative=where.site_relative)
        )
    return tuple(resolved), warnings.items[first:]


def missing_anchors(
    urls: Iterable[tuple[str, object]],
    anchors: Callable[[str], Optional[set[str]]],
    here: Optional[str] = None,
) -> list[tuple[str, str]]:
    """(key path, message) for each `page.md#anchor` URL whose page has no such anchor:
    the reader's browser would open the page at its top, without a word. `urls` are
    (key path, the URL as written); `anchors(path)` is the ids a docs page has, or
    None where that is not known (no such page: resolve_links says so; a host that
    does not collect them).

    `here`: the docs path of the page whose front matter wrote the URLs. A bare
    `#anchor` is on that page, and is checked against it; without `here` (mkdocs.yml),
    `#anchor` is on whichever page the reader is on, and no one page can say it is wrong."""
    out = []
    for key_path, url in urls:
        if not isinstance(url, str):
            continue
        bare = url.startswith("#")
        page = (here, url[1:]) if bare and here is not None else _docs_page(url)
        if page is None or not page[1]:
            continue
        path, fragment = page
        ids = anchors(path)
        # `#top` is the top of any page, as HTML defines it, with or without such an id.
        if ids is None or fragment in ids or fragment.lower() == "top":
            continue
        known = sorted(ids)
        close = difflib.get_close_matches(fragment, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        shown = ", ".join(known[:8]) + (f" and {len(known) - 8} more" if len(known) > 8 else "")
        effect = "open the page at its top"
        if bare:  # the page stays where it is, as if the link were not there
            effect = "leave the reader where they are on this page"
        out.append(
            (
                key_path,
                f"{describe(url)}: {path} has no heading or anchor {fragment!r}, so the "
                f"link would {effect}{hint} (its anchors: {shown or 'none'})",
            )
        )
    return out


def action_ids(site: tuple[Action, ...], plan: PagePlan) -> list[str]:
    """The ids of the actions a page shows."""
    if not plan.enabled:
        return []
    if plan.actions is None:
        return [a.id for a in site]
    return [a if isinstance(a, str) else a.id for a in plan.actions]
