"""What may reach the reader's browser: URL policy and credential checks.

Pure functions over strings; each raises `ActionError` with the key path.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

URL_SCHEMES = ("http", "https", "mailto", "tel")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# Browsers drop tabs and newlines inside URLs and ignore leading control
# characters, so `java\tscript:` runs as `javascript:`. Refuse them all.
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f\\]")


def _error(path: str, message: str) -> Exception:
    from .model import ActionError

    return ActionError(path, message)


def _shown(value: str) -> str:
    return repr(value if len(value) <= 80 else value[:77] + "...")


def check_url(url: str, path: str) -> str:
    """A `url` an action may navigate to: http(s), mailto, tel, a path or an #anchor."""
    if _UNSAFE_CHARS.search(url):
        raise _error(
            path,
            f"{_shown(url)} contains a space, a control character or a backslash; "
            "percent-encode it (a space is %20)",
        )
    scheme = _SCHEME.match(url)
    if scheme:
        name = scheme.group(1).lower()
        if name not in URL_SCHEMES:
            raise _error(
                path,
                f"the scheme {name}: is not allowed; allowed: {', '.join(URL_SCHEMES)}, "
                "a path on this site, or an #anchor",
            )
        if name in ("http", "https") and not urlsplit(url).hostname:
            raise _error(path, f"{_shown(url)} has no host name")
    _check_userinfo(url, path)
    return url


def check_webhook(url: str, path: str) -> str:
    """A webhook endpoint or a script to load: https, or http on this machine for development."""
    if _UNSAFE_CHARS.search(url):
        raise _error(path, f"{_shown(url)} contains a space, a control character or a backslash")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise _error(
            path, f"{_shown(url)} is not an absolute https:// URL; the full address is needed"
        )
    if scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        raise _error(
            path,
            f"{_shown(url)} uses http; only https is allowed "
            f"(http is allowed only for {', '.join(LOCAL_HOSTS[:2])}, for development)",
        )
    _check_userinfo(url, path)
    return url


def _check_userinfo(url: str, path: str) -> None:
    if urlsplit(url).username is not None:
        raise _error(
            path,
            "the URL carries a user name or password, which every reader of the site could "
            "read; keep credentials on a server-side endpoint that holds them",
        )
