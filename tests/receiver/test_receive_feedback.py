"""Page feedback, the Ask box's hand-off and corrections, at the real receiver (HTTP on
127.0.0.1, SQLite always, PostgreSQL under scripts/with-postgres): one row per vote,
which its comment completes; the question a form was handed and the submission a
correction replaces, kept and exported."""

from __future__ import annotations

import argparse
import csv
import io
import json
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from receiver_support import (
    CONTACT,
    NEWSLETTER,
    SITE_ORIGIN,
    Running,
    Target,
    database,
    start,
    wait_for,
)
from support import site_config, write_site

from mkdocs_chatspark.receiver import cli
from mkdocs_chatspark.receiver.notify import Targets, WebhookTarget, message
from mkdocs_chatspark.receiver.store import Row

VOTE = {"rating": 1, "path": "/guide/", "title": "Guide", "language": "en"}
COMMENT = {**VOTE, "comment": "The install step lacks the pip command."}


def write_feedback_site(root: Path, feedback: Any = True) -> Path:
    plugin: dict[str, Any] = {"actions": [CONTACT, NEWSLETTER]}
    if feedback is True:
        plugin["feedback"] = {"webhook": "http://127.0.0.1:9/hooks/feedback"}
    elif feedback:
        plugin["feedback"] = feedback
    config = site_config(plugin, site_url=SITE_ORIGIN + "/docs/")
    return write_site(root, config, {"index.md": "# Home\n", "guide.md": "# Guide\n"})


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from database(request.param, tmp_path)


@pytest.fixture
def receiver(tmp_path: Path, db: str) -> Iterator[Running]:
    running = start(write_feedback_site(tmp_path / "site"), db)
    yield running
    running.stop()


def vote(running: Running, data: Any, key: str, **extra: Any) -> httpx.Response:
    body = {
        "actionId": "feedback",
        "actionType": "feedback",
        "data": data,
        "page": {"url": SITE_ORIGIN + "/docs/guide/", "title": "Guide"},
        "submissionId": key,
        "submittedAt": "2026-12-02T10:00:00.000Z",
        **extra,
    }
    headers = {"Content-Type": "application/json", "Origin": SITE_ORIGIN, "Idempotency-Key": key}
    return httpx.post(running.url + "/hooks/feedback", content=json.dumps(body), headers=headers)


def form_post(running: Running, pairs: list[tuple[str, str]], path: str) -> httpx.Response:
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": SITE_ORIGIN}
    return httpx.post(running.url + path, content=urlencode(pairs), headers=headers)


def form_vote(running: Running, data: dict[str, Any], key: str) -> httpx.Response:
    pairs = [(k, str(v)) for k, v in data.items()] + [
        ("_actionId", "feedback"),
        ("_actionType", "feedback"),
        ("_pageUrl", SITE_ORIGIN + "/docs/guide/"),
        ("_pageTitle", "Guide"),
        ("_submissionId", key),
        ("_submittedAt", "2026-12-02T10:00:00.000Z"),
    ]
    return form_post(running, pairs, "/hooks/feedback")


def contact(running: Running, key: str, **extra: Any) -> httpx.Response:
    body = {
        "actionId": "contact",
        "actionType": "form",
        "data": {"name": "Ann", "email": "ann@example.com", "campaign": "spring"},
        "submissionId": key,
        **extra,
    }
    body.setdefault("page", {"url": SITE_ORIGIN + "/docs/"})
    headers = {"Content-Type": "application/json", "Origin": SITE_ORIGIN, "Idempotency-Key": key}
    return httpx.post(running.url + "/hooks/contact", content=json.dumps(body), headers=headers)


def newsletter(running: Running, key: str, extra: list[tuple[str, str]]) -> httpx.Response:
    pairs = [
        ("email", "bo@example.com"),
        ("_actionId", "newsletter"),
        ("_actionType", "form"),
        ("_pageUrl", SITE_ORIGIN + "/docs/"),
        ("_pageTitle", "Home"),
        *extra,
        ("_submissionId", key),
        ("_gotcha", ""),
    ]
    return form_post(running, pairs, "/hooks/newsletter")


def export(running: Running, db: str, fmt: str = "csv") -> str:
    out = io.StringIO()
    args = argparse.Namespace(config=str(running.config_file), db=db, format=fmt, action=None)
    assert cli.export(args, out) == 0
    return out.getvalue()


# --- page feedback ------------------------------------------------------------------


def test_a_vote_then_its_comment_make_one_row_with_the_comment(receiver: Running) -> None:
    first = vote(receiver, VOTE, "view-1")
    assert first.status_code == 200, first.text
    second = vote(receiver, COMMENT, "view-1")
    assert second.status_code == 200, second.text
    assert second.json() == first.json()
    assert "idempotent-replayed" not in second.headers
    [row] = receiver.store.rows()
    assert (row.action, row.key, row.data) == ("feedback", "view-1", COMMENT)
    assert row.page_url == SITE_ORIGIN + "/docs/guide/"


