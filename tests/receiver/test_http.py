"""The receiver over real HTTP on 127.0.0.1, with a real SQLite file: what it keeps,
what it refuses and how it says so."""

from __future__ import annotations

import json
import logging
import re
import threading
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from receiver_support import CONTACT, SITE_ORIGIN, Running, start
from support import site_config, write_site

from mkdocs_chatspark.messages import CATALOG
from mkdocs_chatspark.receiver.store import SQLiteStore

GOOD = {"name": "Ann", "email": "ann@example.com", "seats": 5, "campaign": "spring"}


def post(
    running: Running,
    data: Any,
    *,
    key: Any = None,
    action: str = "contact",
    origin: str = SITE_ORIGIN,
    **extra: Any,
) -> httpx.Response:
    body = {"actionId": action, "data": data, "page": {"url": "/pricing/"}, **extra}
    headers = {"Content-Type": "application/json", "Origin": origin}
    headers["Idempotency-Key"] = key if key is not None else str(uuid.uuid4())
    return httpx.post(running.url + "/hooks/contact", content=json.dumps(body), headers=headers)


def kept(running: Running) -> list[Any]:
    return list(running.store.rows())


def test_a_valid_submission_is_kept_and_answered_200(running: Running) -> None:
    answer = post(running, GOOD, key="k-1")
    assert answer.status_code == 200, answer.text
    assert answer.json()["ok"] is True
    assert answer.headers["access-control-allow-origin"] == SITE_ORIGIN
    [row] = kept(running)
    assert (row.action, row.key, row.data, row.page_url) == ("contact", "k-1", GOOD, "/pricing/")


def test_a_repeat_returns_the_first_answer_and_keeps_nothing_new(running: Running) -> None:
    first = post(running, GOOD, key="same")
    again = post(running, GOOD, key="same")
    assert again.status_code == 200
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert len(kept(running)) == 1


def test_repeats_at_the_same_moment_on_many_connections_keep_one(running: Running) -> None:
    answers: list[httpx.Response] = []
    barrier = threading.Barrier(16)

    def send() -> None:
        barrier.wait()
        answers.append(post(running, GOOD, key="together"))

    threads = [threading.Thread(target=send) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [200] * 16
    assert len({a.json()["id"] for a in answers}) == 1
    assert len(kept(running)) == 1


def test_a_key_sent_again_with_other_data_is_refused(running: Running) -> None:
    assert post(running, GOOD, key="k").status_code == 200
    other = post(running, {**GOOD, "name": "Bob"}, key="k")
    assert other.status_code == 422
    assert other.json()["error"] == "idempotency_key_reused"
    assert [r.data["name"] for r in kept(running)] == ["Ann"]


def test_the_same_key_for_two_actions_is_two_submissions(running: Running) -> None:
    assert post(running, GOOD, key="shared").status_code == 200
    body = "_actionId=newsletter&email=a%40b.co&_submissionId=shared&_gotcha="
    answer = httpx.post(
        running.url,
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": SITE_ORIGIN},
    )
    assert answer.status_code == 200, answer.text
    assert sorted(r.action for r in kept(running)) == ["contact", "newsletter"]


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({"email": "ann@example.com", "campaign": "spring"}, {"name": "This field is required."}),
        (
            {**GOOD, "email": "ann"},
            {"email": "Enter a valid email address, like name@example.com."},
        ),
        ({**GOOD, "name": "x" * 21}, {"name": "Use at most 20 characters."}),
        ({**GOOD, "seats": "5"}, {"seats": "Enter a number."}),
        ({**GOOD, "seats": 0}, {"seats": "Enter 1 or more."}),
        ({**GOOD, "seats": 2.5}, {"seats": "Use steps of 1."}),
        ({**GOOD, "plan": "Gold"}, {"plan": "Choose one of the options."}),
        ({**GOOD, "topics": "SSO"}, {"topics": "Choose one of the options."}),
        ({**GOOD, "topics": ["SSO", "SSO"]}, {"topics": "Choose one of the options."}),
        ({**GOOD, "start": "2025-12-31"}, {"start": "Choose 2026-01-01 or later."}),
        ({**GOOD, "start": "2026-02-30"}, {"start": "Enter a date."}),
        ({**GOOD, "news": "yes"}, {"news": "must be true or false"}),
        ({**GOOD, "code": "ab-123"}, {"code": "Two capitals, a dash, three digits"}),
        ({**GOOD, "campaign": "autumn"}, {"campaign": "is not the value this form sends"}),
        ({**GOOD, "admin": True}, {"admin": "is not a field of this form"}),
        (
            {"name": 7, "email": ["a"], "campaign": "spring"},
            {"name": "must be text", "email": "must be text"},
        ),
    ],
)
def test_a_bad_field_gets_422_naming_each_field(
    running: Running, data: dict[str, Any], fields: dict[str, str]
) -> None:
    answer = post(running, data)
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"] == "invalid_fields"
    assert body["fields"] == fields
    assert kept(running) == []


