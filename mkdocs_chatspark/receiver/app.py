"""The receiver as an ASGI app (Starlette): what the widget posts, checked in order.

    origin (CORS) -> rate per address -> size -> content type -> parse -> action
    -> Idempotency-Key -> honeypot -> fields -> store once -> notify

Every refusal is JSON: `{"ok": false, "error": CODE, "message": TEXT}`, plus
`"fields": {key: problem}` when fields are wrong (the widget shows each problem
next to its field). No field value is ever logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import hashlib
import json
import logging
import math
import re
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Optional
from urllib.parse import parse_qsl

import orjson
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import feedback, model
from ..errors import ActionError
from . import check
from .notify import Notifier
from .site import Served, SiteActions
from .store import Store, Submission

log = logging.getLogger("mkdocs_chatspark.receiver")

JSON_TYPE = "application/json"
FORM_TYPE = "application/x-www-form-urlencoded"
KEY_SHAPE = re.compile(r"[\x21-\x7e]{1,200}\Z")
"""An Idempotency-Key: 1 to 200 visible ASCII characters (the widget sends a UUID)."""
HONEYPOTS = (model.HONEYPOT, "chatspark-website")
"""The honeypot under the names the widget sends it (urlencoded, Netlify)."""
FORM_META = frozenset(
    {
        "_actionId",
        "_actionType",
        "_chatbotId",
        "_pageUrl",
        "_pageTitle",
        "_pageReferrer",
        "_submissionId",
        "_submittedAt",
        "_question",
        "_pages",
        "_replaces",
        *HONEYPOTS,
    }
)
"""What outbox.js appends to an urlencoded body beside the fields (and `_utm_*`)."""
MAX_FIELDS = 200
QUESTION_MAX = 2000
"""The most characters of a handed-off question kept (`page.asked.question`)."""
ASKED_PAGES_MAX = 20
"""The most addresses of `page.asked.pages` kept, each at most URL_MAX characters."""
URL_MAX = 2000
VOTE_KEYS = frozenset({"rating", "path", "title", "language", "comment"})
EXPOSED = ("Retry-After", "Idempotent-Replayed")
"""The answer's headers the widget reads (CORS `Access-Control-Expose-Headers`)."""


@dataclass
class Settings:
    site: SiteActions
    allow_origins: frozenset[str] = frozenset()
    max_body: int = 64 * 1024
    rate: float = 30.0
    """Submissions a minute from one address (0: no limit)."""
    burst: int = 10


class Refused(Exception):
    def __init__(
        self,
        status: int,
        error: str,
        message: str,
        fields: Optional[Mapping[str, str]] = None,
        headers: Optional[Mapping[str, str]] = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.fields = fields
        self.headers = headers

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error": self.error, "message": self.message}
        if self.fields is not None:
            body["fields"] = dict(self.fields)
        return body


class _Gone(Exception):
    """The client closed the connection before its body arrived: no one to answer."""


@dataclass
class RateLimit:
    """A token bucket per address: `burst` at once, then `rate` a minute."""

    rate: float
    burst: int
    buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def wait(self, address: str, now: float) -> int:
        """0 to go ahead, else the seconds to wait (Retry-After)."""
        if self.rate <= 0:
            return 0
        per_second = self.rate / 60
        tokens, then = self.buckets.get(address, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * per_second)
        if tokens < 1:
            self.buckets[address] = (tokens, now)
            return max(1, math.ceil((1 - tokens) / per_second))
        self.buckets[address] = (tokens - 1, now)
        if len(self.buckets) > 10_000:  # forget addresses whose bucket is full again
            full = now - self.burst / per_second
            self.buckets = {a: b for a, b in self.buckets.items() if b[1] > full}
        return 0


def _media_type(content_type: Optional[bytes]) -> str:
    if content_type is None:
        return ""
    return content_type.decode("latin-1").split(";")[0].strip().lower()


async def _body(receive: Receive, declared: Optional[bytes], limit: int) -> bytes:
    too_large = Refused(413, "too_large", f"the body is over {limit} bytes")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _Gone()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


@dataclass(frozen=True)
class Parsed:
    action_id: str
    key: str
    data: Any
    pairs: Optional[list[tuple[str, str]]]
    """An urlencoded body's fields, as sent (typed later by the action's fields)."""
    meta: dict[str, Any]
    honeypot: bool


def _parse_json(body: bytes, header_key: Optional[str]) -> Parsed:
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError as e:
        deep = "recursion" in str(e)
        raise Refused(
            400,
            "malformed_json",
            "the JSON is nested too deeply" if deep else "the body is not valid JSON",
        ) from None
    if not isinstance(payload, dict):
        raise Refused(400, "malformed_json", "the body must be a JSON object")
    action_id = payload.get("actionId")
    data = payload.get("data", {})
    honeypot = isinstance(data, dict) and any(data.get(h) for h in HONEYPOTS)
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if k not in HONEYPOTS}
    meta = {
        k: payload[k]
        for k in ("actionType", "chatbotId", "submittedAt")
        if isinstance(payload.get(k), str)
    }
    if isinstance(payload.get("page"), dict):
        meta["page"] = _bounded_page(payload["page"])
    if "replaces" in payload:
        meta["replaces"] = _replaces(payload["replaces"], "replaces")
    key = header_key if header_key is not None else payload.get("submissionId")
    return Parsed(
        action_id if isinstance(action_id, str) else "",
        key if isinstance(key, str) else "",
        data,
        None,
        meta,
        honeypot,
    )


