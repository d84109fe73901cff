"""Where submissions are kept, once per (action, Idempotency-Key), and the queue of
notifications about them, in the same database and the same transaction.

SQLite in a file by default (one process, or a few on one machine); PostgreSQL by URL
for several receivers behind a load balancer. Both keep the same two tables and the
same rule: a unique constraint on (action, key), and one transaction that inserts the
submission or, if the key is taken, returns the first one. A repeat that arrives at
the same moment on another connection waits for the first transaction and gets its
row. Every call returns after the commit: a submission answered 2xx is on disk.

One exception to "the first one wins": a submission that says `completes` (page
feedback's comment, sent with its vote's key) may add that one key to the first
row's data, once, in the same transaction that finds the row (`completion`). Its
notifications are then due once more, so the team sees the comment.

The calls block, but for `put`: the app awaits it, and the store answers from its
own writer threads (SQLite's one; PostgreSQL's two), each batch of submissions kept
with one commit and its answers handed to the event loop in one wake-up.
"""

from __future__ import annotations

import asyncio
import json
import queue
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Protocol, Union

import orjson

SUBMISSIONS = "chatspark_submissions"
NOTIFICATIONS = "chatspark_notifications"


@dataclass(frozen=True)
class Submission:
    action: str
    key: str
    digest: str
    """sha256 of the submission as sent: a key sent again with other content is refused."""
    received_at: str
    page_url: str
    data: dict[str, Any]
    meta: dict[str, Any]
    """What the widget sends beside the data: page, chatbotId, submittedAt, ..."""
    completes: Optional[str] = None
    """A data key this submission may add to the first one of its key (a vote's
    `comment`); anything else sent again with the key is still refused."""


@dataclass(frozen=True)
class Stored:
    id: int
    first: bool
    """False: the key was already taken; `id` is the first submission's."""
    digest: str
    """The first submission's digest."""
    received_at: str
    completed: bool = False
    """This submission added its `completes` key to the first one's row."""


def completion(first: dict[str, Any], sent: dict[str, Any], key: str) -> str:
    """What a submission sent again with a taken key does to the first one's data:
    "same" (a repeat, of the whole or of the part before `key` came), "complete"
    (the first lacks `key`, the rest is equal: `key` is added), or "conflict"."""
    if first == sent:
        return "same"
    rest_first = {k: v for k, v in first.items() if k != key}
    rest_sent = {k: v for k, v in sent.items() if k != key}
    if rest_first != rest_sent:
        return "conflict"
    if key not in sent:
        return "same"  # the vote, arriving after its comment
    return "complete" if key not in first else "conflict"


@dataclass(frozen=True)
class Row:
    id: int
    action: str
    key: str
    received_at: str
    page_url: str
    data: dict[str, Any]
    meta: dict[str, Any]


@dataclass(frozen=True)
class Job:
    """One notification to deliver: a submission to one target."""

    id: int
    target: str
    attempts: int
    submission: Row


def _columns(s: Submission) -> tuple[str, str, str, str, str, str, str]:
    """A submission's values for the INSERT both stores run: (action, key, digest,
    received_at, page_url, data, meta)."""
    return (s.action, s.key, s.digest, s.received_at, s.page_url, _dump(s.data), _dump(s.meta))


class Store(Protocol):
    async def put(self, submission: Submission, targets: Sequence[str]) -> Stored:
        """Store it; returns after the commit (the event loop is free meanwhile)."""
        ...

    def submit(self, submission: Submission, targets: Sequence[str]) -> Stored: ...
    def claim(self, now: float, lease: float, limit: int) -> list[Job]: ...
    def delivered(self, job_id: int, now: float) -> None: ...
    def retry(self, job_id: int, error: str, next_at: Optional[float]) -> None: ...
    def rows(self, action: Optional[str] = None) -> Iterator[Row]: ...
    def counts(self) -> dict[str, int]: ...
    def close(self) -> None: ...


