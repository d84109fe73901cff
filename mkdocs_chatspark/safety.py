"""What may reach the reader's browser: URL policy and credential checks.

Pure functions over strings; each raises `ActionError` with the key path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Optional
from urllib.parse import parse_qsl, urlsplit

from .errors import ActionError

URL_SCHEMES = ("http", "https", "mailto", "tel")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# Browsers drop tabs and newlines inside URLs and ignore leading control
# characters, so `java\tscript:` runs as `javascript:`. Refuse them all.
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f\\]")


def _error(key_path: str, message: str) -> Exception:
    return ActionError(key_path, message)


def _shown(value: str) -> str:
    return repr(value if len(value) <= 80 else value[:77] + "...")


def check_url(url: str, key_path: str) -> str:
    """A `url` an action may navigate to: http(s), mailto, tel, a path or an #anchor."""
    if _UNSAFE_CHARS.search(url):
        raise _error(
            key_path,
            f"{_shown(url)} contains a space, a control character or a backslash; "
            "percent-encode it (a space is %20)",
        )
    if url.startswith("//"):
        raise _error(
            key_path,
            f"{_shown(url)} leads to another host (an address that starts with // keeps only "
            "the scheme of the page); write it in full, https://..., or a path on this site",
        )
    scheme = _SCHEME.match(url)
    if scheme:
        name = scheme.group(1).lower()
        if name not in URL_SCHEMES:
            raise _error(
                key_path,
                f"the scheme {name}: is not allowed; allowed: {', '.join(URL_SCHEMES)}, "
                "a path on this site, or an #anchor",
            )
        if name in ("http", "https") and not urlsplit(url).hostname:
            raise _error(key_path, f"{_shown(url)} has no host name")
        if name == "mailto":
            _check_recipients(url, key_path)
    _check_userinfo(url, key_path)
    return url


_HIDDEN_RECIPIENTS = ("bcc",)


def _check_recipients(url: str, key_path: str) -> None:
    """The panel shows a mailto link by its address alone: a blind copy to someone
    else would go unseen by the reader who sends it."""
    for name, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if name.lower() in _HIDDEN_RECIPIENTS:
            raise _error(
                key_path,
                f"{_shown(url)} sends a blind copy ({name}=) that the reader is not shown; "
                "name every recipient before the ?, or use cc=",
            )


def check_webhook(url: str, key_path: str) -> str:
    """A webhook endpoint or a script to load: https, or http on this machine for development."""
    if _UNSAFE_CHARS.search(url):
        raise _error(
            key_path,
            f"{_shown(url)} contains a space, a control character or a backslash; "
            "write the whole https:// address, percent-encoded (a space is %20)",
        )
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise _error(
            key_path, f"{_shown(url)} is not an absolute https:// URL; the full address is needed"
        )
    if scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        raise _error(
            key_path,
            f"{_shown(url)} uses http; only https is allowed "
            f"(http is allowed only for {', '.join(LOCAL_HOSTS[:2])}, for development)",
        )
    _check_userinfo(url, key_path)
    return url


def _check_userinfo(url: str, key_path: str) -> None:
    if urlsplit(url).username is not None:
        raise _error(
            key_path,
            "the URL carries a user name or password, which every reader of the site could "
            "read; keep credentials on a server-side endpoint that holds them",
        )


# --- credentials ------------------------------------------------------------------
#
# Everything in an action reaches every reader's browser. These tables catch the
# credentials authors paste by mistake; a value that is public on purpose (a
# publishable key) is listed under the action's `public:` by its key path.

