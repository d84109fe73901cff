"""`chatspark-receiver` as an author runs it: a process, its output, its exit status."""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from receiver_support import CONTACT, SITE_ORIGIN, write_receiver_site
from support import ROOT

from mkdocs_chatspark.receiver import cli

RECEIVER = [sys.executable, "-m", "mkdocs_chatspark", "receive"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*RECEIVER, *args], capture_output=True, text=True, timeout=60, env=env)


def refused(result: subprocess.CompletedProcess[str], status: int = 2) -> str:
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize(
    ("mkdocs_yml", "message"),
    [
        ("site_name: x\nplugins: [\n", "mkdocs.yml:3: not valid YAML"),
        ("- a list\n", "mkdocs.yml: expected a mapping of settings, found a list"),
        ("site_name: x\nplugins: [search]\n", "mkdocs.yml: plugins: no `chatspark` plugin"),
        (
            "site_name: x\nplugins:\n  - chatspark:\n      actions:\n        - {id: a, type: form, label: A, webhook: 'https://x.example/h', fields: [{key: e, type: emial}]}\n",
            "mkdocs.yml:5: actions[0].fields[0].type: 'emial' is not one of: text, email",
        ),
        (
            "site_name: x\nplugins:\n  - chatspark:\n      position: top\n",
            "mkdocs.yml:4: position: 'top' is not one of: right, left",
        ),
        (
            "site_name: x\nplugins:\n  - chatspark: {}\n",
            "mkdocs.yml: no action has a webhook; there is nothing to receive",
        ),
        ("site_name: x\nsite_url: !ENV NOT_SET_ANYWHERE\nplugins: [chatspark]\n", "mkdocs.yml: "),
    ],
)
def test_a_broken_mkdocs_yml_stops_it_with_the_builds_message(
    tmp_path: Path, mkdocs_yml: str, message: str
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    stderr = refused(run("--config", str(tmp_path / "mkdocs.yml"), "--port", "0"))
    assert message in stderr


def test_broken_front_matter_is_named_by_file_and_key(tmp_path: Path) -> None:
    page = "---\nchatspark:\n  actions:\n    - {id: b, type: form, label: B, webhook: 'https://x.example/h', fields: []}\n---\n# B\n"
    config = write_receiver_site(tmp_path, pages={"index.md": "# A\n", "forms/b.md": page})
    stderr = refused(run("--config", str(config), "--port", "0"))
    assert "docs/forms/b.md: chatspark.actions[0].fields: is empty" in stderr


def test_public_url_serves_only_the_actions_whose_webhook_points_at_it(tmp_path: Path) -> None:
    config = write_receiver_site(tmp_path)  # both webhooks are http://127.0.0.1:9/hooks/...
    stderr = refused(
        run("--config", str(config), "--port", "0", "--public-url", "https://forms.example.com")
    )
    assert (
        "no action's webhook is under https://forms.example.com; the webhooks are: http://127.0.0.1:9/hooks/contact, http://127.0.0.1:9/hooks/newsletter"
        in stderr
    )


def test_a_missing_config_file_is_named(tmp_path: Path) -> None:
    stderr = refused(run("--config", str(tmp_path / "nope.yml")))
    assert "nope.yml: cannot read it: No such file or directory" in stderr


def test_a_port_in_use_is_said_plainly(tmp_path: Path) -> None:
    config = write_receiver_site(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        stderr = refused(
            run("--config", str(config), "--port", str(port), "--db", str(tmp_path / "x.db"))
        )
    assert f"127.0.0.1:{port} is in use by another program" in stderr


def test_scripts_serve_says_plainly_that_its_port_is_taken() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            ["bash", str(ROOT / "scripts" / "serve")],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "SERVE_PORT": str(port)},
        )
    assert result.returncode == 1
    assert f"error: 127.0.0.1:{port} is in use by another program" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_database_it_cannot_open_is_named(tmp_path: Path) -> None:
    config = write_receiver_site(tmp_path)
    (tmp_path / "file").write_text("", encoding="utf-8")
    stderr = refused(
        run("--config", str(config), "--port", "0", "--db", str(tmp_path / "file" / "x.db")), 1
    )
    assert "cannot open the database" in stderr


