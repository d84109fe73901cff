"""Telling the team: each action's submissions go to Apprise URLs (Slack, Discord,
Teams, email, ntfy, Telegram, ...) or to an HTTPS webhook signed with HMAC-SHA256.

Where they go is secret (a Slack URL is a password), so it never sits in mkdocs.yml
or the docs: it is in a file of its own outside docs_dir (`--notify FILE`), whose
values may name environment variables as `${NAME}`:

    contact:                      # an action id, or "*" for every action
      apprise: ["${SLACK_URL}", "ntfys://ntfy.sh/${NTFY_TOPIC}"]
      webhook: {url: "https://crm.example.com/hooks/chatspark", secret: "${CRM_SECRET}"}

Notifications wait in the database (store.py), written in the submission's own
transaction; the `Notifier` claims the due ones with a lease, delivers each, and marks
it delivered, or due again later (exponential backoff up to `max_delay`): a chat
service that is down for an hour gets every notification when it is back, once.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import hashlib
import hmac
import ipaddress
import json
import logging
import os
import random
import re
import time
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union
from urllib.parse import urlsplit

import httpx
import yaml

from .. import feedback, model
from .store import Job, Row, Store

log = logging.getLogger("mkdocs_chatspark.receiver")

SIGNATURE_HEADER = "X-ChatSpark-Signature"
"""`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`."""
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class NotifyError(Exception):
    """The notification file cannot be used: the message says where and what,
    without the secret itself."""


@dataclass(frozen=True)
class AppriseTarget:
    url: str = field(repr=False)

    def describe(self) -> str:
        return f"apprise {urlsplit(self.url).scheme}://"


@dataclass(frozen=True)
class WebhookTarget:
    url: str = field(repr=False)
    secret: str = field(repr=False)

    def describe(self) -> str:
        return f"webhook {urlsplit(self.url).netloc}"


Target = Union[AppriseTarget, WebhookTarget]


@dataclass(frozen=True)
class Targets:
    """Target name (`contact:apprise[0]`, `*:webhook`) -> target, per action."""

    by_name: Mapping[str, Target] = field(default_factory=dict)

    def for_action(self, action: str) -> list[str]:
        return [name for name in self.by_name if name.split(":", 1)[0] in (action, "*")]


def _expand(value: object, where: str, environ: Mapping[str, str]) -> str:
    if not isinstance(value, str) or not value.strip():
        raise NotifyError(f"{where}: expected a non-empty string, found {model.describe(value)}")

    def variable(match: re.Match[str]) -> str:
        name = match.group(1)
        if not environ.get(name):
            raise NotifyError(f"{where}: the environment variable {name} is not set")
        return environ[name]

    return _VARIABLE.sub(variable, value)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load_targets(
    path: Optional[str],
    actions: Sequence[str],
    docs_dir: Optional[Path] = None,
    environ: Optional[Mapping[str, str]] = None,
) -> Targets:
    """The notification file, checked: known action ids, URLs Apprise knows, https
    webhooks (http only to this machine) with a secret."""
    if path is None:
        return Targets()
    env = os.environ if environ is None else environ
    where = Path(path)
    if docs_dir is not None and where.resolve().is_relative_to(docs_dir.resolve()):
        raise NotifyError(
            f"{path}: inside docs_dir, where it would be published; keep it outside the docs"
        )
    try:
        raw = yaml.safe_load(where.read_text(encoding="utf-8"))
    except OSError as e:
        raise NotifyError(f"{path}: cannot read it: {e.strerror or e}") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise NotifyError(f"{path}{line}: not valid YAML: {getattr(e, 'problem', e)}") from None
    if raw is None:
        return Targets()
    if not isinstance(raw, Mapping):
        raise NotifyError(f"{path}: expected a mapping of action ids, found {model.describe(raw)}")
    found: dict[str, Target] = {}
    for action, spec in raw.items():
        if action != "*" and action not in actions:
            known = ", ".join(actions) or "none"
            raise NotifyError(
                f"{path}: {action}: not an action the receiver serves; it serves: {known}"
            )
        if not isinstance(spec, Mapping):
            raise NotifyError(f"{path}: {action}: expected a mapping with apprise and/or webhook")
        for key in spec:
            if key not in ("apprise", "webhook"):
                raise NotifyError(f"{path}: {action}.{key}: not one of: apprise, webhook")
        urls = spec.get("apprise", [])
        urls = [urls] if isinstance(urls, str) else urls
        if not isinstance(urls, list):
            raise NotifyError(f"{path}: {action}.apprise: expected a list of Apprise URLs")
        for i, url in enumerate(urls):
            key_path = f"{path}: {action}.apprise[{i}]"
            expanded = _expand(url, key_path, env)
            if not apprise_send(expanded, dry=True):
                scheme = urlsplit(expanded).scheme or "(none)"
                raise NotifyError(
                    f"{key_path}: Apprise does not take this URL (scheme {scheme}); "
                    "see https://github.com/caronc/apprise/wiki"
                )
            found[f"{action}:apprise[{i}]"] = AppriseTarget(expanded)
        if "webhook" in spec:
            hook = spec["webhook"]
            key_path = f"{path}: {action}.webhook"
            if not isinstance(hook, Mapping) or "url" not in hook or "secret" not in hook:
                raise NotifyError(f"{key_path}: expected a mapping with url and secret")
            url = _expand(hook["url"], f"{key_path}.url", env)
            parts = urlsplit(url)
            if parts.scheme != "https" and not (
                parts.scheme == "http" and _loopback(parts.hostname or "")
            ):
                raise NotifyError(
                    f"{key_path}.url: expected an https:// address (http only to this machine)"
                )
            secret = _expand(hook["secret"], f"{key_path}.secret", env)
            if len(secret) < 16:
                raise NotifyError(f"{key_path}.secret: too short; use 16 characters or more")
            found[f"{action}:webhook"] = WebhookTarget(url, secret)
    return Targets(found)


def apprise_send(url: str, title: str = "", body: str = "", *, dry: bool = False) -> bool:
    """Send one message with Apprise (`dry`: only whether Apprise takes the URL).
    Imported only when there is something to send (it is slow to import); its plugins
    import `imghdr`, deprecated since Python 3.11: Apprise's warning, not the receiver's."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import apprise

        sender = apprise.Apprise()
        if not sender.add(url):
            return False
        return True if dry else bool(sender.notify(body=body, title=title))


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The signature header's value; the receiving end recomputes it and compares
    with `hmac.compare_digest`, and refuses old timestamps (replays)."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def payload(row: Row) -> dict[str, Any]:
    """What a webhook target receives: the submission as kept (with `replaces` when
    it corrects an earlier one)."""
    out = {
        "id": row.id,
        "actionId": row.action,
        "submissionId": row.key,
        "receivedAt": row.received_at,
        "page": row.meta.get("page", {"url": row.page_url}),
        "data": row.data,
    }
    if isinstance(row.meta.get("replaces"), str):
        out["replaces"] = row.meta["replaces"]
    return out