_KEY_SHAPES = (
    ("a Stripe secret key", r"\b[rs]k_(?:live|test)_[0-9A-Za-z]{10,}"),
    ("a Stripe webhook secret", r"\bwhsec_[0-9A-Za-z]{20,}"),
    ("a GitHub token", r"\b(?:gh[pousr]_[0-9A-Za-z]{30,}|github_pat_[0-9A-Za-z_]{22,})"),
    ("a Slack token", r"\bxox[abposr]-[0-9A-Za-z-]{10,}"),
    ("a Slack incoming webhook URL", r"hooks\.slack\.com/(?:services|workflows|triggers)/\S+"),
    ("a Discord webhook URL", r"discord(?:app)?\.com/api/webhooks/\S+"),
    ("an AWS access key id", r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b"),
    ("an OpenAI or Anthropic API key", r"\bsk-(?:proj-|svcacct-|admin-|ant-)?[0-9A-Za-z_-]{20,}"),
    ("a Google API key", r"\bAIza[0-9A-Za-z_-]{35}"),
    ("a Google OAuth client secret", r"\bGOCSPX-[0-9A-Za-z_-]{20,}"),
    ("a SendGrid API key", r"\bSG\.[0-9A-Za-z_-]{16,}\.[0-9A-Za-z_-]{16,}"),
    ("a Mailgun API key", r"\bkey-[0-9a-f]{32}\b"),
    ("a Twilio API key", r"\bSK[0-9a-fA-F]{32}\b"),
    ("a HubSpot private app token", r"\bpat-(?:na|eu)\d-[0-9a-f-]{36}\b"),
    ("a JSON Web Token", r"\beyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}"),
    ("a bearer token", r"\bBearer\s+[0-9A-Za-z._~+/-]{20,}"),
    ("a private key", r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
)
_SHAPES = tuple((name, re.compile(pattern)) for name, pattern in _KEY_SHAPES)

# Words that make a query parameter or a data key name a credential's:
# api_key, access_token, X-Api-Key, clientSecret, sig, Authorization ...
_CREDENTIAL_ENDINGS = ("key", "token", "secret", "password", "passwd", "signature")
_CREDENTIAL_WORDS = frozenset({"sig", "auth", "pwd", "credential", "credentials"})
_NOT_CREDENTIALS = frozenset({"author", "authors", "authored", "authoring"})
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def credential_name(name: str) -> bool:
    """Whether a parameter or key name says it holds a credential."""
    for word in (w.lower() for w in _WORD.findall(name)):
        if word in _CREDENTIAL_WORDS or word.endswith(_CREDENTIAL_ENDINGS):
            return True
        if word.startswith("auth") and word not in _NOT_CREDENTIALS:
            return True
    return False


def looks_like_credential(
    value: str, *, is_url: bool = False, key: Optional[str] = None
) -> Optional[str]:
    """What a published value looks like, if it looks like a credential.

    `key` is the name the value is stored under, for static data."""
    if key is not None and value.strip() and credential_name(key):
        return f"a credential (it is stored under the key {key!r})"
    for name, shape in _SHAPES:
        if shape.search(value):
            return name
    if is_url:
        parts = urlsplit(value)
        for part in (parts.query, parts.fragment):
            for param, _ in parse_qsl(part, keep_blank_values=True):
                if credential_name(param):
                    return f"a URL with the credential parameter {param!r}"
    return None


def _masked(value: str) -> str:
    return repr(value[:8] + "…") if len(value) > 8 else repr(value)


Published = tuple[str, str, bool, Optional[str]]
"""A value that reaches the browser: (key path in the action, value, is_url, key name)."""


def check_secrets(values: Iterable[Published], key_path: str, public: Iterable[str]) -> None:
    """Refuse published values that look like credentials.

    `public` holds the key paths the author marked as public on purpose. Each must
    name a value that was flagged, so an exemption never covers more than one value.
    """
    allowed = set(public)
    for where, value, is_url, key in values:
        kind = looks_like_credential(value, is_url=is_url, key=key)
        if kind is None:
            continue
        if where in allowed:
            allowed.discard(where)
            continue
        raise _error(
            f"{key_path}.{where}",
            f"{_masked(value)} looks like {kind}. Everything in an action is sent to every "
            "reader's browser: keep the credential on a server-side endpoint or serverless "
            "function that holds it, and point `webhook` there. If this value is public on "
            f"purpose, list {where!r} under this action's `public:`",
        )
    for where in sorted(allowed):
        raise _error(
            f"{key_path}.public",
            f"{where!r} names no value that looks like a credential; remove it from `public:`",
        )


def check_text(value: str, key_path: str) -> None:
    """A published setting outside any action (a greeting, a title)."""
    kind = looks_like_credential(value)
    if kind is not None:
        raise _error(
            key_path,
            f"{_masked(value)} looks like {kind}, and would be sent to every reader's browser",
        )