def _schema(id_type: str) -> list[str]:
    return [
        f"""CREATE TABLE IF NOT EXISTS {SUBMISSIONS} (
            id {id_type},
            action TEXT NOT NULL,
            key TEXT NOT NULL,
            digest TEXT NOT NULL,
            received_at TEXT NOT NULL,
            page_url TEXT NOT NULL,
            data TEXT NOT NULL,
            meta TEXT NOT NULL,
            UNIQUE (action, key))""",
        f"""CREATE TABLE IF NOT EXISTS {NOTIFICATIONS} (
            id {id_type},
            submission_id BIGINT NOT NULL REFERENCES {SUBMISSIONS} (id),
            target TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_at DOUBLE PRECISION NOT NULL,
            delivered_at DOUBLE PRECISION,
            last_error TEXT,
            UNIQUE (submission_id, target))""",
        f"""CREATE INDEX IF NOT EXISTS {NOTIFICATIONS}_due
            ON {NOTIFICATIONS} (state, next_at)""",
    ]


_ROW = f"""SELECT s.id, s.action, s.key, s.received_at, s.page_url, s.data, s.meta
    FROM {SUBMISSIONS} s"""


_DUE_AGAIN = f"""UPDATE {NOTIFICATIONS} SET state = 'pending', next_at = 0
    WHERE submission_id = %s AND state IN ('pending', 'delivered')"""
"""A completed row's notifications, due (again): one being delivered right now
(claimed, its lease in `next_at`) is not marked delivered after (`delivered` keeps
a row whose `next_at` is 0 due), so the completed data goes out too."""
_DELIVERED = f"""UPDATE {NOTIFICATIONS} SET
    state = CASE WHEN next_at = 0 THEN 'pending' ELSE 'delivered' END,
    delivered_at = %s, attempts = attempts + 1, last_error = NULL WHERE id = %s"""


def _row(values: Sequence[Any]) -> Row:
    return Row(
        int(values[0]),
        values[1],
        values[2],
        values[3],
        values[4],
        json.loads(values[5]),
        json.loads(values[6]),
    )


def _dump(value: Any) -> str:
    """Compact JSON as kept in the data and meta columns (orjson: a tenth of the
    standard library's time, the same text but for the spaces it leaves out)."""
    try:
        text: str = orjson.dumps(value).decode()  # typed: orjson's stubs vary by version
    except TypeError:  # an integer past 64 bits (a form's "1e300" made whole)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text


_Answer = Union["Future[Stored]", "tuple[asyncio.AbstractEventLoop, asyncio.Future[Stored]]"]
"""Who waits for a stored submission: a thread (`submit`) or a coroutine (`put`)."""
_Pending = tuple[Submission, Sequence[str], _Answer]
_BATCH = 256
_CHECKPOINT_EVERY = 0.5
"""Seconds between two checkpoints of the SQLite store's WAL."""


def _settle(answers: list[tuple[asyncio.Future[Stored], Union[Stored, BaseException]]]) -> None:
    """On the event loop: resolve a batch's coroutines at once (one wake-up a batch)."""
    for future, outcome in answers:
        if future.done():  # the client went away and its request was cancelled
            continue
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)


def _answer(batch: Sequence[_Pending], outcomes: Sequence[Union[Stored, BaseException]]) -> None:
    """Tell each waiter of a committed (or rolled back) batch: threads directly, each
    event loop with one `call_soon_threadsafe` for all its coroutines."""
    loops: dict[asyncio.AbstractEventLoop, list[Any]] = {}
    for (_, _, answer), outcome in zip(batch, outcomes):
        if isinstance(answer, Future):
            if isinstance(outcome, BaseException):
                answer.set_exception(outcome)
            else:
                answer.set_result(outcome)
        else:
            loops.setdefault(answer[0], []).append((answer[1], outcome))
    for loop, answers in loops.items():
        try:
            loop.call_soon_threadsafe(_settle, answers)
        except RuntimeError:  # that loop is closed: no one waits any more
            continue


_Outcomes = list[Union[Stored, BaseException]]


