"""What the Dockerfile does, done without a container engine (there is none on the
machines that test this project): its COPY lines staged into a folder, that folder
pip-installed with the receiver extra into a fresh virtualenv (as `RUN pip install
"/src[receiver]"` does), its ENTRYPOINT and CMD run from that virtualenv with /site
and /data mapped to example_site and a temporary folder, and its HEALTHCHECK
command run against it.

    python3 scripts/check_dockerfile.py

Not checked here (scripts/try_image.py builds the image and tries it where a container
engine runs; see example_site/docs/receiver.md, "Deploying it"): the base image
(python:3.12-slim; this runs the Python it is started with), the image's user and
the volume's permissions, and the container's network (it listens on 127.0.0.1 and
a free port here, 0.0.0.0:8765 in the image).
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    found = []
    for line in joined.splitlines():
        if line.strip():
            name, _, rest = line.strip().partition(" ")
            found.append((name.upper(), rest.strip()))
    return found


def main() -> int:
    steps = instructions()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for source_list in (a.split() for n, a in steps if n == "COPY"):
            *sources, destination = source_list
            target = work / destination.lstrip("/")
            for source in sources:
                for path in sorted(glob.glob(str(ROOT / source))):
                    if Path(path).is_dir():
                        shutil.copytree(
                            path,
                            target,
                            dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__"),
                        )
                    else:
                        target.mkdir(parents=True, exist_ok=True)
                        shutil.copy2(path, target)
        [install] = [a for n, a in steps if n == "RUN" and "pip install" in a]
        extra = re.search(r'"/src(\[\w+\])"', install)
        assert extra, install
        print(f"== staged the COPY lines; a fresh virtualenv installs {work / 'src'}{extra[1]}")
        venv = work / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / "bin" / "python"
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "-q",
                "--no-cache-dir",
                f"{work / 'src'}{extra[1]}",
            ],
            check=True,
        )
        entrypoint = json.loads(next(a for n, a in steps if n == "ENTRYPOINT"))
        command = json.loads(next(a for n, a in steps if n == "CMD"))
        (work / "data").mkdir()
        mapped = [
            a.replace("/site/", str(ROOT / "example_site") + "/").replace("/data/", f"{work}/data/")
            for a in entrypoint[1:] + command
        ]
        program = venv / "bin" / entrypoint[0]
        run = [str(program), *mapped, "--host", "127.0.0.1", "--port", "0"]
        print("== runs:", " ".join(entrypoint + command), "(here: /site, /data mapped; port 0)")
        proc = subprocess.Popen(run, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        if "receiving" not in first:
            proc.kill()
            print(first + proc.stderr.read(), file=sys.stderr)
            return 1
        print("  ", first.strip())
        port = first.rsplit(":", 1)[1].strip().rstrip("/")
        health = next(a for n, a in steps if n == "HEALTHCHECK")
        check = json.loads(health[health.index("CMD") + 3 :].strip())
        check = [a.replace(":8765/", f":{port}/") for a in check]
        check[0] = str(python) if check[0] == "python" else check[0]
        ok = subprocess.run(check, timeout=30).returncode == 0
        print(f"== HEALTHCHECK: {'healthy' if ok else 'UNHEALTHY'}")
        proc.send_signal(signal.SIGTERM)
        status = proc.wait(30)
        log = proc.stderr.read()
        proc.stdout.close()
        proc.stderr.close()
        clean = status in (0, -signal.SIGTERM) and "Traceback" not in log
        print(f"== stopped by SIGTERM: exit {status}{'' if clean else ', with errors:'}")
        if not clean:
            print(log, file=sys.stderr)
        kept = os.path.exists(work / "data" / "submissions.sqlite3")
        print(f"== the database is in the /data volume: {kept}")
        return 0 if ok and clean and kept else 1


if __name__ == "__main__":
    sys.exit(main())
