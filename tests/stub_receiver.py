"""A scripted webhook stand-in on 127.0.0.1 for the browser tests: it answers the
CORS preflight, accepts JSON and urlencoded POSTs, keeps each submission once per
Idempotency-Key, and answers what a test scripts (500, 429, a hang, a slow 200).

The real receiver is `chatspark-receiver` (mkdocs_chatspark/receiver/); this one
stays small so a test can make any answer happen. (It was example_site/receiver.py.)
"""

from __future__ import annotations

import json
import random
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Union
from urllib.parse import parse_qs

Answer = Union[int, str]  # an HTTP status, "hang" to never answer, or "slow" (200 after 0.5 s)


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self) -> dict[str, str]:
        """An urlencoded body (`webhook: {format: form}`), each field's first value."""
        return {k: v[0] for k, v in parse_qs(self.body.decode(), keep_blank_values=True).items()}


def completes(data: Any) -> bool:
    """A vote's comment, sent later with the vote's own key: it completes the row
    the vote made (a retry of the vote itself is the same body, kept once)."""
    if not isinstance(data, dict):
        return False
    if data.get("_actionType") == "feedback":
        return bool(data.get("comment"))
    inner = data.get("data")
    return data.get("actionType") == "feedback" and isinstance(inner, dict) and "comment" in inner


@dataclass
class Receiver:
    host: str = "127.0.0.1"
    port: int = 0
    allow_origin: str = "*"
    verbose: bool = False
    requests: list[Received] = field(default_factory=list)
    """Every request, preflights included, in the order it arrived."""
    accepted: dict[str, Any] = field(default_factory=dict)
    """Idempotency-Key -> JSON body, each submission once."""
    answers: list[Answer] = field(default_factory=list)
    """What to answer the next POSTs with; empty: 200."""
    failure_rate: float = 0.0
    """With no scripted answer left, the share of POSTs answered 500, at random."""
    retry_after: int = 0
    """Seconds sent as Retry-After with a 429 or 503 (0: none)."""
    seed: int = 1

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._random = random.Random(self.seed)
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer((self.host, self.port), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def posts(self) -> list[Received]:
        with self._lock:
            return [r for r in self.requests if r.method == "POST"]

    def start(self) -> Receiver:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def _next_answer(self) -> Answer:
        with self._lock:
            if self.answers:
                return self.answers.pop(0)
            return 500 if self._random.random() < self.failure_rate else 200

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                if receiver.verbose:
                    super().log_message(format, *args)

            def _record(self, body: bytes = b"") -> None:
                with receiver._lock:
                    receiver.requests.append(
                        Received(self.command, self.path, dict(self.headers.items()), body)
                    )

            def _cors(self) -> None:
                self.send_header("Access-Control-Allow-Origin", receiver.allow_origin)
                self.send_header("Access-Control-Expose-Headers", "Retry-After")
                self.send_header("Vary", "Origin")

            def do_OPTIONS(self) -> None:
                # The browser asks first: a JSON body and an Idempotency-Key header
                # are not a "simple" cross-origin request.
                self._record()
                self.send_response(204)
                self._cors()
                self.send_header("Access-Control-Allow-Methods", "POST")
                self.send_header("Access-Control-Allow-Headers", "Content-Type, Idempotency-Key")
                self.send_header("Access-Control-Max-Age", "600")
                self.end_headers()

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self._record(body)
                answer = receiver._next_answer()
                if answer == "hang":
                    receiver._stopping.wait(60)
                    return
                if answer == "slow":
                    receiver._stopping.wait(0.5)
                    answer = 200
                status = int(answer)
                key = self.headers.get("Idempotency-Key", "")
                if 200 <= status < 300:
                    try:
                        if self.headers.get("Content-Type", "").startswith(
                            "application/x-www-form-urlencoded"
                        ):
                            data: Any = Received("", "", {}, body).form()
                            key = data.get("_submissionId", "")
                        else:
                            data = json.loads(body)
                    except ValueError:
                        status = 400
                    else:
                        with receiver._lock:
                            first = receiver.accepted.setdefault(key, data) is data
                            if not first and completes(data):
                                receiver.accepted[key] = data  # the vote's row, with its comment
                        if receiver.verbose:
                            print(("NEW " if first else "DUPLICATE ") + json.dumps(data, indent=2))
                self.send_response(status)
                if status in (429, 503) and receiver.retry_after:
                    self.send_header("Retry-After", str(receiver.retry_after))
                self._cors()
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok":%s}' % (b"true" if status < 300 else b"false"))

        return Handler


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8765
    r = Receiver(port=port, verbose=True).start()
    print(f"Receiving webhooks on {r.origin} (Ctrl+C to stop)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        r.stop()
