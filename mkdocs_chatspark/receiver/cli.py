"""`chatspark-receiver` (and `python -m mkdocs_chatspark receive`).

    chatspark-receiver --config mkdocs.yml [--db FILE|URL] [--host H] [--port P]
        [--allow-origin ORIGIN]... [--notify FILE] [--max-body BYTES] [--rate N]
    chatspark-receiver export --config mkdocs.yml --db FILE|URL [--format csv|jsonl]

A mistake in what it is given (a broken mkdocs.yml, a port in use, a database it
cannot open) ends it with one line saying what and where, and exit status 2 (1 for
the database), never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import logging
import os
import socket
import sys
from collections.abc import Sequence
from typing import Any, Optional, TextIO

from .. import feedback

PROG = "chatspark-receiver"
DEFAULT_DB = "chatspark-submissions.sqlite3"
INSTALL = 'the receiver needs its extra: pip install "mkdocs-chatspark[receiver]"'


class Stop(Exception):
    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", "-f", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)"
    )
    parser.add_argument(
        "--db",
        default=DEFAULT_DB,
        help="an SQLite file, or a postgresql:// URL (default: %(default)s)",
    )


def _serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Receive the site's forms: check, keep once, notify. "
        f"`{PROG} export --help` for the export.",
    )
    _common(parser)
    parser.add_argument("--host", default="127.0.0.1", help="default: %(default)s")
    parser.add_argument("--port", type=int, default=8765, help="default: %(default)s; 0: any")
    parser.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="another origin whose pages may post (the site_url's is allowed); repeatable",
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address the webhooks name (https://forms.example.com/): serve only the "
        "actions whose webhook starts with it; unset: every action with a webhook",
    )
    parser.add_argument(
        "--notify", metavar="FILE", help="where submissions are announced (outside the docs)"
    )
    parser.add_argument("--max-body", type=int, default=64 * 1024, help="bytes (413 above)")
    parser.add_argument(
        "--rate", type=float, default=30.0, help="submissions a minute per address; 0: no limit"
    )
    parser.add_argument(
        "--forwarded-allow-ips",
        default=None,
        metavar="IPS",
        help="proxies whose X-Forwarded-For names the client (behind a load balancer)",
    )
    parser.add_argument(
        "--retry-max-delay",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="longest wait between two attempts at a notification (default: %(default)s)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="log warnings only")
    return parser


def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} export", description="Write the kept submissions to standard output."
    )
    _common(parser)
    parser.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    parser.add_argument("--action", metavar="ID", help="only this action's submissions")
    return parser


def _load_site(config: str) -> Any:
    from .site import SiteError, load

    try:
        return load(config)
    except SiteError as e:
        raise Stop(str(e)) from None


def _open_store(db: str) -> Any:
    from .store import is_postgres, open_store

    try:
        return open_store(db)
    except Exception as e:
        shown = db.split("@")[-1] if is_postgres(db) else db  # no password in the message
        raise Stop(f"{shown}: cannot open the database: {_first_line(e)}", 1) from None


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        reason = "is in use by another program" if e.errno in (48, 98) else f"({e.strerror})"
        raise Stop(
            f"{host}:{port} {reason}; stop it, or start the receiver with another --port"
        ) from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _pointing_at(site: Any, public_url: str) -> Any:
    """The site with only the actions whose webhook is under `public_url`."""
    import dataclasses

    base = public_url.rstrip("/")

    def under(webhook: Optional[str]) -> bool:
        return (webhook or "").rstrip("/") == base or (webhook or "").startswith(base + "/")

    votes = site.votes if site.votes is not None and under(site.votes.webhook) else None
    kept = {
        action_id: served
        for action_id, served in site.actions.items()
        if any(under(a.webhook) for _, a in served.definitions)
    }
    if not kept and votes is None:
        hooks = sorted({str(a.webhook) for s in site.actions.values() for _, a in s.definitions})
        raise Stop(
            f"{site.config_file}: no action's webhook is under {public_url}; "
            f"the webhooks are: {', '.join(hooks)}"
        )
    return dataclasses.replace(site, actions=kept, votes=votes)


def _received(site: Any) -> list[str]:
    """What this receiver takes: the actions' ids, and `feedback` for page votes."""
    names = set(site.actions)
    if site.votes is not None:
        names.add(feedback.ACTION_ID)
    return sorted(names)


def _freeze_heap() -> None:
    """What start-up made (the modules, mkdocs' config, the site's actions: some 40,000
    objects) lives as long as the process: out of the garbage collector's sight, so a
    full collection under load scans only what the requests made. Unfrozen, each full
    collection took 30-37 ms on this machine, every request in flight waiting for it
    (the event loop and the SQLite writer hold the GIL in turn): the load benchmark's
    p99 was that pause. Collected first, so no garbage is kept for good."""
    gc.collect()
    gc.freeze()


def serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from .app import Settings, create_app
        from .notify import Notifier, NotifyError, load_targets
    except ImportError:
        raise Stop(INSTALL) from None
    logging.basicConfig(
        level=logging.WARNING if args.quiet else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    site = _load_site(args.config)
    for notice in site.warnings:
        print(f"{PROG}: warning: {notice}", file=sys.stderr)
    if not site.actions and site.votes is None:
        raise Stop(
            f"{site.config_file}: no action has a webhook; there is nothing to receive "
            "(nor does `feedback` send votes to a webhook)"
        )
    if args.public_url:
        site = _pointing_at(site, args.public_url)
    origins = {o.rstrip("/").lower() for o in args.allow_origin}
    if site.origin:
        origins.add(site.origin)
    try:
        targets = load_targets(args.notify, _received(site), site.docs_dir)
    except NotifyError as e:
        raise Stop(str(e)) from None
    sock = _bind(args.host, args.port)
    store = _open_store(args.db)
    notifier = Notifier(store, targets, site.labels, max_delay=args.retry_max_delay)
    settings = Settings(site, frozenset(origins), max_body=args.max_body, rate=args.rate)
    app = create_app(settings, store, notifier)
    config = uvicorn.Config(
        app,
        log_level="warning" if args.quiet else "info",
        proxy_headers=args.forwarded_allow_ips is not None,
        forwarded_allow_ips=args.forwarded_allow_ips,
        server_header=False,
    )
    config.load()  # uvicorn's HTTP and lifespan modules imported now, before the freeze
    _freeze_heap()
    host, port = sock.getsockname()[:2]
    where = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    print(f"{PROG}: receiving {', '.join(_received(site))} on {where}", flush=True)
    print(
        f"{PROG}: keeping them in {args.db.split('@')[-1]}; posts from "
        f"{', '.join(sorted(origins)) or 'no browser origin (set site_url or --allow-origin)'}",
        flush=True,
    )
    if targets.by_name:
        shown = ", ".join(f"{n} ({t.describe()})" for n, t in targets.by_name.items())
        print(f"{PROG}: notifying {shown}", flush=True)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        store.close()
    return 0


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "; ".join(map(str, value))
    elif not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value)
    # A spreadsheet runs a cell that starts like a formula: a reader typed this.
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export(args: argparse.Namespace, out: TextIO) -> int:
    from .store import is_postgres

    site = _load_site(args.config)
    # Opening an SQLite file makes it: a mistyped --db would export an empty table.
    if not is_postgres(args.db) and not os.path.exists(args.db):
        raise Stop(
            f"{args.db}: no such database file; the receiver keeps submissions in the file "
            f"its --db names (default: {DEFAULT_DB}, in the folder it was started from)",
            1,
        )
    store = _open_store(args.db)
    try:
        rows = list(store.rows(args.action))
    finally:
        store.close()
    if args.action is not None and not rows and args.action not in _received(site):
        raise Stop(
            f"--action: {args.action!r} is not an action this site's receiver takes, and the "
            f"database keeps none of its submissions; actions: {', '.join(_received(site))}"
        )
    replaced_by = _replaced_by(rows)
    if args.format == "jsonl":
        for row in rows:
            record = {
                "id": row.id,
                "actionId": row.action,
                "submissionId": row.key,
                "receivedAt": row.received_at,
                "pageUrl": row.page_url,
                "data": row.data,
            }
            asked = _asked(row)
            if asked is not None:
                record["asked"] = asked
            if isinstance(row.meta.get("replaces"), str):
                record["replaces"] = row.meta["replaces"]
            if row.id in replaced_by:
                record["replacedBy"] = replaced_by[row.id]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return 0
    columns: list[str] = []
    for served in site.actions.values():
        columns.extend(f.key for f in served.first.fields if f.key not in columns)
    for row in rows:
        columns.extend(k for k in row.data if k not in columns)
    extra: list[str] = []
    if any(_asked(row) is not None for row in rows):
        extra += ["_question", "_pages"]
    if any(isinstance(row.meta.get("replaces"), str) for row in rows):
        extra += ["_replaces"]
    if replaced_by:
        extra += ["_replaced_by"]
    writer = csv.writer(out)
    writer.writerow(["id", "action", "submission_id", "received_at", "page_url", *columns, *extra])
    for row in rows:
        asked = _asked(row) or {}
        more = {
            "_question": asked.get("question"),
            "_pages": " ".join(asked.get("pages") or []) or None,
            "_replaces": row.meta.get("replaces"),
            "_replaced_by": replaced_by.get(row.id),
        }
        writer.writerow(
            [row.id, row.action, row.key, row.received_at, _cell(row.page_url)]
            + [_cell(row.data.get(c)) for c in columns]
            + [_cell(more[c]) for c in extra]
        )
    return 0


def _asked(row: Any) -> Optional[dict[str, Any]]:
    """The Ask box's question and pages a submission was handed off with, if any."""
    page = row.meta.get("page")
    asked = page.get("asked") if isinstance(page, dict) else None
    return asked if isinstance(asked, dict) else None


def _replaced_by(rows: Sequence[Any]) -> dict[int, str]:
    """Row id -> the submissionId of the correction that replaces it (same action)."""
    ids = {(row.action, row.key): row.id for row in rows}
    found: dict[int, str] = {}
    for row in rows:
        replaces = row.meta.get("replaces")
        first = ids.get((row.action, replaces)) if isinstance(replaces, str) else None
        if first is not None:
            found[first] = row.key
    return found


def main(argv: Optional[Sequence[str]] = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list[:1] == ["export"]:
            return export(_export_parser().parse_args(args_list[1:]), sys.stdout)
        if args_list[:1] == ["serve"]:
            args_list = args_list[1:]
        return serve(_serve_parser().parse_args(args_list))
    except Stop as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return e.status
    except KeyboardInterrupt:
        return 130


def run() -> None:
    """The console script."""
    sys.exit(main())