def idempotency_key(row: Row) -> str:
    """The key a webhook target dedupes by: a vote completed by its comment is sent
    again under a key of its own, so a target that keeps each key once gets both."""
    completed = row.action == feedback.ACTION_ID and "comment" in row.data
    return f"{row.action}:{row.key}" + (":comment" if completed else "")


def message(row: Row, labels: Mapping[str, str]) -> tuple[str, str]:
    """Title and body for a chat message: one `Label: value` line per field, then
    the question handed off from the Ask box and the submission it corrects."""
    lines = []
    for key, value in row.data.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        lines.append(f"{labels.get(key, key)}: {shown}")
    lines.append(f"Page: {row.page_url}")
    page = row.meta.get("page")
    asked = page.get("asked") if isinstance(page, dict) else None
    if isinstance(asked, dict) and asked.get("question"):
        lines.append(f"Asked first: {asked['question']}")
        lines.extend(f"Answered from: {p}" for p in asked.get("pages") or [])
    replaces = row.meta.get("replaces")
    if isinstance(replaces, str):
        lines.append(f"Replaces submission: {replaces}")
        return f"Correction to a {row.action} submission", "\n".join(lines)
    if row.action == feedback.ACTION_ID:
        kind = "Comment on a page" if "comment" in row.data else "Vote on a page"
        return f"{kind}: {row.data.get('title') or row.data.get('path')}", "\n".join(lines)
    return f"New {row.action} submission", "\n".join(lines)


