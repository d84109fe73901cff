"""Notifications: queued with the submission, retried while the target is down,
delivered once when it is back; secrets only from the environment or a file."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_kill_between_sending_and_marking_sends_again_under_the_same_key(
    config_file: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    """The window in which a notification goes out twice: the target has it, and the
    receiver dies (SIGKILL) before it commits "delivered". Once the claim's lease runs
    out, the next receiver sends it again, with the same Idempotency-Key and delivery
    id, so a target that dedupes on them keeps it once. A clean stop (SIGTERM) in the
    same moment waits for the answer and marks it: nothing is sent again."""
    received: list[tuple[dict[str, str], bytes]] = []
    first: list[subprocess.Popen[str]] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            received.append((dict(self.headers.items()), body))
            if len(received) == 1:  # the target has it: stop the receiver before it hears so
                first[0].send_signal(stop)
                if stop == signal.SIGKILL:
                    first[0].wait(10)
                else:
                    time.sleep(0.5)  # the receiver is shutting down meanwhile
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    notify = notify_file(
        tmp_path,
        f"contact:\n  webhook: {{url: 'http://127.0.0.1:{server.server_address[1]}/crm', "
        "secret: '${CRM_SECRET}'}\n",
    )
    db = tmp_path / "kill.sqlite3"
    command = [
        *(sys.executable, "-m", "mkdocs_chatspark", "receive", "--config", str(config_file)),
        *("--db", str(db), "--port", "0", "--notify", notify, "--quiet"),
    ]
    env = {**os.environ, "CRM_SECRET": SECRET}

    def receiver() -> tuple[subprocess.Popen[str], str]:
        proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
        )
        assert proc.stdout is not None
        url = proc.stdout.readline().rsplit(" ", 1)[1].strip().rstrip("/")
        return proc, url

    def state() -> list[tuple[str, int, float]]:
        with sqlite3.connect(db) as conn:
            return conn.execute(
                "SELECT state, attempts, next_at FROM chatspark_notifications"
            ).fetchall()

    try:
        proc, url = receiver()
        first.append(proc)
        body = json.dumps({"actionId": "contact", "data": GOOD, "page": {"url": "/p/"}})
        headers = {"Content-Type": "application/json", "Idempotency-Key": "k-kill"}
        assert httpx.post(url, content=body, headers=headers).status_code == 200
        assert wait_for(lambda: proc.poll() is not None)
        if stop == signal.SIGTERM:
            assert proc.returncode in (0, -signal.SIGTERM)
            assert state()[0][:2] == ("delivered", 1)
            return
        assert proc.returncode == -signal.SIGKILL
        [(kept_state, attempts, lease_until)] = state()
        # Sent, not marked: still pending, claimed (its lease, 120 s, in next_at).
        assert (kept_state, attempts) == ("pending", 0) and lease_until > time.time() + 60
        with sqlite3.connect(db) as conn:  # the lease runs out (as it would in 120 s)
            conn.execute("UPDATE chatspark_notifications SET next_at = 0")
        again, _ = receiver()
        try:
            assert wait_for(lambda: state()[0][0] == "delivered")
        finally:
            again.send_signal(signal.SIGTERM)
            again.wait(20)
            assert again.stdout is not None
            again.stdout.close()
    finally:
        server.shutdown()
        server.server_close()
        if proc.stdout is not None:
            proc.stdout.close()
    assert len(received) == 2
    (one, one_body), (two, two_body) = received
    assert one["Idempotency-Key"] == two["Idempotency-Key"] == "contact:k-kill"
    assert one["X-ChatSpark-Delivery"] == two["X-ChatSpark-Delivery"]
    assert json.loads(one_body) == json.loads(two_body)
    assert state()[0][:2] == ("delivered", 1)