def test_repeats_of_the_vote_or_the_comment_keep_nothing_new(receiver: Running) -> None:
    first = vote(receiver, VOTE, "view-2")
    again = vote(receiver, VOTE, "view-2")
    assert again.headers["idempotent-replayed"] == "true"
    assert vote(receiver, COMMENT, "view-2").status_code == 200
    for data in (COMMENT, VOTE):  # the comment again; the vote arriving late
        answer = vote(receiver, data, "view-2")
        assert answer.status_code == 200, answer.text
        assert answer.json() == first.json()
        assert answer.headers["idempotent-replayed"] == "true"
    [row] = receiver.store.rows()
    assert row.data == COMMENT


@pytest.mark.parametrize(
    "then",
    [
        {**COMMENT, "comment": "Another comment"},
        {**VOTE, "rating": 0},
        {**COMMENT, "path": "/other/"},
    ],
    ids=["other-comment", "other-rating", "other-page"],
)
def test_anything_but_the_comment_with_a_vote_key_is_refused(
    receiver: Running, then: dict[str, Any]
) -> None:
    assert vote(receiver, VOTE, "view-3").status_code == 200
    assert vote(receiver, COMMENT, "view-3").status_code == 200
    answer = vote(receiver, then, "view-3")
    assert answer.status_code == 422
    assert answer.json()["error"] == "idempotency_key_reused"
    [row] = receiver.store.rows()
    assert row.data == COMMENT


def test_a_comment_that_arrives_first_is_kept_and_its_vote_is_a_repeat(
    receiver: Running,
) -> None:
    assert vote(receiver, COMMENT, "view-4").status_code == 200
    late = vote(receiver, VOTE, "view-4")
    assert late.status_code == 200 and late.headers["idempotent-replayed"] == "true"
    assert vote(receiver, {**VOTE, "rating": 0}, "view-4").status_code == 422
    [row] = receiver.store.rows()
    assert row.data == COMMENT


def test_votes_in_the_form_format_are_kept_and_completed(receiver: Running) -> None:
    assert form_vote(receiver, VOTE, "view-5").status_code == 200
    answer = form_vote(receiver, COMMENT, "view-5")
    assert answer.status_code == 200, answer.text
    [row] = receiver.store.rows()
    assert row.data == COMMENT  # "1" read back as the number 1, as parse_vote does


@pytest.mark.parametrize(
    ("data", "said"),
    [
        ({**VOTE, "path": "guide/"}, "data.path: expected a path from the site root"),
        ({**VOTE, "email": "x@example.com"}, "data.email: not a key of a vote"),
        ({k: v for k, v in VOTE.items() if k != "rating"}, "data.rating: missing"),
        ({**VOTE, "comment": "x" * 2001}, "data.comment: longer than 2000 characters"),
    ],
)
def test_a_vote_that_is_not_one_is_refused_with_the_key_path(
    receiver: Running, data: dict[str, Any], said: str
) -> None:
    answer = vote(receiver, data, str(uuid.uuid4()))
    assert answer.status_code == 422
    assert answer.json()["error"] == "invalid_vote"
    assert answer.json()["message"].startswith(said)
    assert list(receiver.store.rows()) == []


def test_a_site_whose_votes_go_elsewhere_takes_none(tmp_path: Path) -> None:
    config = write_feedback_site(tmp_path / "site", {"url": "mailto:docs@example.com"})
    running = start(config, str(tmp_path / "kept.sqlite3"))
    try:
        answer = vote(running, VOTE, "view-6")
    finally:
        running.stop()
    assert answer.status_code == 422
    assert answer.json()["error"] == "unknown_action"


