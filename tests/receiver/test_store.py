"""Both databases, for real: one row per (action, key) however the repeats arrive."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest
from receiver_support import database

from mkdocs_chatspark.receiver.store import SUBMISSIONS, Store, Stored, Submission, open_store


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from database(request.param, tmp_path)


def submission(key: str, name: str = "Ann") -> Submission:
    return Submission(
        action="contact",
        key=key,
        digest=f"d-{name}",
        received_at="2026-12-02T10:00:00.000+00:00",
        page_url="/",
        data={"name": name, "note": "naïve ✓"},
        meta={"page": {"url": "/"}},
    )


def test_repeats_on_different_connections_at_once_store_one_row(db: str) -> None:
    stores = [open_store(db) for _ in range(4)]  # four connections (four processes' worth)
    answers: list[Stored] = []
    barrier = threading.Barrier(16)

    def send(i: int) -> None:
        barrier.wait()
        answers.append(stores[i % 4].submit(submission("same"), ["contact:webhook"]))

    threads = [threading.Thread(target=send, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert sum(a.first for a in answers) == 1
        assert len({a.id for a in answers}) == 1
        assert [r.key for r in stores[0].rows()] == ["same"]
        assert stores[0].counts() == {"submissions": 1, "notifications_pending": 1}
    finally:
        for s in stores:
            s.close()


def test_what_is_kept_survives_a_reopen_with_its_data(db: str) -> None:
    first = open_store(db)
    kept = first.submit(submission("k1"), [])
    first.close()
    again = open_store(db)
    try:
        [row] = list(again.rows())
        assert (row.id, row.data, row.meta) == (
            kept.id,
            submission("k1").data,
            {"page": {"url": "/"}},
        )
        assert again.submit(submission("k1", "Bob"), []) == Stored(
            kept.id, False, "d-Ann", kept.received_at
        )
    finally:
        again.close()


def one_batch(store: Store, sent: list[Submission], targets: list[str]) -> list[object]:
    """What the store's writer answers for `sent` taken as one batch (one transaction),
    as it takes the submissions that wait together under load."""
    answer: Future[Stored] = Future()  # unused: the batch's outcomes are returned
    return list(store._commit([(s, targets, answer) for s in sent]))  # type: ignore[attr-defined]


def test_one_batch_keeps_each_key_once_and_answers_its_repeats_with_the_first(db: str) -> None:
    store = open_store(db)
    try:
        first, other, conflict, repeat = one_batch(
            store,
            [submission("k1"), submission("k2"), submission("k1", "Bob"), submission("k1")],
            ["contact:webhook"],
        )
        assert isinstance(first, Stored) and isinstance(other, Stored)
        assert (first.first, other.first, first.digest) == (True, True, "d-Ann")
        # Bob's data under Ann's key: answered with the first's digest (the app refuses it)
        assert conflict == Stored(first.id, False, "d-Ann", first.received_at)
        assert repeat == Stored(first.id, False, "d-Ann", first.received_at)
        assert [r.key for r in store.rows()] == ["k1", "k2"]
        assert store.counts() == {"submissions": 2, "notifications_pending": 2}
        # the next batch finds them kept
        assert one_batch(store, [submission("k2")], ["contact:webhook"]) == [
            Stored(other.id, False, "d-Ann", other.received_at)
        ]
    finally:
        store.close()


def test_a_vote_and_its_comment_in_one_batch_complete_one_row(db: str) -> None:
    vote = dataclasses.replace(submission("v"), data={"rating": 1}, completes="comment")
    comment = dataclasses.replace(
        vote, digest="d-comment", data={"rating": 1, "comment": "unclear"}
    )
    store = open_store(db)
    try:
        sent = [vote, comment, dataclasses.replace(vote)]  # the vote sent again, after
        kept, completed, again = one_batch(store, sent, ["feedback:webhook"])
        assert isinstance(kept, Stored) and kept.first
        assert completed == Stored(kept.id, False, "d-comment", kept.received_at, True)
        # a repeat of the part before the comment came: the same submission
        assert again == Stored(kept.id, False, "d-Ann", kept.received_at)
        [row] = list(store.rows())
        assert row.data == {"rating": 1, "comment": "unclear"}
    finally:
        store.close()


@pytest.fixture
def postgres(tmp_path: Path) -> Iterator[str]:
    yield from database("postgres", tmp_path)


def test_postgres_refuses_a_submission_it_cannot_hold_alone_not_its_batch(postgres: str) -> None:
    """PostgreSQL's text cannot hold a NUL character: the batch is kept again one
    submission at a time, so the others in it are kept and only that one is refused."""
    import psycopg

    store = open_store(postgres)
    try:
        nul = dataclasses.replace(submission("bad"), page_url="/\x00/")
        good, refused, other = one_batch(store, [submission("a"), nul, submission("b")], [])
        assert isinstance(good, Stored) and isinstance(other, Stored)
        assert isinstance(refused, psycopg.DataError)
        assert [r.key for r in store.rows()] == ["a", "b"]
    finally:
        store.close()


def test_postgres_commits_durably_even_where_the_server_says_not_to(postgres: str) -> None:
    """A server (or a URL) with `synchronous_commit = off` answers a commit before its
    WAL is on disk: the store's connections set it on, so a 2xx still means kept."""
    separator = "&" if "?" in postgres else "?"
    store = open_store(f"{postgres}{separator}options=-c%20synchronous_commit%3Doff")
    try:
        with store._pool.connection() as db:  # type: ignore[attr-defined]
            assert db.execute("SHOW synchronous_commit").fetchone() == ("on",)
    finally:
        store.close()


