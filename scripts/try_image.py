"""Build the receiver's image and try it, with a container engine (Docker or Podman).

scripts/check_dockerfile.py does what the Dockerfile does without an engine, and
runs in CI; this builds the image itself and tries the container as a deployment
would, where an engine runs:

- `build` the image from this checkout;
- `run` it with example_site as /site (read-only) and a fresh named volume as /data,
  on a free port of 127.0.0.1;
- its /healthz answers; one submission sent twice with one Idempotency-Key is stored
  once (the same id both times); a bad one is refused with 422 and the fields named;
- it stops on SIGTERM (`stop`) with exit code 0;
- `export`, run in a second container on the same volume, lists the submission
  once: what was kept outlives the container;
- the image's user is not root.

    python3 scripts/try_image.py                      # docker
    python3 scripts/try_image.py --engine podman

`--run-arg` and `--build-arg` pass an option to every `run` or to `build` (an
engine's own needs on a given host); `--keep` leaves the image and the volume.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUBMISSION = {
    "actionId": "contact_sales",
    "data": {"name": "Ada", "email": "ada@example.com", "message": "Sent to the image"},
    "page": {"url": "/pricing/"},
}
"""example_site's contact_sales form (example_site/mkdocs.yml), filled in."""


class Failed(Exception):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def post(url: str, body: dict[str, object], key: str) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Idempotency-Key": key},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def check(ok: bool, what: str) -> None:
    print(f"   {'ok' if ok else 'FAILED'}: {what}")
    if not ok:
        raise Failed(what)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", default="docker", help="docker (default) or podman")
    parser.add_argument("--run-arg", action="append", default=[], help="an option for `run`")
    parser.add_argument("--build-arg", action="append", default=[], help="an option for `build`")
    parser.add_argument("--keep", action="store_true", help="leave the image and the volume")
    args = parser.parse_args()
    tag = f"chatspark-receiver-try:{uuid.uuid4().hex[:8]}"
    volume = f"chatspark-try-{uuid.uuid4().hex[:8]}"
    name = f"chatspark-try-{uuid.uuid4().hex[:8]}"
    port = free_port()

    def engine(*argv: str, check_rc: bool = True) -> str:
        done = subprocess.run([args.engine, *argv], capture_output=True, text=True)
        if check_rc and done.returncode != 0:
            raise Failed(
                f"{args.engine} {argv[0]} exited with {done.returncode}: {done.stderr[-1500:]}"
            )
        return done.stdout

    def run(*argv: str) -> str:
        return engine("run", *args.run_arg, *argv)

    mounts = ["-v", f"{ROOT / 'example_site'}:/site:ro", "-v", f"{volume}:/data"]
    try:
        print(f"== {args.engine} build -t {tag} {ROOT}")
        started = time.monotonic()
        engine("build", *args.build_arg, "-t", tag, str(ROOT))
        print(f"   built in {time.monotonic() - started:.0f} s")
        engine("volume", "create", volume)
        print(f"== {args.engine} run: example_site's config, port {port}")
        run(
            "-d",
            "--name",
            name,
            "--network",
            "host",
            *mounts,
            tag,
            "--config",
            "/site/mkdocs.yml",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                    check(response.status == 200, "/healthz answers 200")
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise Failed(
                f"/healthz did not answer in 20 s; logs:\n{engine('logs', name, check_rc=False)}"
            )
        first = post(f"{base}/hooks/contact", SUBMISSION, "try-image-1")
        again = post(f"{base}/hooks/contact", SUBMISSION, "try-image-1")
        check(first[0] == 200 and first == again, f"a repeat answers as the first: {first}")
        bad = post(
            f"{base}/hooks/contact", {"actionId": "contact_sales", "data": {}}, "try-image-2"
        )
        fields = bad[1].get("fields")
        check(
            bad[0] == 422 and isinstance(fields, dict) and "email" in fields,
            f"a bad submission is refused with its fields named: {bad[0]} {fields}",
        )
        engine("stop", "-t", "10", name)
        code = engine("inspect", "-f", "{{.State.ExitCode}}", name).strip()
        check(code == "0", f"stops on SIGTERM with exit code 0 (got {code})")
        rows = run(
            "--rm",
            *mounts,
            "--entrypoint",
            "chatspark-receiver",
            tag,
            "export",
            "--config",
            "/site/mkdocs.yml",
            "--db",
            "/data/submissions.sqlite3",
        )
        check(
            rows.count("try-image-1") == 1 and "Sent to the image" in rows,
            "export from a new container lists the submission once",
        )
        user = run("--rm", "--entrypoint", "id", tag, "-u").strip()
        check(user not in ("", "0"), f"the image runs as uid {user}, not root")
    except Failed as e:
        print(f"FAILED: {e}")
        return 1
    finally:
        engine("rm", "-f", name, check_rc=False)
        if not args.keep:
            engine("volume", "rm", "-f", volume, check_rc=False)
            engine("rmi", "-f", tag, check_rc=False)
    print("== the image works")
    return 0


if __name__ == "__main__":
    sys.exit(main())