def test_export_from_a_database_that_is_not_there_says_so_and_makes_none(
    tmp_path: Path,
) -> None:
    """A mistyped --db made an empty SQLite file and exported a header alone: no
    submissions, and no word that the file was the wrong one."""
    config = write_receiver_site(tmp_path)
    db = tmp_path / "chatspark-submisions.sqlite3"
    stderr = refused(run("export", "--config", str(config), "--db", str(db)), 1)
    assert f"error: {db}: no such database file" in stderr
    assert not db.exists()


def test_export_of_an_action_the_site_has_not_says_which_it_has(
    process: tuple[str, Path, Path],
) -> None:
    """`--action contcat` exported a header alone, as for an action with no submission yet."""
    url, config, db = process
    assert httpx.get(url + "/healthz").status_code == 200  # the database is made
    stderr = refused(run("export", "--config", str(config), "--db", str(db), "--action", "contcat"))
    assert (
        "error: --action: 'contcat' is not an action this site's receiver takes, and the "
        "database keeps none of its submissions; actions: contact, newsletter"
    ) in stderr
    kept = run("export", "--config", str(config), "--db", str(db), "--action", "contact")
    assert kept.returncode == 0, kept.stderr
    assert kept.stdout.startswith("id,action,")


def test_an_unset_variable_in_the_notification_file_is_named(tmp_path: Path) -> None:
    config = write_receiver_site(tmp_path)
    notify = tmp_path / "notify.yml"
    notify.write_text("contact: {apprise: ['${TEAM_CHAT_URL}']}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "TEAM_CHAT_URL"}
    stderr = refused(run("--config", str(config), "--port", "0", "--notify", str(notify), env=env))
    assert "contact.apprise[0]: the environment variable TEAM_CHAT_URL is not set" in stderr


@pytest.fixture
def process(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    config = write_receiver_site(tmp_path)
    db = tmp_path / "kept.sqlite3"
    proc = subprocess.Popen(
        [*RECEIVER, "--config", str(config), "--db", str(db), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.startswith(
        "chatspark-receiver: receiving contact, newsletter on http://127.0.0.1:"
    )
    url = first.rsplit(" ", 1)[1].strip().rstrip("/")
    yield url, config, db
    proc.send_signal(signal.SIGTERM)
    # uvicorn shuts down cleanly, then ends by the signal it was sent.
    assert proc.wait(20) in (0, -signal.SIGTERM)
    proc.stdout.close()
    assert proc.stderr is not None
    log = proc.stderr.read()
    proc.stderr.close()
    assert "Traceback" not in log


def test_it_serves_then_exports_what_it_kept(process: tuple[str, Path, Path]) -> None:
    url, config, db = process
    data = {
        "name": '=HYPERLINK("x")',
        "email": "ann@example.com",
        "topics": ["SSO", "Billing"],
        "campaign": "spring",
    }
    body = json.dumps({"actionId": "contact", "data": data, "page": {"url": "/p/"}})
    headers = {
        "Content-Type": "application/json",
        "Idempotency-Key": "k-cli",
        "Origin": SITE_ORIGIN,
    }
    assert httpx.post(url + "/hooks/contact", content=body, headers=headers).status_code == 200
    assert httpx.get(url + "/healthz").json()["submissions"] == 1

    exported = run("export", "--config", str(config), "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert len(rows) == 1
    row = rows[0]
    assert (row["action"], row["submission_id"], row["page_url"]) == ("contact", "k-cli", "/p/")
    # A spreadsheet would run a cell starting with "=": the export quotes it.
    assert row["name"] == '\'=HYPERLINK("x")'
    assert row["topics"] == "SSO; Billing"
    assert list(rows[0])[5:] == [f["key"] for f in CONTACT["fields"]]

    lines = run("export", "--config", str(config), "--db", str(db), "--format", "jsonl")
    [record] = [json.loads(line) for line in lines.stdout.splitlines()]
    assert record["data"] == data
    assert record["submissionId"] == "k-cli"


def test_the_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "chatspark-receiver"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "--allow-origin" in result.stdout


def test_public_url_keeps_the_action_whose_webhook_is_under_it(tmp_path: Path) -> None:
    config = write_receiver_site(tmp_path)
    proc = subprocess.Popen(
        [
            *(*RECEIVER, "--config", str(config), "--db", str(tmp_path / "k.db")),
            *("--port", "0", "--public-url", "http://127.0.0.1:9/hooks/contact"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    proc.send_signal(signal.SIGTERM)
    proc.wait(20)
    proc.stdout.close()
    assert first.startswith("chatspark-receiver: receiving contact on http://127.0.0.1:")


def test_example_sites_feedback_webhook_reaches_the_receiver_it_runs_beside(
    tmp_path: Path,
) -> None:
    # As scripts/serve runs it (there on 127.0.0.1:8765), on a free port.
    config = ROOT / "example_site" / "mkdocs.yml"
    db = tmp_path / "kept.sqlite3"
    proc = subprocess.Popen(
        [
            *(*RECEIVER, "--config", str(config), "--db", str(db), "--port", "0"),
            *("--allow-origin", "http://127.0.0.1:8000"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    try:
        first = proc.stdout.readline()
        assert "feedback" in first.split(" on ")[0].split(", "), first
        url = first.rsplit(" ", 1)[1].strip().rstrip("/")
        vote = {"rating": 0, "path": "/guide/", "title": "Guide", "language": "en"}
        answers = []
        for data in (vote, {**vote, "comment": "Say where the file goes."}):
            body = {
                "actionId": "feedback",
                "actionType": "feedback",
                "data": data,
                "page": {"url": "http://127.0.0.1:8000/guide/", "title": "Guide"},
                "submissionId": "view-cli",
                "submittedAt": "2026-12-02T10:00:00.000Z",
            }
            headers = {
                "Content-Type": "application/json",
                "Idempotency-Key": "view-cli",
                "Origin": "http://127.0.0.1:8000",
            }
            answers.append(
                httpx.post(url + "/hooks/feedback", content=json.dumps(body), headers=headers)
            )
        assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
        assert httpx.get(url + "/healthz").json()["submissions"] == 1
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) in (0, -signal.SIGTERM)
        log = proc.stderr.read()
        proc.stdout.close()
        proc.stderr.close()
    assert "Traceback" not in log
    exported = run("export", "--config", str(config), "--db", str(db), "--action", "feedback")
    [row] = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert (row["rating"], row["comment"]) == ("0", "Say where the file goes.")


def test_what_start_up_made_is_frozen_before_it_serves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The modules, mkdocs' config and the site's actions are out of the garbage
    collector's sight before the first request: a full collection under load then scans
    what the requests made, not all of it (a 30-37 ms pause with every request in flight
    waiting: bench_receiver.py's p99). uvicorn's own modules are loaded before, too."""
    seen: list[tuple[int, bool]] = []

    def run(server: uvicorn.Server, sockets: list[socket.socket]) -> None:
        seen.append((gc.get_freeze_count(), server.config.loaded))
        for sock in sockets:
            sock.close()

    monkeypatch.setattr(uvicorn.Server, "run", run)
    config = write_receiver_site(tmp_path)
    try:
        args = ["--config", str(config), "--db", str(tmp_path / "k.sqlite3"), "--port", "0"]
        assert cli.main([*args, "--quiet"]) == 0
    finally:
        gc.unfreeze()  # the rest of the test session collects as before
    [(frozen, loaded)] = seen
    assert loaded
    assert frozen > 10_000


def test_the_receiver_package_runs_as_a_module_too() -> None:
    """`python -m mkdocs_chatspark.receiver` is what an author who knows the package
    tries: it said "'mkdocs_chatspark.receiver' is a package and cannot be directly
    executed" (tried by reader-tries9)."""
    for args in (["--help"], ["export", "--help"]):
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs_chatspark.receiver", *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert "--db" in result.stdout