def _parse_form(body: bytes, header_key: Optional[str]) -> Parsed:
    try:
        pairs = parse_qsl(
            body.decode("utf-8"),
            keep_blank_values=True,
            strict_parsing=False,
            max_num_fields=MAX_FIELDS,
        )
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, "malformed_form", "the body is not a valid urlencoded form") from None
    given = dict(pairs)
    page: dict[str, Any] = {"url": given.get("_pageUrl", ""), "title": given.get("_pageTitle", "")}
    meta: dict[str, Any] = {"page": page}
    for name, text in (("_actionType", "actionType"), ("_chatbotId", "chatbotId")):
        if name in given:
            meta[text] = given[name]
    if "_submittedAt" in given:
        meta["submittedAt"] = given["_submittedAt"]
    if "_question" in given:
        asked = {"question": given["_question"], "pages": given.get("_pages", "").split()}
        page["asked"] = _bounded_asked(asked)
    if "_replaces" in given:
        meta["replaces"] = _replaces(given["_replaces"], "_replaces")
    fields = [(k, v) for k, v in pairs if k not in FORM_META and not k.startswith("_utm_")]
    key = header_key if header_key is not None else given.get("_submissionId", "")
    return Parsed(
        given.get("_actionId", ""),
        key,
        None,
        fields,
        meta,
        any(given.get(h) for h in HONEYPOTS),
    )


def _bounded_asked(asked: object) -> dict[str, Any]:
    """`page.asked` as kept: the question (cut at QUESTION_MAX characters) and the
    pages an answer linked to (the first ASKED_PAGES_MAX, each cut at URL_MAX). It is
    the widget's note beside the reader's fields: never a reason to refuse them."""
    if not isinstance(asked, dict):
        return {"question": "", "pages": []}
    question = asked.get("question")
    pages = asked.get("pages")
    return {
        "question": question[:QUESTION_MAX] if isinstance(question, str) else "",
        "pages": [
            p[:URL_MAX] for p in (pages if isinstance(pages, list) else []) if isinstance(p, str)
        ][:ASKED_PAGES_MAX],
    }


def _bounded_page(page: dict[str, Any]) -> dict[str, Any]:
    if "asked" not in page:
        return page
    return {**page, "asked": _bounded_asked(page["asked"])}


def _replaces(value: object, name: str) -> str:
    """The submission a correction replaces: a submissionId, as the widget made it."""
    if not isinstance(value, str) or not KEY_SHAPE.match(value):
        raise Refused(
            400,
            "invalid_replaces",
            f"`{name}` names the submission this one replaces: 1 to 200 visible ASCII "
            f"characters, found {model.describe(value)}",
        )
    return value


def _vote(parsed: Parsed) -> dict[str, Any]:
    """A vote's data as kept (`feedback.parse_vote`'s checks), or Refused."""
    body: dict[str, Any]
    if parsed.pairs is not None:
        sent = [k for k, _ in parsed.pairs]
        for name in sent:
            if name not in VOTE_KEYS:
                raise Refused(422, "invalid_vote", f"{name}: not a key of a vote")
            if sent.count(name) > 1:
                raise Refused(422, "invalid_vote", f"{name}: sent more than once")
        body = {**dict(parsed.pairs), "_actionType": feedback.ACTION_TYPE}
    else:
        body = {"actionType": feedback.ACTION_TYPE, "data": parsed.data}
    try:
        vote = feedback.parse_vote(body, parsed.key)
    except ActionError as e:
        raise Refused(422, "invalid_vote", f"{e.key_path}: {e.message}") from None
    data: dict[str, Any] = {
        "rating": vote.rating,
        "path": vote.path,
        "title": vote.title,
        "language": vote.language,
    }
    if vote.comment is not None:
        data["comment"] = vote.comment
    return data


