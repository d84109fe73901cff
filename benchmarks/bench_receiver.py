"""The form receiver under load and faults, measured from outside its process.

    python benchmarks/bench_receiver.py            # 2,000 submissions, 50 clients, 60 s outage
    python benchmarks/bench_receiver.py --quick    # 300 submissions, 20 clients, 3 s outage
    python benchmarks/bench_receiver.py --rounds 5 --load-only   # the loads of 1 and 4, 5 times

Each run starts `chatspark-receiver` as the author would (a process, a real SQLite
file or PostgreSQL database, uvicorn on 127.0.0.1 port 0) and prints:
  1. load on SQLite: lost and doubled submissions (counts), throughput, p50/p99 latency,
     with a fifth of the submissions sent again (some at the same moment);
  2. SIGKILL mid-run, restart on the same file, clients resend what got no answer:
     every submission answered 2xx is in the database, once;
  3. a notification target down, then up: each notification delivered exactly once;
  4. the load of 1 on PostgreSQL, with two receiver processes sharing it (needs a
     URL: --postgres, or CHATSPARK_TEST_POSTGRES as scripts/with-postgres sets it).
A load of 2,000 posts lasts about half a second, and its p99 is its 20th slowest
answer: one pause of the receiver (or of the machine) while 50 requests are in flight
sets it. `--rounds N` runs the loads of 1 and 4 N times each, on fresh databases, and
prints every round's p99 and load average beside the first round's table.
Figures are printed beside their targets, each section with `uptime` before and
after its run: the load generator and the receiver share the machine (two cores
here), so a load average over the core count means the figures are noisy (the
CPU per post, measured from /proc, is the steadier figure). Nothing timed is
asserted. The script exits non-zero only when something is broken (a lost or doubled submission, a
notification not delivered exactly once).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Optional

from benchlib import arg_parser, header, section, table, verdict

ORIGIN = "https://bench.example.com"
SITE = f"""site_name: Bench
site_url: {ORIGIN}/
plugins:
  - chatspark:
      actions:
        - id: contact
          type: form
          label: Contact
          webhook: https://receiver.example.com/hooks/contact
          fields:
            - {{key: name, label: Name, required: true, max_length: 80}}
            - {{key: email, label: Email, type: email, required: true}}
            - {{key: seats, label: Seats, type: number, min: 1, max: 1000}}
            - {{key: topics, label: Topics, type: select, multiple: true, options: [A, B, C]}}
            - {{key: message, label: Message, type: textarea, max_length: 2000}}
"""


def uptime() -> str:
    """`uptime`'s line (time, up, load averages over 1, 5 and 15 minutes)."""
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def part(title: str, before: str) -> None:
    """A section's title with `uptime` before and after its run."""
    section(title)
    cores = os.cpu_count() or 1
    noisy = os.getloadavg()[0] > cores
    print(f"   uptime before: {before}")
    print(f"   uptime after:  {uptime()}")
    if noisy:
        print(f"   (load average over {cores} cores: other work shared them; noisy figures)")


def write_site(root: Path) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(SITE, encoding="utf-8")
    return config