def test_patterns_follow_the_browser_not_python(running: Running) -> None:
    """`\\d` is ASCII digits in JavaScript, any Unicode digit in Python's re: Arabic-Indic
    digits pass Python's `re.fullmatch` and fail the browser, so they fail here."""
    assert re.fullmatch(r"[A-Z]{2}-\d{3}", "AB-١٢٣")
    answer = post(running, {**GOOD, "code": "AB-١٢٣"})
    assert answer.status_code == 422
    assert answer.json()["fields"] == {"code": "Two capitals, a dash, three digits"}


def test_a_valid_form_with_every_type_is_kept_typed(running: Running) -> None:
    data = {
        **GOOD,
        "plan": "Team",
        "topics": ["SSO", "Billing"],
        "start": "2026-03-01",
        "news": True,
        "code": "AB-123",
    }
    assert post(running, data).status_code == 200
    assert kept(running)[0].data == data


def test_an_urlencoded_form_is_typed_by_its_fields(running: Running) -> None:
    fields = "email=z%40y.io"
    meta = "_actionId=newsletter&_pageUrl=%2Fblog%2F&_submissionId=s-1&_gotcha="
    answer = httpx.post(
        running.url + "/hooks/newsletter",
        content=f"{fields}&{meta}",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": SITE_ORIGIN},
    )
    assert answer.status_code == 200, answer.text
    [row] = kept(running)
    assert (row.key, row.data, row.page_url) == ("s-1", {"email": "z@y.io"}, "/blog/")


def test_a_filled_honeypot_is_answered_200_and_not_kept(running: Running) -> None:
    body = "email=z%40y.io&_actionId=newsletter&_submissionId=s-2&_gotcha=buy+pills"
    answer = httpx.post(
        running.url,
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": SITE_ORIGIN},
    )
    assert answer.status_code == 200
    assert kept(running) == []