class _GroupCommit:
    """The submissions waiting to be kept, and the writer threads that keep them: each
    takes every submission waiting (up to _BATCH), keeps them in one transaction (one
    commit, one flush to disk) with `commit`, then answers each. Fifty readers pressing
    Send at once cost a couple of commits, not fifty; none is answered before its
    commit."""

    def __init__(self, commit: Callable[[list[_Pending]], _Outcomes], writers: int, name: str):
        self._commit = commit
        self._pending: queue.Queue[Optional[_Pending]] = queue.Queue()
        self._writers = [
            threading.Thread(target=self._write, name=f"{name}-{i}", daemon=True)
            for i in range(writers)
        ]
        for writer in self._writers:
            writer.start()

    async def put(self, submission: Submission, targets: Sequence[str]) -> Stored:
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[Stored] = loop.create_future()
        self._pending.put((submission, targets, (loop, answer)))
        return await answer

    def submit(self, submission: Submission, targets: Sequence[str]) -> Stored:
        answer: Future[Stored] = Future()
        self._pending.put((submission, targets, answer))
        return answer.result()

    def _write(self) -> None:
        while True:
            first = self._pending.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < _BATCH:
                try:
                    more = self._pending.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._pending.put(None)  # close() after this batch
                    break
                batch.append(more)
            try:
                outcomes = self._commit(batch)
            except BaseException as e:
                # Rolled back, or not known to be kept: none is told it was (a 503; a
                # resend of one that was kept finds its row).
                outcomes = [e] * len(batch)
            _answer(batch, outcomes)

    def close(self) -> None:
        """Returns once every submission put before is answered."""
        for _ in self._writers:
            self._pending.put(None)
        for writer in self._writers:
            writer.join()


class SQLiteStore:
    """One connection, one writer at a time (SQLite's own rule), WAL so exports and
    health checks read while it writes, `synchronous=FULL` so a commit is on disk.

    Group commit (`_GroupCommit`): one writer thread takes every submission waiting
    and commits them in one transaction (one fsync), then answers each. Fifty readers
    pressing Send at once cost one disk flush, not fifty; none is answered before the
    flush.

    Checkpoints (copying the WAL back into the database file) run in a thread of
    their own, on a connection of their own, PASSIVE (never waiting for the writer):
    SQLite's automatic checkpoint ran inside the commit that crossed its threshold,
    and that submission's answer waited for it (a commit of 28 ms instead of 14)."""

    def __init__(self, path: str) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA busy_timeout = 10000")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = FULL")
        self._db.execute("PRAGMA foreign_keys = ON")
        with self._transaction():
            for statement in _schema("INTEGER PRIMARY KEY AUTOINCREMENT"):
                self._db.execute(statement)
        self._db.execute("PRAGMA wal_autocheckpoint = 0")  # the checkpointer's, below
        self._closing = threading.Event()
        self._checkpointer = threading.Thread(
            target=self._checkpoint, args=(path,), name="chatspark-checkpoint", daemon=True
        )
        self._checkpointer.start()
        self._writer = _GroupCommit(self._commit, 1, "chatspark-sqlite")

    def _checkpoint(self, path: str) -> None:
        """Every half second, what the WAL holds goes into the database file; the next
        commit then starts the WAL again from its beginning, so it stays small."""
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA busy_timeout = 10000")
            while not self._closing.wait(_CHECKPOINT_EVERY):
                try:
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error:
                    continue  # busy or locked: the next round tries again
        finally:
            db.close()

    def _transaction(self) -> _SQLiteTransaction:
        return _SQLiteTransaction(self._db, self._lock)

    async def put(self, submission: Submission, targets: Sequence[str]) -> Stored:
        return await self._writer.put(submission, targets)

    def submit(self, submission: Submission, targets: Sequence[str]) -> Stored:
        return self._writer.submit(submission, targets)

    def _commit(self, batch: list[_Pending]) -> _Outcomes:
        """A batch in one transaction: each submission kept, or found kept before."""
        with self._transaction() as db:
            return [self._insert(db, s, targets) for s, targets, _ in batch]

    def _insert(self, db: sqlite3.Connection, s: Submission, targets: Sequence[str]) -> Stored:
        inserted = db.execute(
            f"""INSERT INTO {SUBMISSIONS}
                (action, key, digest, received_at, page_url, data, meta)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (action, key) DO NOTHING RETURNING id""",
            _columns(s),
        ).fetchone()
        if inserted is None:
            first = db.execute(
                f"""SELECT id, digest, received_at, data FROM {SUBMISSIONS}
                    WHERE action = ? AND key = ?""",
                (s.action, s.key),
            ).fetchone()
            if s.completes is None:
                return Stored(int(first[0]), False, first[1], first[2])
            outcome = completion(json.loads(first[3]), s.data, s.completes)
            if outcome == "conflict":
                return Stored(int(first[0]), False, first[1], first[2])
            if outcome == "complete":
                db.execute(
                    f"UPDATE {SUBMISSIONS} SET data = ?, digest = ? WHERE id = ?",
                    (_dump(s.data), s.digest, first[0]),
                )
                db.execute(_DUE_AGAIN.replace("%s", "?"), (first[0],))
            return Stored(int(first[0]), False, s.digest, first[2], outcome == "complete")
        db.executemany(
            f"INSERT INTO {NOTIFICATIONS} (submission_id, target, next_at) VALUES (?, ?, 0)",
            [(inserted[0], t) for t in targets],
        )
        return Stored(int(inserted[0]), True, s.digest, s.received_at)

    def claim(self, now: float, lease: float, limit: int) -> list[Job]:
        with self._transaction() as db:
            found = db.execute(
                f"""SELECT n.id, n.target, n.attempts, s.id, s.action, s.key, s.received_at,
                    s.page_url, s.data, s.meta
                    FROM {NOTIFICATIONS} n JOIN {SUBMISSIONS} s ON s.id = n.submission_id
                    WHERE n.state = 'pending' AND n.next_at <= ?
                    ORDER BY n.next_at, n.id LIMIT ?""",
                (now, limit),
            ).fetchall()
            db.executemany(
                f"UPDATE {NOTIFICATIONS} SET next_at = ? WHERE id = ?",
                [(now + lease, r[0]) for r in found],
            )
        return [Job(int(r[0]), r[1], int(r[2]), _row(r[3:])) for r in found]

    def delivered(self, job_id: int, now: float) -> None:
        with self._transaction() as db:
            db.execute(_DELIVERED.replace("%s", "?"), (now, job_id))

    def retry(self, job_id: int, error: str, next_at: Optional[float]) -> None:
        with self._transaction() as db:
            db.execute(
                f"""UPDATE {NOTIFICATIONS} SET attempts = attempts + 1, last_error = ?,
                    state = ?, next_at = ? WHERE id = ?""",
                (error, "pending" if next_at is not None else "failed", next_at or 0, job_id),
            )

    def rows(self, action: Optional[str] = None) -> Iterator[Row]:
        where, args = (" WHERE s.action = ?", (action,)) if action else ("", ())
        with self._lock:
            found = self._db.execute(f"{_ROW}{where} ORDER BY s.id", args).fetchall()
        return (_row(r) for r in found)

    def counts(self) -> dict[str, int]:
        with self._lock:
            submissions = self._db.execute(f"SELECT COUNT(*) FROM {SUBMISSIONS}").fetchone()[0]
            states = self._db.execute(
                f"SELECT state, COUNT(*) FROM {NOTIFICATIONS} GROUP BY state"
            ).fetchall()
        return {
            "submissions": int(submissions),
            **{f"notifications_{s}": int(n) for s, n in states},
        }

    def close(self) -> None:
        self._writer.close()
        self._closing.set()
        self._checkpointer.join()
        with self._lock:
            self._db.close()  # the last connection: SQLite checkpoints and removes the WAL