def _checked(served: Served, parsed: Parsed, words: check.Words) -> dict[str, Any]:
    """The data as it will be kept, or Refused with each field's problem. A page may
    define its own action under an id: data that fits any definition is taken."""
    first_problems: Optional[check.Problems] = None
    for _, action in served.definitions:
        if action.type != "form":
            data = parsed.data if parsed.pairs is None else dict(parsed.pairs)
            if isinstance(data, dict):
                return data
            problems: check.Problems = {}
            first_problems = first_problems or problems
            continue
        if parsed.pairs is not None:
            data, problems = check.coerce_form(action, parsed.pairs)
        else:
            data = parsed.data
            if not isinstance(data, dict):
                raise Refused(422, "invalid_data", "`data` must be a JSON object of fields")
            problems = {}
        problems = {**problems, **check.check_form(action, data, words)}
        if not problems:
            return dict(data)
        if first_problems is None:
            first_problems = problems
    if not first_problems:
        raise Refused(422, "invalid_data", "`data` must be a JSON object")
    raise Refused(422, "invalid_fields", check.say(words, "fix"), fields=first_problems)


def _digest(action: str, data: Any) -> str:
    """What a repeat is compared by: sha256 of the canonical JSON (sorted keys)."""
    try:
        canonical = orjson.dumps([action, data], option=orjson.OPT_SORT_KEYS)
    except TypeError:  # an integer past 64 bits (a form's "1e300" made whole)
        canonical = json.dumps([action, data], sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(canonical).hexdigest()


async def _respond(
    send: Send,
    status: int,
    payload: Mapping[str, Any],
    headers: Optional[Mapping[str, str]],
    origin: Optional[bytes],
    allowed: bool,
) -> None:
    """A JSON answer, with CORS's headers for a simple request as Starlette's
    CORSMiddleware writes them: the origin mirrored when allowed, `Vary: Origin`."""
    body = orjson.dumps(payload)
    raw = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    if headers:
        raw.extend((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items())
    if origin is not None:
        raw.append((b"access-control-expose-headers", _EXPOSED))
        if allowed:
            raw.append((b"access-control-allow-origin", origin))
        raw.append((b"vary", b"Origin"))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


_EXPOSED = ", ".join(EXPOSED).encode("latin-1")


class _Endpoint:
    """An ASGI function as a Starlette route's endpoint (a plain function would be
    taken for a `Request -> Response` one)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)


class Receiver:
    """The receiver's ASGI app. A POST (the submissions: the hot path) goes to the
    receiving endpoint directly; the rest (CORS preflight, `/healthz`, lifespan, 404 and
    405) to Starlette with its CORSMiddleware. Starlette's stack around a POST (error
    and exception middleware, CORS's send wrapper, routing, Request and JSONResponse)
    cost as much CPU as the receiving itself (profiled with py-spy: see
    benchmarks/bench_receiver.py)."""

    def __init__(self, post: ASGIApp, rest: Starlette) -> None:
        self.post = post
        self.rest = rest

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            await self.post(scope, receive, send)
        else:
            await self.rest(scope, receive, send)


def create_app(
    settings: Settings,
    store: Store,
    notifier: Optional[Notifier] = None,
) -> Receiver:
    limiter = RateLimit(settings.rate, settings.burst)
    targets = notifier.targets if notifier is not None else None

    async def receive(scope: Scope, receive: Receive, send: Send) -> None:
        headers: dict[bytes, bytes] = dict(scope["headers"])  # names come lowercased
        origin = headers.get(b"origin")
        allowed = origin is not None and origin.decode("latin-1").lower() in settings.allow_origins
        answer: Mapping[str, Any]
        try:
            status, answer, extra = await _receive(scope, headers, receive, origin, allowed)
        except Refused as e:
            if e.status >= 500:
                log.error("%s", e.message)
            status, answer, extra = e.status, e.body(), e.headers
        except _Gone:
            return
        except Exception as e:  # no traceback: it could quote a value
            log.error("could not answer a submission: %s", type(e).__name__)
            status, answer, extra = 500, {"ok": False, "error": "internal_error"}, None
        await _respond(send, status, answer, extra, origin, allowed)

    async def _receive(
        scope: Scope,
        headers: Mapping[bytes, bytes],
        receive: Receive,
        origin: Optional[bytes],
        allowed: bool,
    ) -> tuple[int, dict[str, Any], Optional[Mapping[str, str]]]:
        if origin is not None and not allowed:
            raise Refused(403, "origin_not_allowed", "this receiver takes posts from its site only")
        client = scope.get("client")
        address = client[0] if client else "unknown"
        wait = limiter.wait(address, time.monotonic())
        if wait:
            raise Refused(
                429,
                "rate_limited",
                "too many submissions; try again later",
                headers={"Retry-After": str(wait)},
            )
        media = _media_type(headers.get(b"content-type"))
        if media not in (JSON_TYPE, FORM_TYPE):
            raise Refused(415, "unsupported_media_type", f"send {JSON_TYPE} or {FORM_TYPE}")
        body = await _body(receive, headers.get(b"content-length"), settings.max_body)
        raw_key = headers.get(b"idempotency-key")
        header_key = raw_key.decode("latin-1") if raw_key is not None else None
        parse = _parse_json if media == JSON_TYPE else _parse_form
        parsed = parse(body, header_key)
        is_vote = (
            settings.site.votes is not None
            and parsed.action_id == feedback.ACTION_ID
            and parsed.meta.get("actionType") == feedback.ACTION_TYPE
        )
        served = settings.site.actions.get(parsed.action_id)
        if is_vote:
            served = Served(feedback.ACTION_ID, ())
        if served is None:
            raise Refused(
                422 if parsed.action_id else 400,
                "unknown_action",
                "no action of this site has this id" if parsed.action_id else "no actionId",
            )
        if not parsed.key:
            raise Refused(
                400,
                "missing_idempotency_key",
                "send an Idempotency-Key header (or submissionId) with each submission",
            )
        if not KEY_SHAPE.match(parsed.key):
            raise Refused(
                400,
                "invalid_idempotency_key",
                "an Idempotency-Key is 1 to 200 visible ASCII characters",
            )
        if parsed.honeypot:
            # Answered as a success, so a bot learns nothing; kept nowhere.
            log.info("%s: honeypot filled; not kept", served.id)
            return 200, {"ok": True}, None
        data = _vote(parsed) if is_vote else _checked(served, parsed, settings.site.words)
        page = parsed.meta.get("page")
        page_url = page.get("url") if isinstance(page, dict) else None
        submission = Submission(
            action=served.id,
            key=parsed.key,
            digest=_digest(served.id, data),
            received_at=datetime.datetime.now(datetime.timezone.utc).isoformat(
                timespec="milliseconds"
            ),
            page_url=page_url if isinstance(page_url, str) else "",
            data=data,
            meta=parsed.meta,
            completes="comment" if is_vote else None,
        )
        names = targets.for_action(served.id) if targets is not None else []
        try:
            stored = await store.put(submission, names)
        except Exception as e:
            log.error("%s: could not store a submission: %s", served.id, type(e).__name__)
            raise Refused(
                503,
                "not_stored",
                "the submission could not be stored; send it again",
                headers={"Retry-After": "5"},
            ) from None
        if not stored.first and stored.digest != submission.digest:
            raise Refused(
                422,
                "idempotency_key_reused",
                "this Idempotency-Key came before with other data; send new data with a new key",
            )
        answer = {"ok": True, "id": stored.id, "receivedAt": stored.received_at}
        if stored.completed:
            log.info("%s: completed submission %s", served.id, stored.id)
            if notifier is not None and names:
                notifier.wake()
            return 200, answer, None
        if stored.first:
            log.info("%s: kept submission %s", served.id, stored.id)
            if notifier is not None and names:
                notifier.wake()
            return 200, answer, None
        log.info("%s: repeat of submission %s; nothing new kept", served.id, stored.id)
        return 200, answer, {"Idempotent-Replayed": "true"}

    async def healthz(request: Request) -> Response:
        try:
            counts = await asyncio.to_thread(store.counts)
        except Exception as e:
            return JSONResponse({"ok": False, "error": type(e).__name__}, status_code=503)
        received = set(settings.site.actions)
        if settings.site.votes is not None:
            received.add(feedback.ACTION_ID)
        return JSONResponse({"ok": True, "actions": sorted(received), **counts})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(notifier.run()) if notifier is not None else None
        try:
            yield
        finally:
            if task is not None and notifier is not None:
                # Let the deliveries under way finish and be marked (each times out
                # after notifier.timeout); cancelled only past that.
                notifier.stop()
                try:
                    await asyncio.wait_for(task, notifier.timeout + 5)
                except asyncio.TimeoutError:
                    pass
                except asyncio.CancelledError:
                    task.cancel()
                    raise

    rest = Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            # Receiver takes every POST first; these routes give other methods a 405.
            Route("/", _Endpoint(receive), methods=["POST"]),
            Route("/{path:path}", _Endpoint(receive), methods=["POST"]),
        ],
        middleware=[
            Middleware(
                CORSMiddleware,
                allow_origins=sorted(settings.allow_origins),
                allow_methods=["POST"],
                allow_headers=["Content-Type", "Idempotency-Key"],
                expose_headers=list(EXPOSED),
                max_age=600,
            )
        ],
        lifespan=lifespan,
    )
    return Receiver(receive, rest)
