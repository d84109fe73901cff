"""Notifications: queued with the submission, retried while the target is down,
delivered once when it is back; secrets only from the environment or a file."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from receiver_support import SITE_ORIGIN, Running, Target, start, wait_for

from mkdocs_chatspark.receiver.notify import (
    SIGNATURE_HEADER,
    AppriseTarget,
    NotifyError,
    Targets,
    WebhookTarget,
    load_targets,
)

SECRET = "s3cret-signing-key-0123456789"
GOOD = {"name": "Ann", "email": "ann@example.com", "campaign": "spring"}


@pytest.fixture
def target() -> Iterator[Target]:
    t = Target()
    yield t
    t.stop()


def send(running: Running, key: str) -> httpx.Response:
    body = json.dumps({"actionId": "contact", "data": GOOD, "page": {"url": "/p/"}})
    headers = {"Content-Type": "application/json", "Idempotency-Key": key, "Origin": SITE_ORIGIN}
    return httpx.post(running.url, content=body, headers=headers)


def test_a_target_down_then_up_gets_each_notification_once(
    config_file: Path, tmp_path: Path, target: Target
) -> None:
    target.down = True
    targets = Targets({"contact:webhook": WebhookTarget(target.url + "/crm", SECRET)})
    running = start(config_file, str(tmp_path / "n.sqlite3"), targets=targets, base_delay=0.1)
    try:
        keys = [str(uuid.uuid4()) for _ in range(5)]
        for key in keys + keys[:2]:  # two repeats: no notification of their own
            assert send(running, key).status_code == 200
        assert wait_for(lambda: running.store.counts().get("notifications_pending") == 5, 5)
        assert target.received == []
        target.down = False
        assert wait_for(lambda: running.store.counts().get("notifications_delivered") == 5)
        assert wait_for(lambda: len(target.received) >= 5)
    finally:
        running.stop()
    assert sorted(json.loads(body)["submissionId"] for _, body in target.received) == sorted(keys)
    headers, body = target.received[0]
    timestamp, mac = (p.split("=", 1)[1] for p in headers[SIGNATURE_HEADER].split(","))
    expected = hmac.new(SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    assert hmac.compare_digest(mac, expected.hexdigest())
    assert json.loads(body)["data"] == GOOD


def test_an_apprise_url_gets_a_message_with_the_fields(
    config_file: Path, tmp_path: Path, target: Target
) -> None:
    """Apprise's json:// posts to any HTTP server: the local target stands in for Slack."""
    url = target.url.replace("http://", "json://") + "/chat"
    targets = Targets({"contact:apprise[0]": AppriseTarget(url)})
    running = start(config_file, str(tmp_path / "a.sqlite3"), targets=targets)
    try:
        assert send(running, "k-apprise").status_code == 200
        assert wait_for(lambda: len(target.received) == 1)
    finally:
        running.stop()
    message = json.loads(target.received[0][1])
    assert message["title"] == "New contact submission"
    assert "Email: ann@example.com" in message["message"]


def notify_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "notify.yml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_targets_come_from_the_file_and_the_environment(tmp_path: Path) -> None:
    path = notify_file(
        tmp_path,
        "contact:\n"
        "  apprise: ['${CHAT_URL}']\n"
        "  webhook: {url: 'https://crm.example.com/in', secret: '${CRM_SECRET}'}\n"
        "'*': {apprise: 'ntfys://ntfy.sh/team-forms'}\n",
    )
    env = {"CHAT_URL": "json://127.0.0.1:9/x", "CRM_SECRET": SECRET}
    targets = load_targets(path, ["contact", "newsletter"], tmp_path / "docs", env)
    assert targets.for_action("contact") == [
        "contact:apprise[0]",
        "contact:webhook",
        "*:apprise[0]",
    ]
    assert targets.for_action("newsletter") == ["*:apprise[0]"]
    hook = targets.by_name["contact:webhook"]
    assert isinstance(hook, WebhookTarget) and hook.secret == SECRET
    assert SECRET not in repr(targets)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "contact: {apprise: ['${MISSING}']}",
            "contact.apprise[0]: the environment variable MISSING is not set",
        ),
        (
            "contact: {apprise: ['nonsense://abc']}",
            "contact.apprise[0]: Apprise does not take this URL (scheme nonsense)",
        ),
        (
            "other: {apprise: ['json://x']}",
            "other: not an action the receiver serves; it serves: contact",
        ),
        (
            "contact: {webhook: {url: 'http://crm.example.com/x', secret: '${CRM_SECRET}'}}",
            "contact.webhook.url: expected an https:// address",
        ),
        (
            "contact: {webhook: {url: 'https://crm.example.com/x', secret: short}}",
            "contact.webhook.secret: too short",
        ),
        ("contact: {slack: x}", "contact.slack: not one of: apprise, webhook"),
        ("contact: [", "notify.yml:1: not valid YAML"),
    ],
)
def test_a_broken_notification_file_is_named_without_its_secrets(
    tmp_path: Path, text: str, message: str
) -> None:
    path = notify_file(tmp_path, text)
    with pytest.raises(NotifyError) as caught:
        load_targets(path, ["contact"], tmp_path / "docs", {"CRM_SECRET": SECRET})
    assert message in str(caught.value)
    assert SECRET not in str(caught.value)


def test_a_notification_file_inside_the_docs_is_refused(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    path = docs / "notify.yml"
    path.write_text("contact: {apprise: ['json://x']}\n", encoding="utf-8")
    with pytest.raises(NotifyError, match="inside docs_dir, where it would be published"):
        load_targets(str(path), ["contact"], docs, {})
