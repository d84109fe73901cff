"""The real receiver, started in this process on 127.0.0.1 (port 0) for a test: a real
site folder, a real database, uvicorn serving the Starlette app in a thread."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Optional

import uvicorn
from support import site_config, write_site

from mkdocs_chatspark.receiver import app as receiver_app
from mkdocs_chatspark.receiver import notify, site, store

POSTGRES_ENV = "CHATSPARK_TEST_POSTGRES"
"""A postgresql:// URL of a throwaway database (scripts/with-postgres sets it)."""

CONTACT: dict[str, Any] = {
    "id": "contact",
    "type": "form",
    "label": "Contact us",
    "webhook": "http://127.0.0.1:9/hooks/contact",
    "fields": [
        {"key": "name", "label": "Name", "required": True, "max_length": 20},
        {"key": "email", "label": "Email", "type": "email", "required": True},
        {"key": "seats", "label": "Seats", "type": "number", "min": 1, "max": 500, "step": 1},
        {"key": "plan", "label": "Plan", "type": "radio", "options": ["Team", "Business"]},
        {
            "key": "topics",
            "label": "Topics",
            "type": "select",
            "multiple": True,
            "options": ["Billing", "SSO"],
        },
        {"key": "start", "label": "Start", "type": "date", "min": "2026-01-01"},
        {"key": "news", "label": "News", "type": "checkbox"},
        {
            "key": "code",
            "label": "Code",
            "pattern": r"[A-Z]{2}-\d{3}",
            "pattern_message": "Two capitals, a dash, three digits",
        },
        {"key": "campaign", "type": "hidden", "value": "spring"},
    ],
}
NEWSLETTER: dict[str, Any] = {
    "id": "newsletter",
    "type": "form",
    "label": "Newsletter",
    "webhook": {"url": "http://127.0.0.1:9/hooks/newsletter", "format": "form"},
    "fields": [{"key": "email", "label": "Email", "type": "email", "required": True}],
}
SITE_ORIGIN = "https://docs.example.com"


def write_receiver_site(
    root: Path,
    actions: Optional[list[dict[str, Any]]] = None,
    pages: Optional[dict[str, str]] = None,
) -> Path:
    config = site_config(
        {"actions": actions if actions is not None else [CONTACT, NEWSLETTER]},
        site_url=SITE_ORIGIN + "/docs/",
    )
    return write_site(root, config, pages or {"index.md": "# Home\n"})


@dataclass
class Running:
    url: str
    store: store.Store
    config_file: Path
    server: uvicorn.Server
    thread: threading.Thread
    notifier: Optional[notify.Notifier] = None

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.store.close()


def start(
    config_file: Path,
    db: str,
    *,
    origins: tuple[str, ...] = (SITE_ORIGIN,),
    rate: float = 0,
    max_body: int = 64 * 1024,
    targets: Optional[notify.Targets] = None,
    base_delay: float = 5.0,
    sock: Optional[socket.socket] = None,
) -> Running:
    """The receiver for the site at `config_file`; `sock`, bound beforehand, when the
    site must name the receiver's address before the receiver reads it."""
    actions = site.load(str(config_file))
    kept = store.open_store(db)
    notifier = None
    if targets is not None:
        notifier = notify.Notifier(
            kept, targets, actions.labels, base_delay=base_delay, max_delay=base_delay * 4
        )
    settings = receiver_app.Settings(actions, frozenset(origins), max_body=max_body, rate=rate)
    app = receiver_app.create_app(settings, kept, notifier)
    if sock is None:
        sock = free_socket()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the receiver did not start")
        time.sleep(0.01)
    port = sock.getsockname()[1]
    return Running(f"http://127.0.0.1:{port}", kept, config_file, server, thread, notifier)


def free_socket() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    return sock


def postgres_url() -> Optional[str]:
    """The test database's URL; in CI its absence is a failure, not a skip."""
    url = os.environ.get(POSTGRES_ENV)
    if not url and os.environ.get("CI"):
        raise RuntimeError(
            f"CI is set but {POSTGRES_ENV} is not: run the tests under scripts/with-postgres"
        )
    return url


@dataclass
class Target:
    """An HTTP server standing in for Slack or a CRM: answers `down` while set."""

    down: bool = False
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)

    def __post_init__(self) -> None:
        target = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if target.down:
                    self.send_response(503)
                else:
                    target.received.append((dict(self.headers.items()), body))
                    self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def wait_for(condition: Any, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


def run_async(coro: Any) -> Any:
    return asyncio.run(coro)


def rows(running: Running) -> Iterator[store.Row]:
    return running.store.rows()


def database(kind: str, tmp_path: Path) -> Iterator[str]:
    """A fresh database of `kind` (sqlite, postgres) for one test: its --db value."""
    if kind == "sqlite":
        yield str(tmp_path / "kept.sqlite3")
        return
    import uuid

    import psycopg

    url = postgres_url()
    if url is None:
        import pytest

        pytest.skip(f"no PostgreSQL: run under scripts/with-postgres ({POSTGRES_ENV})")
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