def test_votes_and_comments_at_the_same_moment_keep_one_row_with_the_comment(
    tmp_path: Path, db: str
) -> None:
    # Two receivers on one database (two processes' worth of connections).
    config = write_feedback_site(tmp_path / "site")
    receivers = [start(config, db), start(config, db)]
    answers: list[httpx.Response] = []
    barrier = threading.Barrier(16)

    def send(i: int) -> None:
        barrier.wait()
        answers.append(vote(receivers[i % 2], COMMENT if i % 4 < 2 else VOTE, "together"))

    threads = [threading.Thread(target=send, args=(i,)) for i in range(16)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        rows = list(receivers[0].store.rows())
    finally:
        for r in receivers:
            r.stop()
    assert [a.status_code for a in answers] == [200] * 16, [a.text for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    assert [(r.key, r.data) for r in rows] == [("together", COMMENT)]


def test_a_vote_is_notified_once_and_its_comment_once_more(tmp_path: Path, db: str) -> None:
    target = Target()
    targets = Targets({"feedback:webhook": WebhookTarget(target.url + "/crm", "s3cret-value")})
    running = start(write_feedback_site(tmp_path / "site"), db, targets=targets, base_delay=0.1)
    try:
        assert vote(running, VOTE, "view-7").status_code == 200
        assert vote(running, VOTE, "view-7").status_code == 200
        assert wait_for(lambda: running.store.counts().get("notifications_delivered") == 1)
        assert vote(running, COMMENT, "view-7").status_code == 200
        assert vote(running, COMMENT, "view-7").status_code == 200
        assert wait_for(lambda: len(target.received) >= 2)
        assert wait_for(lambda: running.store.counts().get("notifications_delivered") == 1)
        assert running.store.counts().get("notifications_pending") is None
    finally:
        running.stop()
        target.stop()
    bodies = [json.loads(body) for _, body in target.received]
    assert [b["data"] for b in bodies] == [VOTE, COMMENT]
    keys = [headers["Idempotency-Key"] for headers, _ in target.received]
    assert keys == ["feedback:view-7", "feedback:view-7:comment"]


# --- the Ask box's hand-off and corrections -------------------------------------------


def test_a_handed_off_question_is_kept_bounded_and_exported(receiver: Running, db: str) -> None:
    asked = {"question": "what does a zeppelin ticket cost?", "pages": ["https://d.example/a/"]}
    page = {"url": SITE_ORIGIN + "/docs/", "title": "Home", "asked": asked}
    assert contact(receiver, "c-1", page=page).status_code == 200
    huge = {"question": "q" * 5000, "pages": [f"https://d.example/{i}/" for i in range(100)]}
    assert contact(receiver, "c-2", page={**page, "asked": huge}).status_code == 200
    rows = list(receiver.store.rows())
    assert rows[0].meta["page"]["asked"] == asked
    kept = rows[1].meta["page"]["asked"]
    assert (len(kept["question"]), len(kept["pages"])) == (2000, 20)
    [first, _] = csv.DictReader(io.StringIO(export(receiver, db)))
    assert first["_question"] == asked["question"]
    assert first["_pages"] == "https://d.example/a/"
    record = json.loads(export(receiver, db, "jsonl").splitlines()[0])
    assert record["asked"] == asked


def test_a_handed_off_question_in_the_form_format_is_kept(receiver: Running, db: str) -> None:
    extra = [("_question", "is there a student price?"), ("_pages", "https://a/ https://b/")]
    answer = newsletter(receiver, "n-1", extra)
    assert answer.status_code == 200, answer.text
    [row] = receiver.store.rows()
    assert row.data == {"email": "bo@example.com"}
    expected = {"question": "is there a student price?", "pages": ["https://a/", "https://b/"]}
    assert row.meta["page"]["asked"] == expected
    [exported] = csv.DictReader(io.StringIO(export(receiver, db)))
    assert exported["_question"] == "is there a student price?"


def test_a_correction_names_what_it_replaces_in_the_row_and_the_export(
    receiver: Running, db: str
) -> None:
    assert contact(receiver, "first-try").status_code == 200
    assert contact(receiver, "second-try", replaces="first-try").status_code == 200
    assert newsletter(receiver, "n-2", [("_replaces", "n-1")]).status_code == 200
    rows = {r.key: r for r in receiver.store.rows()}
    assert rows["second-try"].meta["replaces"] == "first-try"
    assert rows["n-2"].meta["replaces"] == "n-1"
    exported = {r["submission_id"]: r for r in csv.DictReader(io.StringIO(export(receiver, db)))}
    assert exported["second-try"]["_replaces"] == "first-try"
    assert exported["first-try"]["_replaced_by"] == "second-try"
    assert exported["n-2"]["_replaces"] == "n-1"  # the one it replaces never came
    records = [json.loads(line) for line in export(receiver, db, "jsonl").splitlines()]
    assert records[0]["replacedBy"] == "second-try"
    assert records[1]["replaces"] == "first-try"


def test_a_replaces_that_names_no_submission_is_refused(receiver: Running) -> None:
    answer = contact(receiver, "k-9", replaces=["not", "an", "id"])
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_replaces"
    assert answer.json()["message"].startswith("`replaces` names the submission")


def test_a_chat_message_says_correction_and_the_question() -> None:
    row = Row(
        1,
        "contact",
        "k2",
        "2026-12-02T10:00:00.000+00:00",
        "/docs/",
        {"name": "Ann"},
        {
            "page": {"url": "/docs/", "asked": {"question": "price?", "pages": ["/p/"]}},
            "replaces": "k1",
        },
    )
    title, body = message(row, {"name": "Name"})
    assert title == "Correction to a contact submission"
    assert "Asked first: price?" in body and "Replaces submission: k1" in body
    vote_row = Row(2, "feedback", "v", "2026-12-02T10:00:00.000+00:00", "/", COMMENT, {})
    assert message(vote_row, {})[0] == "Comment on a page: Guide"