@pytest.mark.parametrize(
    ("content", "headers", "status", "error"),
    [
        (b"{not json", {}, 400, "malformed_json"),
        (b"[1, 2]", {}, 400, "malformed_json"),
        (b"[" * 50_000 + b"]" * 50_000, {}, 413, "too_large"),
        (b"[" * 30_000 + b"]" * 30_000, {}, 400, "malformed_json"),
        (b"\xff\xfe", {}, 400, "malformed_json"),
        (b'{"actionId": "nope", "data": {}}', {}, 422, "unknown_action"),
        (b'{"data": {}}', {}, 400, "unknown_action"),
        (b'{"actionId": "contact", "data": []}', {}, 422, "invalid_data"),
        (
            b'{"actionId": "contact", "data": {}}',
            {"Idempotency-Key": ""},
            400,
            "missing_idempotency_key",
        ),
        (
            b'{"actionId": "contact", "data": {}}',
            {"Idempotency-Key": "a b"},
            400,
            "invalid_idempotency_key",
        ),
        (
            b'{"actionId": "contact", "data": {}}',
            {"Idempotency-Key": "k" * 201},
            400,
            "invalid_idempotency_key",
        ),
        (b"x", {"Content-Type": "text/plain"}, 415, "unsupported_media_type"),
        (b"x", {"Content-Type": "multipart/form-data; boundary=x"}, 415, "unsupported_media_type"),
    ],
)
def test_bad_requests_get_a_clear_json_refusal(
    running: Running, content: bytes, headers: dict[str, str], status: int, error: str
) -> None:
    sent = {"Content-Type": "application/json", "Idempotency-Key": "k-bad", **headers}
    if sent.get("Idempotency-Key") == "":
        del sent["Idempotency-Key"]
    answer = httpx.post(running.url, content=content, headers=sent)
    assert answer.status_code == status, answer.text
    assert answer.json()["error"] == error
    assert answer.json()["ok"] is False
    assert kept(running) == []
    assert httpx.get(running.url + "/healthz").json()["ok"] is True


def test_a_body_over_the_limit_gets_413_whatever_its_declared_length(running: Running) -> None:
    def chunks() -> Any:
        for _ in range(100):
            yield b" " * 1024

    answer = httpx.post(running.url, content=chunks(), headers={"Content-Type": "application/json"})
    assert answer.status_code == 413


def test_cors_lets_in_the_site_and_refuses_others(running: Running) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, idempotency-key",
    }
    ok = httpx.options(running.url + "/hooks/contact", headers={"Origin": SITE_ORIGIN, **preflight})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == SITE_ORIGIN
    assert "idempotency-key" in ok.headers["access-control-allow-headers"].lower()
    refused = httpx.options(running.url, headers={"Origin": "https://evil.example", **preflight})
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    # A simple (urlencoded) post needs no preflight: the origin is checked on the post.
    answer = post(running, GOOD, origin="https://evil.example")
    assert answer.status_code == 403
    assert kept(running) == []


def test_a_flood_from_one_address_gets_429_with_retry_after(
    config_file: Path, tmp_path: Path
) -> None:
    running = start(config_file, str(tmp_path / "rate.sqlite3"), rate=6)
    try:
        answers = [post(running, GOOD) for _ in range(12)]
    finally:
        running.stop()
    statuses = [a.status_code for a in answers]
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429, 429]
    assert int(answers[-1].headers["retry-after"]) >= 1
    assert "retry-after" in answers[-1].headers["access-control-expose-headers"].lower()


def test_the_rate_limit_is_per_process_as_the_docs_size_it(
    config_file: Path, tmp_path: Path
) -> None:
    """Two receivers on one database each let an address through for its own burst:
    N instances behind a balancer that spreads one address let in up to N bursts
    (receiver.md, "Several instances", says so and how to size --rate)."""
    db = str(tmp_path / "shared.sqlite3")
    receivers = [start(config_file, db, rate=6), start(config_file, db, rate=6)]
    try:
        statuses = [[post(r, GOOD).status_code for _ in range(11)] for r in receivers]
    finally:
        for r in receivers:
            r.stop()
    assert statuses == [[200] * 10 + [429]] * 2
    assert len(kept_in(db)) == 20


def kept_in(db: str) -> list[Any]:
    store = SQLiteStore(db)
    try:
        return list(store.rows())
    finally:
        store.close()


def test_no_field_value_reaches_the_log(running: Running, caplog: pytest.LogCaptureFixture) -> None:
    secret = "Zebra-Quartz-4417"
    with caplog.at_level(logging.DEBUG):
        post(running, {**GOOD, "name": secret[:20]})
        post(running, {**GOOD, "email": secret})
        post(running, {**GOOD, "code": secret})
    assert caplog.records, "the receiver logs what it does"
    assert secret[:12] not in caplog.text