class _SQLiteTransaction:
    """`BEGIN IMMEDIATE` (take the write lock first: no upgrade deadlock between two
    processes), COMMIT on success, ROLLBACK on any error; one thread at a time."""

    def __init__(self, db: sqlite3.Connection, lock: threading.Lock) -> None:
        self._db = db
        self._lock = lock

    def __enter__(self) -> sqlite3.Connection:
        self._lock.acquire()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.release()
            raise
        return self._db

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            self._db.execute("COMMIT" if kind is None else "ROLLBACK")
        finally:
            self._lock.release()


_KEEP = f"""WITH sent AS (
        SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::text[],
            %s::text[], %s::text[]) WITH ORDINALITY
            AS sent (action, key, digest, received_at, page_url, data, meta, n)),
    kept AS (
        INSERT INTO {SUBMISSIONS} (action, key, digest, received_at, page_url, data, meta)
        SELECT action, key, digest, received_at, page_url, data, meta FROM sent ORDER BY n
        ON CONFLICT (action, key) DO NOTHING RETURNING id, action, key),
    queued AS (
        INSERT INTO {NOTIFICATIONS} (submission_id, target, next_at)
        SELECT kept.id, t.target, 0
        FROM kept JOIN unnest(%s::text[], %s::text[], %s::text[]) AS t (action, key, target)
            ON t.action = kept.action AND t.key = kept.key)
    SELECT id, action, key FROM kept"""