@dataclass
class Notifier:
    """Delivers what waits in the queue; one per receiver process (several may share
    a PostgreSQL queue: a claim is a lease, SKIP LOCKED keeps them apart)."""

    store: Store
    targets: Targets
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Action id -> field key -> label, for chat messages."""
    base_delay: float = 5.0
    max_delay: float = 300.0
    give_up_after: float = 3 * 24 * 3600.0
    lease: float = 120.0
    timeout: float = 15.0

    def __post_init__(self) -> None:
        self._wake = asyncio.Event()
        self._client: Optional[httpx.AsyncClient] = None
        self._stopping = False

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        """End `run` after the deliveries under way are marked (a clean stop sends
        nothing twice; only a crash between sending and marking can)."""
        self._stopping = True
        self._wake.set()

    def delay(self, attempts: int) -> float:
        """Seconds before attempt `attempts + 1`: doubling from base_delay, capped,
        with a tenth of jitter so a crowd of retries spreads out."""
        delay = min(self.base_delay * 2 ** min(attempts, 30), self.max_delay)
        return float(delay * random.uniform(0.9, 1.0))

    async def run(self) -> None:
        # The HTTP client is made at the first webhook (_send): making it loads the
        # TLS certificates, ~0.1 s of a blocked event loop as the first posts arrive.
        try:
            while not self._stopping:
                done = await self.step()
                if not done and not self._stopping:
                    self._wake.clear()
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(self._wake.wait(), timeout=1.0)
        finally:
            if self._client is not None:
                await self._client.aclose()

    async def step(self) -> int:
        """Claim the due notifications and deliver them; how many were claimed."""
        if not self.targets.by_name:
            return 0
        jobs = await asyncio.to_thread(self.store.claim, time.time(), self.lease, 20)
        if jobs:
            await asyncio.gather(*(self._deliver(job) for job in jobs))
        return len(jobs)

    async def _deliver(self, job: Job) -> None:
        target = self.targets.by_name.get(job.target)
        error = ""
        if target is None:
            error = "no longer in the notification file"
        else:
            try:
                error = await self._send(target, job)
            except Exception as e:  # a target's failure must not stop the queue
                error = f"{type(e).__name__}"
        if not error:
            await asyncio.to_thread(self.store.delivered, job.id, time.time())
            log.info("notified %s of submission %s", job.target, job.submission.id)
            return
        age = time.time() - _received(job.submission)
        next_at = None if age > self.give_up_after else time.time() + self.delay(job.attempts)
        await asyncio.to_thread(self.store.retry, job.id, error, next_at)
        log.warning(
            "notification %s of submission %s failed (%s); %s",
            job.target,
            job.submission.id,
            error,
            "given up" if next_at is None else f"again in {next_at - time.time():.0f} s",
        )

    async def _send(self, target: Target, job: Job) -> str:
        """ "" when the target has it, else what went wrong (no secret in it)."""
        if isinstance(target, WebhookTarget):
            if self._client is None:
                self._client = httpx.AsyncClient(timeout=self.timeout)
            body = json.dumps(payload(job.submission), ensure_ascii=False).encode()
            headers = {
                "Content-Type": "application/json",
                "Idempotency-Key": idempotency_key(job.submission),
                "X-ChatSpark-Delivery": str(job.id),
                SIGNATURE_HEADER: sign(target.secret, body, int(time.time())),
            }
            try:
                answer = await self._client.post(target.url, content=body, headers=headers)
            except httpx.HTTPError as e:
                return type(e).__name__
            return "" if answer.is_success else f"HTTP {answer.status_code}"
        title, text = message(job.submission, self.labels.get(job.submission.action, {}))
        sent = await asyncio.to_thread(apprise_send, target.url, title, text)
        return "" if sent else "Apprise could not deliver it"


def _received(row: Row) -> float:
    try:
        return datetime.datetime.fromisoformat(row.received_at).timestamp()
    except ValueError:
        return time.time()
