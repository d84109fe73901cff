"""The Dockerfile, checked without a container engine (none runs here or in CI): what
it copies exists and is in the build context, the command it runs is the console
script with options the receiver's own parser takes, and its port, volume, extra and
Python agree with the rest of the repository. scripts/check_dockerfile.py runs that
command from a wheel built of the copied files; what is left untested is said in
example_site/docs/receiver.md ("Deploying it")."""

from __future__ import annotations

import fnmatch
import importlib.util
import json
import re
from importlib.metadata import entry_points, metadata
from types import ModuleType

from support import ROOT

from mkdocs_chatspark.receiver import cli


def _check_dockerfile() -> ModuleType:
    """scripts/check_dockerfile.py, the check CI runs with the image's own steps: its
    reading of the Dockerfile is the one these tests use."""
    spec = importlib.util.spec_from_file_location(
        "check_dockerfile", ROOT / "scripts" / "check_dockerfile.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


instructions = _check_dockerfile().instructions


def one(name: str) -> str:
    [args] = [a for n, a in instructions() if n == name]
    return args


def exec_form(name: str) -> list[str]:
    value = json.loads(one(name))
    assert isinstance(value, list) and all(isinstance(v, str) for v in value), name
    return value


METADATA = metadata("mkdocs-chatspark")
"""pyproject.toml as installed (tomllib is not in Python 3.9)."""
IGNORED = [
    p.strip().rstrip("/")
    for p in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    if p.strip() and not p.startswith("#")
]


def test_every_path_it_copies_exists_in_the_build_context() -> None:
    copies = [a.split() for n, a in instructions() if n == "COPY"]
    assert copies, "the Dockerfile copies the package in"
    for *sources, _destination in copies:
        for source in sources:
            matched = sorted(ROOT.glob(source))
            assert matched, f"COPY {source}: nothing in the repository matches"
            for path in matched:
                relative = path.relative_to(ROOT).as_posix()
                assert not any(fnmatch.fnmatch(relative, p) for p in IGNORED), relative


def test_it_copies_what_the_wheel_build_reads() -> None:
    """pyproject.toml names its readme and license files: the build fails without them."""
    copied = " ".join(a for n, a in instructions() if n == "COPY")
    assert "pyproject.toml" in copied
    assert re.search(r'^readme = "README.md"$', (ROOT / "pyproject.toml").read_text(), re.M)
    assert "README.md" in copied
    for license_file in METADATA.get_all("License-File") or []:
        assert any(fnmatch.fnmatch(license_file, s) for s in copied.split()), license_file
    assert "mkdocs_chatspark " in copied + " "


def test_it_installs_the_receiver_extra() -> None:
    [install] = [a for n, a in instructions() if n == "RUN" and "pip install" in a]
    extra = re.search(r"\[(\w+)\]", install)
    assert extra and extra.group(1) in (METADATA.get_all("Provides-Extra") or [])
    assert extra.group(1) == "receiver"


def test_its_command_is_the_console_script_with_options_the_receiver_takes() -> None:
    entrypoint, command = exec_form("ENTRYPOINT"), exec_form("CMD")
    found = entry_points()
    scripts = (
        found.select(group="console_scripts")
        if hasattr(found, "select")
        else found.get("console_scripts", [])  # type: ignore[attr-defined]  # Python 3.9
    )
    [script] = [e for e in scripts if e.name == entrypoint[0]]
    assert script.value == "mkdocs_chatspark.receiver.cli:run"
    args = cli._serve_parser().parse_args(entrypoint[1:] + command)
    assert args.host == "0.0.0.0"  # reachable from outside the container
    assert str(args.port) in one("EXPOSE").split()
    volume = exec_form("VOLUME")
    assert any(args.db.startswith(v.rstrip("/") + "/") for v in volume), args.db
    assert args.config.startswith("/site/")


def test_its_healthcheck_asks_healthz_on_the_port_it_serves() -> None:
    check = one("HEALTHCHECK")
    url = re.search(r"http://127\.0\.0\.1:(\d+)(/\S*?)['\"]", check)
    assert url, check
    port = cli._serve_parser().parse_args(exec_form("ENTRYPOINT")[1:]).port
    assert (int(url.group(1)), url.group(2)) == (port, "/healthz")


def test_its_python_is_one_the_package_supports() -> None:
    image = one("FROM")
    version = re.fullmatch(r"python:(\d+\.\d+)-slim", image)
    assert version, image
    classifiers = METADATA.get_all("Classifier") or []
    assert f"Programming Language :: Python :: {version.group(1)}" in classifiers


def test_it_runs_as_a_user_that_owns_the_data_volume() -> None:
    user = one("USER")
    assert user != "root"
    setup = " ".join(a for n, a in instructions() if n == "RUN")
    assert "useradd" in setup and f"chown {user} /data" in setup