def test_healthz_says_what_it_serves(running: Running) -> None:
    post(running, GOOD)
    health = httpx.get(running.url + "/healthz").json()
    assert health == {"ok": True, "actions": ["contact", "newsletter"], "submissions": 1}


@pytest.mark.parametrize(
    ("theme", "code"),
    [
        ({"name": "material", "language": "fr"}, "fr"),
        ({"name": "material", "language": "pt-BR"}, "pt"),
        ({"name": "mkdocs", "locale": "de"}, "de"),
        ({"name": "material", "language": "ja"}, "ja"),
        ({"name": "material", "language": "zh"}, "zh"),
        ({"name": "material", "language": "es"}, "es"),
        ({"name": "material", "language": "ko"}, "en"),  # no catalog: the English one
    ],
)
def test_field_problems_are_in_the_sites_language(
    tmp_path: Path, theme: dict[str, Any], code: str
) -> None:
    """theme.language (or the mkdocs themes' locale) picks the widget's own words."""
    config = site_config({"actions": [CONTACT]}, site_url=SITE_ORIGIN + "/")
    config["theme"] = {**theme, "font": False} if theme["name"] == "material" else theme
    running = start(write_site(tmp_path / "site", config, {"index.md": "# A\n"}), ":memory:")
    try:
        answer = post(
            running, {"email": "ann", "seats": 0, "name": "x" * 21, "x": 1, "campaign": "spring"}
        )
    finally:
        running.stop()
    words = CATALOG[code]
    assert answer.status_code == 422
    assert answer.json()["message"] == words["fix"]
    assert answer.json()["fields"] == {
        "name": words["too_long"].replace("{n}", "20"),
        "email": words["email"],
        "seats": words["too_small"].replace("{n}", "1"),
        "x": "is not a field of this form",  # only a script sends it: English
    }


def test_the_authors_messages_replace_the_catalogs(tmp_path: Path) -> None:
    config = site_config(
        {"actions": [CONTACT], "messages": {"required": "Bitte ausfüllen.", "too_small": "≥ {n}"}},
        site_url=SITE_ORIGIN + "/",
        theme="material",
    )
    config["theme"]["language"] = "de"
    running = start(write_site(tmp_path / "site", config, {"index.md": "# A\n"}), ":memory:")
    try:
        answer = post(running, {"email": "ann@example.com", "seats": 0, "campaign": "spring"})
    finally:
        running.stop()
    assert answer.json()["fields"] == {"name": "Bitte ausfüllen.", "seats": "≥ 1"}
    assert answer.json()["message"] == CATALOG["de"]["fix"]


@pytest.mark.parametrize(
    ("step", "minimum", "maximum", "sent", "told"),
    [
        (2, 1, 500, 4, "Enter 3 or 5."),  # fields.js offStep: the two nearest
        (5, 1, 100, 10, "Enter 6 or 11."),
        (5, 0, 100, 12, "Use steps of 5."),  # counted from 0: told as a step
        (5, 1, 8, 7, "Enter 6 or less."),  # the higher one is past max
        (0.5, 0, 10, 0.3, "Use steps of 0.5."),
    ],
)
def test_a_number_off_its_step_is_told_as_the_widget_tells_it(
    tmp_path: Path, step: float, minimum: float, maximum: float, sent: float, told: str
) -> None:
    action = {
        **CONTACT,
        "fields": [
            {
                "key": "n",
                "label": "N",
                "type": "number",
                "min": minimum,
                "max": maximum,
                "step": step,
            }
        ],
    }
    config = site_config({"actions": [action]}, site_url=SITE_ORIGIN + "/")
    running = start(write_site(tmp_path / "site", config, {"index.md": "# A\n"}), ":memory:")
    try:
        answer = post(running, {"n": sent})
    finally:
        running.stop()
    assert answer.json()["fields"] == {"n": told}