class Receiver:
    """`python -m mkdocs_chatspark receive` in a process of its own."""

    def __init__(self, config: Path, db: str, *extra: str) -> None:
        self.proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "mkdocs_chatspark", "receive", "--config", str(config)),
                *("--db", db, "--port", "0", "--rate", "0", "--quiet", *extra),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if "receiving" not in line:
            raise SystemExit(f"the receiver did not start: {line!r}")
        self.url = line.rsplit(" ", 1)[1].strip().rstrip("/")

    def cpu(self) -> float:
        """Seconds of CPU the process has used (user + system), from /proc."""
        with open(f"/proc/{self.proc.pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self, kill: bool = False) -> None:
        self.proc.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        self.proc.wait(30)
        if self.proc.stdout:
            self.proc.stdout.close()


def submission(key: str, n: int) -> bytes:
    data = {
        "name": f"Reader {n}",
        "email": f"reader{n}@example.com",
        "seats": 1 + n % 900,
        "topics": ["A", "C"],
        "message": "A question about pricing. " * 4,
    }
    return json.dumps(
        {
            "actionId": "contact",
            "actionType": "form",
            "data": data,
            "page": {"url": "/p/"},
            "submissionId": key,
        }
    ).encode()


@dataclass
class Load:
    sent: int = 0
    latencies: list[float] = field(default_factory=list)
    ok_keys: set[str] = field(default_factory=set)
    statuses: Counter[int] = field(default_factory=Counter)
    unanswered: list[tuple[str, int]] = field(default_factory=list)
    seconds: float = 0.0
    cpu: float = 0.0
    """CPU seconds the receiver process(es) used during the load."""
    client_cpu: float = 0.0
    """CPU seconds the load generator (this process) used during the load."""


def plan(total: int, repeats: float, seed: int = 7) -> list[tuple[str, int]]:
    """`total` posts: new keys, and a share of repeats of keys posted shortly before."""
    rng = random.Random(seed)
    posts: list[tuple[str, int]] = []
    for n in range(total):
        if posts and rng.random() < repeats:
            posts.append(posts[max(0, len(posts) - rng.randint(1, 60))])
        else:
            posts.append((str(uuid.uuid4()), n))
    return posts


class Connection:
    """One keep-alive HTTP/1.1 connection of the load generator: the request written
    as bytes, the answer read as a status line, headers and a Content-Length body.

    The load generator shares the machine's two cores with the receiver it measures,
    so it is kept cheap: raw asyncio streams (on uvloop, as the receiver runs) cost a
    few tens of microseconds a request, a full HTTP client (httpx) about ten times as
    much, which the receiver's figures then paid for. A compiled tool (wrk, oha) would
    be cheaper still but cannot say which Idempotency-Key got which answer, and that
    is what the lost and doubled counts need."""

    def __init__(self, url: str) -> None:
        rest = url.split("://", 1)[1]
        self.host, port = rest.rsplit(":", 1)
        self.port = int(port)
        self.reader: Optional[asyncio.StreamReader] = None
        self.writer: Optional[asyncio.StreamWriter] = None

    async def post(self, path: str, key: str, body: bytes) -> int:
        """The status of one POST; OSError (or IncompleteReadError) when no answer came."""
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Content-Type: application/json\r\nIdempotency-Key: {key}\r\n"
            f"Origin: {ORIGIN}\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        try:
            self.writer.write(head.encode("ascii") + body)
            lines = (await self.reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
            status = int(lines[0].split(b" ", 2)[1])
            length, close = 0, False
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"connection" and value.strip().lower() == b"close":
                    close = True
            if length:
                await self.reader.readexactly(length)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as e:
            self.close()
            raise OSError(f"no answer: {type(e).__name__}") from None
        except OSError:
            self.close()
            raise
        if close:
            self.close()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def run_load(
    urls: list[str],
    posts: list[tuple[str, int]],
    clients: int,
    stop_after: Optional[int] = None,
    on_stop: Optional[Any] = None,
) -> Load:
    """`clients` concurrent clients, each on its own keep-alive connection, work through
    `posts`; client i posts to urls[i % n]. With `stop_after`, `on_stop()` runs once that
    many posts were answered. `load.client_cpu`: this process's CPU seconds meanwhile."""
    load = Load()
    queue: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
    for post in posts:
        queue.put_nowait(post)
    bodies = {n: submission(key, n) for key, n in dict.fromkeys(posts)}
    answered = 0
    stopped = False

    async def client(i: int) -> None:
        nonlocal answered, stopped
        connection = Connection(urls[i % len(urls)])
        while not queue.empty():
            key, n = queue.get_nowait()
            started = time.perf_counter()
            try:
                status = await asyncio.wait_for(
                    connection.post("/hooks/contact", key, bodies[n]), 10
                )
            except (OSError, asyncio.TimeoutError):
                connection.close()
                load.unanswered.append((key, n))
                continue
            load.latencies.append(time.perf_counter() - started)
            load.statuses[status] += 1
            if 200 <= status < 300:
                load.ok_keys.add(key)
            else:
                load.unanswered.append((key, n))
            answered += 1
            if stop_after is not None and answered >= stop_after and not stopped:
                stopped = True
                on_stop()
        connection.close()

    cpu = time.process_time()
    began = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    load.seconds = time.perf_counter() - began
    load.client_cpu = time.process_time() - cpu
    load.sent = len(posts)
    return load


def drive(coroutine: Any) -> Load:
    """Run the load generator on uvloop where it is installed (the receiver's loop)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)  # type: ignore[no-any-return]
    return uvloop.run(coroutine)  # type: ignore[no-any-return]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0


def sqlite_keys(db: str) -> Counter[str]:
    with sqlite3.connect(db) as conn:
        return Counter(k for (k,) in conn.execute("SELECT key FROM chatspark_submissions"))


def postgres_keys(url: str) -> Counter[str]:
    import psycopg

    with psycopg.connect(url) as conn:
        return Counter(k for (k,) in conn.execute("SELECT key FROM chatspark_submissions"))


@dataclass
class Round:
    """One round of a load: its figures, and whether every check held."""

    load: Load
    kept: Counter[str]
    distinct: int
    before: str
    """`uptime` before the round."""
    load_average: float
    """The 1-minute load average after the round."""

    @property
    def sound(self) -> bool:
        return self.lost == 0 and self.doubled == 0

    @property
    def lost(self) -> int:
        return len(self.load.ok_keys - set(self.kept))

    @property
    def doubled(self) -> int:
        return sum(n - 1 for n in self.kept.values() if n > 1)

    @property
    def p99(self) -> float:
        return percentile(self.load.latencies, 99) * 1000


def report_load(title: str, rounds: list[Round]) -> bool:
    first = rounds[0]
    load, kept, lost, doubled = first.load, first.kept, first.lost, first.doubled
    rate = len(load.latencies) / load.seconds if load.seconds else 0
    p50, p99 = percentile(load.latencies, 50) * 1000, first.p99
    part(title, first.before)
    more = []
    if len(rounds) > 1:
        p99s = sorted(r.p99 for r in rounds)
        more = [
            [
                f"p99 of each of {len(rounds)} rounds, ms (load average)",
                " ".join(f"{r.p99:.1f} ({r.load_average:.1f})" for r in rounds),
                "",
            ],
            [
                "p99 median, worst of the rounds, ms",
                f"{p99s[len(p99s) // 2]:.1f}, {p99s[-1]:.1f}",
                "<= 50 " + verdict(p99s[-1], 50),
            ],
            ["rounds with p99 over 50 ms", sum(p > 50 for p in p99s), "0"],
            [
                "lost, doubled in all rounds",
                f"{sum(r.lost for r in rounds)}, {sum(r.doubled for r in rounds)}",
                "0, 0",
            ],
        ]
    table(
        ["measure", "value", "target"],
        [
            ["posts (a fifth repeats)", load.sent, ""],
            ["distinct submissions", first.distinct, ""],
            ["answered 2xx (distinct keys)", len(load.ok_keys), ""],
            ["statuses", " ".join(f"{s}:{n}" for s, n in sorted(load.statuses.items())), ""],
            ["rows in the database", sum(kept.values()), ""],
            ["lost (2xx, not kept)", lost, "0"],
            ["doubled (kept twice)", doubled, "0"],
            [
                "throughput, posts/s",
                f"{rate:.0f}",
                ">= 500" + (" ok" if rate >= 500 else " MISSED"),
            ],
            ["latency p50, ms", f"{p50:.1f}", ""],
            ["receiver CPU per post, ms", f"{load.cpu / max(1, load.sent) * 1000:.2f}", ""],
            ["posts/s one core could take", f"{load.sent / load.cpu:.0f}" if load.cpu else "-", ""],
            [
                "load generator CPU per post, ms",
                f"{load.client_cpu / max(1, load.sent) * 1000:.2f}",
                "",
            ],
            ["latency p99, ms", f"{p99:.1f}", "<= 50 " + verdict(p99, 50)],
            *more,
        ],
    )
    return all(r.sound for r in rounds)


def sqlite_round(root: Path, config: Path, total: int, clients: int, n: int) -> Round:
    db = str(root / f"load-{n}.sqlite3")
    receiver = Receiver(config, db)
    posts = plan(total, 0.2)
    before = uptime()
    try:
        cpu = receiver.cpu()
        load = drive(run_load([receiver.url], posts, clients))
        load.cpu = receiver.cpu() - cpu
    finally:
        receiver.stop()
    return Round(load, sqlite_keys(db), len({k for k, _ in posts}), before, os.getloadavg()[0])


def bench_sqlite(root: Path, config: Path, total: int, clients: int, rounds: int) -> bool:
    return report_load(
        f"1. {total} posts from {clients} clients on SQLite",
        [sqlite_round(root, config, total, clients, n) for n in range(rounds)],
    )


def bench_kill(root: Path, config: Path, total: int, clients: int) -> bool:
    db = str(root / "kill.sqlite3")
    receiver = Receiver(config, db)
    posts = plan(total, 0.2, seed=11)
    began = uptime()
    load = drive(
        run_load(
            [receiver.url],
            posts,
            clients,
            stop_after=total * 2 // 5,
            on_stop=lambda: receiver.stop(kill=True),
        )
    )
    kept_at_kill = sqlite_keys(db)
    before = set(load.ok_keys)
    again = Receiver(config, db)
    try:
        # The widget's outbox: what got no 2xx is sent again, byte for byte.
        resent = list(dict.fromkeys(load.unanswered))
        second = drive(run_load([again.url], resent, clients))
    finally:
        again.stop()
    kept = sqlite_keys(db)
    lost = len((before | second.ok_keys) - set(kept))
    lost_at_kill = len(before - set(kept_at_kill))
    doubled = sum(n - 1 for n in kept.values() if n > 1)
    part(f"2. SIGKILL after {total * 2 // 5} of {total} answers, restart, resend", began)
    table(
        ["measure", "value", "target"],
        [
            ["answered 2xx before the kill (distinct)", len(before), ""],
            ["of those, not in the file at the kill", lost_at_kill, "0"],
            ["posts without an answer, resent", len(resent), ""],
            ["answered 2xx after the restart", len(second.ok_keys), ""],
            ["distinct submissions", len({k for k, _ in posts}), ""],
            ["rows in the database", sum(kept.values()), ""],
            ["lost (2xx, not kept)", lost, "0"],
            ["doubled", doubled, "0"],
        ],
    )
    return lost == 0 and lost_at_kill == 0 and doubled == 0


class Target:
    """A stand-in chat service or CRM: 503 while `down`, else 200 and a record."""

    def __init__(self) -> None:
        self.down = True
        self.received: list[str] = []
        target = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if target.down:
                    self.send_response(503)
                else:
                    target.received.append(json.loads(body)["submissionId"])
                    self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/crm"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def bench_outage(root: Path, config: Path, count: int, outage: float) -> bool:
    target = Target()
    notify = root / "notify.yml"
    notify.write_text(
        f"contact:\n  webhook: {{url: '{target.url}', secret: '${{BENCH_SECRET}}'}}\n",
        encoding="utf-8",
    )
    os.environ["BENCH_SECRET"] = "bench-signing-secret-0123456789"
    db = str(root / "outage.sqlite3")
    before = uptime()
    receiver = Receiver(config, db, "--notify", str(notify), "--retry-max-delay", "5")
    try:
        posts = plan(count, 0.2, seed=5)
        load = drive(run_load([receiver.url], posts, 10))
        time.sleep(outage)
        target.down = False
        up = time.monotonic()
        deadline = up + 120
        while len(set(target.received)) < len(load.ok_keys) and time.monotonic() < deadline:
            time.sleep(0.2)
        caught_up = time.monotonic() - up
        time.sleep(2)  # anything sent twice would arrive now
    finally:
        receiver.stop()
        target.server.shutdown()
    counts = Counter(target.received)
    missing = len(load.ok_keys - set(counts))
    twice = sum(1 for n in counts.values() if n > 1)
    part(f"3. the notification target down for {outage:.0f} s, then up", before)
    table(
        ["measure", "value", "target"],
        [
            ["submissions kept", len(load.ok_keys), ""],
            ["notifications delivered", len(counts), ""],
            ["not delivered", missing, "0"],
            ["delivered more than once", twice, "0"],
            ["seconds from up to all delivered", f"{caught_up:.1f}", "(retries every <= 5 s)"],
        ],
    )
    return missing == 0 and twice == 0


def postgres_round(config: Path, url: str, total: int, clients: int) -> Round:
    import psycopg

    name = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    db = url.rsplit("/", 1)[0] + "/" + name
    try:
        receivers = [Receiver(config, db), Receiver(config, db)]
        posts = plan(total, 0.2, seed=3)
        before = uptime()
        try:
            cpu = sum(r.cpu() for r in receivers)
            load = drive(run_load([r.url for r in receivers], posts, clients))
            load.cpu = sum(r.cpu() for r in receivers) - cpu
        finally:
            for r in receivers:
                r.stop()
        average = os.getloadavg()[0]
        return Round(load, postgres_keys(db), len({k for k, _ in posts}), before, average)
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


def bench_postgres(config: Path, url: str, total: int, clients: int, rounds: int) -> bool:
    return report_load(
        f"4. {total} posts from {clients} clients on PostgreSQL, two receiver processes",
        [postgres_round(config, url, total, clients) for _ in range(rounds)],
    )


def main() -> int:
    parser = arg_parser(__doc__ or "")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("CHATSPARK_TEST_POSTGRES"),
        help="a postgresql:// URL whose user may create databases",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        metavar="N",
        help="run the loads (1 and 4) N times each and print every round's p99",
    )
    parser.add_argument(
        "--load-only", action="store_true", help="the loads (1 and 4) only: no kill, no outage"
    )
    args = parser.parse_args()
    rounds = max(1, args.rounds)
    total, clients, outage, notes = (300, 20, 3.0, 40) if args.quick else (2000, 50, 60.0, 200)
    header("bench_receiver: chatspark-receiver under load and faults", args.quick)
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        config = write_site(root / "site")
        ok &= bench_sqlite(root, config, total, clients, rounds)
        if not args.load_only:
            ok &= bench_kill(root, config, total, clients)
            ok &= bench_outage(root, config, notes, outage)
        if args.postgres:
            ok &= bench_postgres(config, args.postgres, total, clients, rounds)
        else:
            section("4. PostgreSQL: not run (no --postgres; try scripts/with-postgres)")
    print("\n" + ("== every check held" if ok else "== BROKEN: see the counts above"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