"""A batch of submissions (each key once, in (action, key) order) and their
notifications in one statement (PostgreSQL): the ids of the rows inserted; a key
already taken gives none (after waiting for a concurrent insert of it to end)."""
_FIRSTS = f"""SELECT id, action, key, digest, received_at FROM {SUBMISSIONS}
    WHERE (action, key) IN (SELECT * FROM unnest(%s::text[], %s::text[]))"""

_PG_WRITERS = 2
"""Writer threads (connections) per PostgreSQL store: one batch commits while the next
one fills."""


def _durable(db: Any) -> None:
    """A 2xx means on disk: each connection commits with its WAL flushed, whatever
    the server's or the database's `synchronous_commit` says (off would answer before
    the flush; a crash then loses what was answered)."""
    db.execute("SET synchronous_commit = on")


class PostgresStore:
    """Group commit, as SQLite's store (`_GroupCommit`), with two writer threads on
    connections in autocommit: a batch's new rows and their notifications are one
    statement, one round trip, one commit (one flush of PostgreSQL's WAL); a second
    statement reads the first rows of the keys that were taken, when some were. One
    submission a statement took a thread of a pool and a commit each: under
    bench_receiver's load, half a request's time was the wait for a free thread, the
    other half its own commit.

    READ COMMITTED: an insert that meets a concurrent one with the same key (another
    receiver's batch) waits for it, then finds its row. Each batch inserts its keys in
    (action, key) order, so two batches that share keys wait for each other in one
    order, never in a cycle (a deadlock). A batch that PostgreSQL refuses for one
    submission's data (a NUL character, which its text cannot hold) is kept again one
    submission at a time, so that one alone is refused."""

    def __init__(self, url: str, max_connections: int = 10) -> None:
        from psycopg_pool import ConnectionPool

        # The writers' connections and the notifier's, open before the first request
        # (one made on demand under load took tens of milliseconds: the first answers').
        self._pool = ConnectionPool(
            url,
            min_size=min(max_connections, _PG_WRITERS + 1),
            max_size=max_connections,
            open=True,
            kwargs={"autocommit": True},
            configure=_durable,
        )
        self._pool.wait(timeout=10)
        with self._pool.connection() as db, db.transaction():
            # Two receivers starting at once: one creates the tables, the other waits.
            db.execute("SELECT pg_advisory_xact_lock(73950321)")
            for statement in _schema("BIGSERIAL PRIMARY KEY"):
                db.execute(statement)
        self._writer = _GroupCommit(self._commit, _PG_WRITERS, "chatspark-pg")

    async def put(self, submission: Submission, targets: Sequence[str]) -> Stored:
        return await self._writer.put(submission, targets)

    def submit(self, submission: Submission, targets: Sequence[str]) -> Stored:
        return self._writer.submit(submission, targets)

    def _commit(self, batch: list[_Pending]) -> _Outcomes:
        import psycopg

        submissions = [(s, targets) for s, targets, _ in batch]
        try:
            with self._pool.connection() as db:
                return self._keep(db, submissions)
        except psycopg.DataError:
            if len(batch) == 1:
                raise
        outcomes: _Outcomes = []
        for one in submissions:
            try:
                with self._pool.connection() as db:
                    outcomes.extend(self._keep(db, [one]))
            except psycopg.DataError as e:
                outcomes.append(e)
        return outcomes

    def _keep(self, db: Any, submissions: Sequence[tuple[Submission, Sequence[str]]]) -> _Outcomes:
        """Each submission kept (committed when the first statement returns), or found
        kept before, in this batch or earlier."""
        new: dict[tuple[str, str], int] = {}  # the first of each key in the batch
        for i, (s, _) in enumerate(submissions):
            new.setdefault((s.action, s.key), i)
        order = sorted(new)
        rows = [list(c) for c in zip(*(_columns(submissions[new[k]][0]) for k in order))]
        notes = dict.fromkeys((s.action, s.key, t) for s, targets in submissions for t in targets)
        queued = [list(c) for c in zip(*notes)] if notes else [[], [], []]
        inserted = db.execute(_KEEP, (*rows, *queued)).fetchall()
        # The first row of each key as the answers see it: (id, digest, received_at).
        firsts: dict[tuple[str, str], tuple[int, str, str]] = {}
        for row_id, action, key in inserted:
            first = submissions[new[(action, key)]][0]
            firsts[(action, key)] = (int(row_id), first.digest, first.received_at)
        taken = [k for k in order if k not in firsts]
        if taken:
            found = db.execute(_FIRSTS, ([k[0] for k in taken], [k[1] for k in taken]))
            for row_id, action, key, digest, received_at in found.fetchall():
                firsts[(action, key)] = (int(row_id), digest, received_at)
        outcomes: _Outcomes = []
        for i, (s, _) in enumerate(submissions):
            k = (s.action, s.key)
            if k not in firsts:  # DO NOTHING waited for the other insert: it is committed
                outcomes.append(RuntimeError(f"{s.action}: the first submission of a key vanished"))
                continue
            row_id, digest, received_at = firsts[k]
            if new[k] == i and k not in taken:
                outcomes.append(Stored(row_id, True, digest, received_at))
            elif s.completes is None:
                outcomes.append(Stored(row_id, False, digest, received_at))
            else:
                with db.transaction():
                    stored = self._complete(db, s, row_id, received_at)
                if stored.completed:
                    firsts[k] = (row_id, s.digest, received_at)
                outcomes.append(stored)
        return outcomes

    def _complete(self, db: Any, s: Submission, row_id: int, received_at: str) -> Stored:
        """The first row, locked (a comment and its repeat meet here one at a time),
        completed with the submission's `completes` key, or not."""
        locked = db.execute(
            f"SELECT digest, data FROM {SUBMISSIONS} WHERE id = %s FOR UPDATE", (row_id,)
        ).fetchone()
        outcome = completion(json.loads(locked[1]), s.data, s.completes or "")
        if outcome == "conflict":
            return Stored(row_id, False, locked[0], received_at)
        if outcome == "complete":
            db.execute(
                f"UPDATE {SUBMISSIONS} SET data = %s, digest = %s WHERE id = %s",
                (_dump(s.data), s.digest, row_id),
            )
            db.execute(_DUE_AGAIN, (row_id,))
        return Stored(row_id, False, s.digest, received_at, outcome == "complete")

    def claim(self, now: float, lease: float, limit: int) -> list[Job]:
        with self._pool.connection() as db:
            found = db.execute(
                f"""WITH due AS (
                        SELECT id FROM {NOTIFICATIONS}
                        WHERE state = 'pending' AND next_at <= %s
                        ORDER BY next_at, id LIMIT %s FOR UPDATE SKIP LOCKED)
                    UPDATE {NOTIFICATIONS} n SET next_at = %s FROM due, {SUBMISSIONS} s
                    WHERE n.id = due.id AND s.id = n.submission_id
                    RETURNING n.id, n.target, n.attempts, s.id, s.action, s.key,
                        s.received_at, s.page_url, s.data, s.meta""",
                (now, limit, now + lease),
            ).fetchall()
        return [Job(int(r[0]), r[1], int(r[2]), _row(r[3:])) for r in found]

    def delivered(self, job_id: int, now: float) -> None:
        with self._pool.connection() as db:
            db.execute(_DELIVERED, (now, job_id))

    def retry(self, job_id: int, error: str, next_at: Optional[float]) -> None:
        with self._pool.connection() as db:
            db.execute(
                f"""UPDATE {NOTIFICATIONS} SET attempts = attempts + 1, last_error = %s,
                    state = %s, next_at = %s WHERE id = %s""",
                (error, "pending" if next_at is not None else "failed", next_at or 0, job_id),
            )

    def rows(self, action: Optional[str] = None) -> Iterator[Row]:
        where, args = (" WHERE s.action = %s", (action,)) if action else ("", ())
        with self._pool.connection() as db:
            found = db.execute(f"{_ROW}{where} ORDER BY s.id", args).fetchall()
        return (_row(r) for r in found)

    def counts(self) -> dict[str, int]:
        with self._pool.connection() as db:
            row = db.execute(f"SELECT COUNT(*) FROM {SUBMISSIONS}").fetchone()
            states = db.execute(
                f"SELECT state, COUNT(*) FROM {NOTIFICATIONS} GROUP BY state"
            ).fetchall()
        submissions = int(row[0]) if row else 0
        return {"submissions": submissions, **{f"notifications_{s}": int(n) for s, n in states}}

    def close(self) -> None:
        self._writer.close()
        self._pool.close()


def is_postgres(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def open_store(db: str) -> Store:
    """`--db`: a file path (SQLite) or a `postgresql://` URL."""
    if is_postgres(db):
        return PostgresStore(db)
    return SQLiteStore(db)