def test_a_claimed_notification_is_not_claimed_again_until_its_lease_ends(db: str) -> None:
    a, b = open_store(db), open_store(db)
    try:
        a.submit(submission("k"), ["contact:webhook", "contact:apprise[0]"])
        claimed = a.claim(now=100.0, lease=60, limit=10)
        assert sorted(j.target for j in claimed) == ["contact:apprise[0]", "contact:webhook"]
        assert b.claim(now=150.0, lease=60, limit=10) == []
        a.delivered(claimed[0].id, 120.0)
        a.retry(claimed[1].id, "HTTP 503", next_at=170.0)
        [due] = b.claim(now=170.0, lease=60, limit=10)
        assert (due.id, due.attempts) == (claimed[1].id, 1)
        b.retry(due.id, "HTTP 503", next_at=None)
        assert b.claim(now=10_000.0, lease=60, limit=10) == []
        assert a.counts() == {
            "submissions": 1,
            "notifications_delivered": 1,
            "notifications_failed": 1,
        }
    finally:
        a.close()
        b.close()


def test_sqlite_checkpoints_the_wal_into_the_database_file_outside_the_commits(
    tmp_path: Path,
) -> None:
    """The WAL is copied back into the database file by the store's own checkpointer
    (SQLite's automatic one ran inside a commit, whose answer waited for it). A read
    that ignores the WAL (`immutable=1`) sees the rows once it has run; SQLite's own
    would not have run at all for so few pages."""
    import sqlite3
    import time

    path = tmp_path / "kept.sqlite3"
    store = open_store(str(path))
    try:
        for i in range(300):
            store.submit(submission(f"k{i}"), [])
        assert store.counts()["submissions"] == 300
        seen, deadline = 0, time.monotonic() + 10
        while seen < 300 and time.monotonic() < deadline:
            time.sleep(0.1)
            file_only = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
            try:
                seen = file_only.execute(f"SELECT count(*) FROM {SUBMISSIONS}").fetchone()[0]
            except sqlite3.DatabaseError:
                seen = 0  # the file has no table yet: it is all in the WAL
            finally:
                file_only.close()
        assert seen == 300
        # the writer's connection no longer checkpoints by itself
        probe = sqlite3.connect(str(path))
        try:
            assert probe.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            probe.close()
    finally:
        store.close()
    assert not (tmp_path / "kept.sqlite3-wal").exists()  # the last close took it in
