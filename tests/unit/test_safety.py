"""URL policy: what an action may navigate to, post to or load."""

from __future__ import annotations

import pytest

from mkdocs_chatspark import model, safety

GOOD_URLS = [
    "https://example.com/demo",
    "HTTP://example.com",
    "mailto:sales@example.com",
    "tel:+15551234567",
    "pricing.md",
    "pricing.md#plans",
    "/downloads/tool.zip",
    "#plans",
    "guide/?q=1",
    "mailto:a@example.com?cc=b@example.com&subject=Hi",
]


@pytest.mark.parametrize("url", GOOD_URLS)
def test_allowed_urls_pass_unchanged(url: str) -> None:
    assert safety.check_url(url, "actions[0].url") == url


BAD_SCHEMES = [
    ("javascript:alert(1)", "javascript"),
    ("JavaScript:alert(1)", "javascript"),
    ("data:text/html,<b>x</b>", "data"),
    ("vbscript:msgbox(1)", "vbscript"),
    ("file:///etc/passwd", "file"),
    ("ftp://example.com/x", "ftp"),
]


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        (  # was read as a path on this site, and led to another host
            "//evil.example/x",
            "'//evil.example/x' leads to another host (an address that starts with // keeps "
            "only the scheme of the page); write it in full, https://..., or a path on this site",
        ),
        (  # the panel shows the address alone
            "mailto:sales@example.com?bcc=spy@evil.example",
            "'mailto:sales@example.com?bcc=spy@evil.example' sends a blind copy (bcc=) that the "
            "reader is not shown; name every recipient before the ?, or use cc=",
        ),
        ("mailto:a@example.com?subject=x&BCC=b@example.com", "sends a blind copy (BCC=)"),
    ],
)
def test_urls_that_lead_elsewhere_than_shown_are_refused(url: str, problem: str) -> None:
    with pytest.raises(model.ActionError) as caught:
        safety.check_url(url, "actions[0].url")
    assert caught.value.message.startswith(problem) or problem in caught.value.message


@pytest.mark.parametrize(("url", "scheme"), BAD_SCHEMES)
def test_other_schemes_are_refused_by_name(url: str, scheme: str) -> None:
    with pytest.raises(model.ActionError) as caught:
        safety.check_url(url, "actions[0].url")
    assert str(caught.value) == (
        f"actions[0].url: the scheme {scheme}: is not allowed; allowed: http, https, mailto, "
        "tel, a path on this site, or an #anchor"
    )


@pytest.mark.parametrize(
    "url",
    [
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x01javascript:alert(1)",
        " javascript:x",
        "jav\x00ascript:x",
        "\\\\evil.example.com",
        "a b.html",
    ],
)
def test_whitespace_and_control_character_tricks_are_refused(url: str) -> None:
    with pytest.raises(model.ActionError, match="a space, a control character or a backslash"):
        safety.check_url(url, "actions[0].url")


def test_a_webhook_with_a_space_is_told_what_to_write() -> None:
    """`webhook: not a url` said only what it contains, where a `url` also says what to
    write (a webhook, or `script:`, is a whole https:// address)."""
    with pytest.raises(model.ActionError) as caught:
        safety.check_webhook("not a url", "feedback.webhook")
    assert str(caught.value) == (
        "feedback.webhook: 'not a url' contains a space, a control character or a "
        "backslash; write the whole https:// address, percent-encoded (a space is %20)"
    )


def test_an_http_url_needs_a_host() -> None:
    with pytest.raises(model.ActionError, match="has no host name"):
        safety.check_url("https:///path", "u")


@pytest.mark.parametrize("url", ["https://user:pw@example.com/x", "https://token@example.com"])
def test_credentials_in_urls_are_refused(url: str) -> None:
    with pytest.raises(model.ActionError, match="carries a user name or password"):
        safety.check_url(url, "u")
    with pytest.raises(model.ActionError, match="carries a user name or password"):
        safety.check_webhook(url, "w")


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.example.com/x",
        "http://localhost:8000/h",
        "http://127.0.0.1:9/h",
        "http://[::1]:9/",
    ],
)
def test_webhooks_are_https_or_local_http(url: str) -> None:
    assert safety.check_webhook(url, "w") == url


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://hooks.example.com/x", "uses http; only https is allowed"),
        ("/api/hook", "is not an absolute https:// URL"),
        ("hooks.example.com/x", "is not an absolute https:// URL"),
        ("mailto:a@b.c", "is not an absolute https:// URL"),
        ("https://", "is not an absolute https:// URL"),
    ],
)
def test_webhooks_that_are_refused(url: str, problem: str) -> None:
    with pytest.raises(model.ActionError, match=problem):
        safety.check_webhook(url, "w")
