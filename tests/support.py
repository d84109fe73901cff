"""Test helpers: real `mkdocs build` runs of small fixture sites, and a static server."""

from __future__ import annotations

import gc
import html
import json
import logging
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Optional

import yaml

ROOT = Path(__file__).resolve().parent.parent
STANDIN = ROOT / "tests" / "browser" / "fixtures" / "hosted-standin.js"
"""A stand-in for ChatSpark's hosted embed script (the `cdn` fixture serves it)."""

ISLAND = re.compile(r'<script type="application/json" id="chatspark-page">(.*?)</script>', re.S)
# The Markdown extension's island (Zensical): a <div> attribute in the content.
DIV_ISLAND = re.compile(r'<div data-chatspark-data="([^"]*)" hidden="hidden" id="chatspark-page">')


@dataclass
class Built:
    root: Path
    result: subprocess.CompletedProcess[str]

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def ok(self) -> bool:
        return self.result.returncode == 0

    @property
    def log(self) -> str:
        return self.result.stdout + self.result.stderr

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def island(self, path: str) -> Optional[Any]:
        page = self.html(path)
        match = ISLAND.search(page)
        if match:
            return json.loads(match.group(1))
        match = DIV_ISLAND.search(page)
        return json.loads(html.unescape(match.group(1))) if match else None

    def site_data(self) -> Any:
        [data_file] = (self.site / "assets" / "chatspark").glob("site.*.js")
        text = data_file.read_text(encoding="utf-8")
        prefix = "window.__chatsparkSite="
        assert text.startswith(prefix) and text.endswith(";\n")
        return json.loads(text[len(prefix) : -2])


def write_site(root: Path, config: dict[str, Any], pages: dict[str, str]) -> Path:
    docs = root / "docs"
    for name, text in pages.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return config_file


# Debian's Chromium, as the browser tests, the screenshots and the benchmarks start it.
CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium reaches for Google's services on this closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Tests talk to 127.0.0.1 alone: every other host name fails to resolve. (Not
    # page.route: request interception changes how Chromium sends CORS preflights.)
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]

# The tool that builds the test sites: MkDocs, or its maintained fork ProperDocs
# (CHATSPARK_TEST_TOOL=properdocs), which loads the same plugins unchanged.
TOOL = os.environ.get("CHATSPARK_TEST_TOOL", "mkdocs")


def run_build(root: Path, *, strict: bool = True, in_process: bool = True) -> Built:
    """`mkdocs build` (or `properdocs build`) as an author runs it, from the project
    folder: MkDocs' own command line, in this process (a new interpreter per build
    proves nothing more and costs a second each), or in a new one (`in_process=False`)."""
    args = ["build", "-f", "mkdocs.yml", *(["--strict"] if strict else [])]
    if not in_process or TOOL != "mkdocs":
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", TOOL, *args]
        result = subprocess.run(
            command, cwd=root, env=env, capture_output=True, text=True, timeout=120
        )
        return Built(root, result)
    from click.testing import CliRunner
    from mkdocs.__main__ import cli

    with _mkdocs_state_restored(root):
        run = CliRunner().invoke(cli, args, env={"NO_MKDOCS_2_WARNING": "1"})
    # What the build left for the garbage collector (a temporary folder no one
    # cleaned up) is found now, in the test that built it, not in a later one.
    gc.collect()
    if run.exception is not None and not isinstance(run.exception, SystemExit):
        raise run.exception  # a traceback an author would see: fail as loudly here
    return Built(root, subprocess.CompletedProcess(args, run.exit_code, run.stdout, run.stderr))


@contextmanager
def _mkdocs_state_restored(root: Path) -> Iterator[None]:
    """What one run of MkDocs' command line changes in the process, put back after
    it: the folder, and the handlers and filters it adds to MkDocs' loggers each time
    (a DuplicateFilter left behind would hide the next build's repeated warnings)."""
    loggers = [logging.getLogger(n) for n in ("mkdocs", "mkdocs.commands.build")]
    saved = [(lg.handlers[:], lg.filters[:], lg.propagate, lg.level) for lg in loggers]
    folder = os.getcwd()
    os.chdir(root)
    try:
        yield
    finally:
        os.chdir(folder)
        for lg, (handlers, filters, propagate, level) in zip(loggers, saved):
            lg.handlers[:], lg.filters[:] = handlers, filters
            lg.propagate, lg.level = propagate, level


def site_config(
    plugin: Optional[dict[str, Any]] = None, *, theme: str = "mkdocs", **extra: Any
) -> dict[str, Any]:
    theme_config: dict[str, Any] = {"name": theme}
    # Tests talk to 127.0.0.1 only: no Google Fonts, no highlight.js from a CDN.
    if theme == "material":
        theme_config["font"] = False
    else:
        theme_config["highlightjs"] = False
    return {
        "site_name": "Test Docs",
        "theme": theme_config,
        "plugins": ["search", {"chatspark": plugin or {}}],
        **extra,
    }


BuildSite = Callable[..., Built]


class StaticServer:
    """Serves a folder on 127.0.0.1. The port is known before the site is built,
    so that `site_url` can be the server's address (Material's instant navigation
    only swaps pages when it is)."""

    def __init__(self) -> None:
        self.root: Optional[Path] = None
        self.headers: dict[str, str] = {}
        self.paths: list[str] = []
        self.delays: dict[str, float] = {}
        """A path (`/assets/x.js`) or a file name (`x.js`) -> seconds to wait before
        answering for it: a slow image, a slow script."""
        self.posts: list[tuple[str, dict[str, str], bytes]] = []
        """POSTs received (path, headers, body), answered 200 as Netlify Forms does."""
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=str(server.root), **kwargs)

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def end_headers(self) -> None:
                for name, value in server.headers.items():
                    self.send_header(name, value)
                self.send_header("Cache-Control", "no-store")
                super().end_headers()

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                server.posts.append((self.path, dict(self.headers.items()), body))
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self) -> None:
                server.paths.append(self.path)
                path = self.path.split("?")[0]
                delay = server.delays.get(path) or server.delays.get(path.rsplit("/", 1)[-1])
                if delay:
                    time.sleep(delay)
                super().do_GET()

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


ServeSite = Callable[..., Built]


# --- Zensical: the Markdown extension where no MkDocs plugin runs ---------------------


def zensical_config(options: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "site_name": "Zen Docs",
        "theme": {"name": "material", "font": False},
        "markdown_extensions": [{"mkdocs_chatspark.extension": options}],
        **extra,
    }


def zensical_build(
    root: Path, *, assets: bool = True, config_file: Optional[str] = "mkdocs.yml"
) -> Built:
    """`zensical build`, after copying the widget's files into the docs (or not)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if assets:
        subprocess.run(
            [sys.executable, "-m", "mkdocs_chatspark", "assets", "docs"],
            cwd=root,
            check=True,
            env=env,
        )
    args = [sys.executable, "-m", "zensical", "build", "--clean"]
    if config_file:
        args += ["-f", config_file]  # without it, zensical.toml is read
    result = subprocess.run(
        args,
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return Built(root, result)


# An author's own listeners, written exactly as ChatSpark's Custom Actions page
# shows, from extra_javascript; the first one throws, and must not stop the others.
AUTHOR_JS = """
window.__seen = [];
window.ChatSpark.on('action-triggered', function () { throw new Error('a broken listener'); });
window.ChatSpark.on('action-triggered', function(payload) {
  const { actionId, actionType, data } = payload;
  window.__seen.push({ actionId, actionType, data });
});
"""


WIDGET = "[data-chatspark]:not([hidden])"
"""The widget's shadow host, once shown. It has `display: contents`: wait for it
attached, not visible."""


def widget_ready(page: Any) -> None:
    """Wait until the widget has taken over from the bootstrap's launcher (which it
    replaces, in the same place, when it loads on intent or idle)."""
    page.wait_for_selector(WIDGET, state="attached")


_FILE_LINE = re.compile(r"\b(mkdocs\.yml|docs/[\w/.-]+\.md):\d+: ")


def without_lines(text: str) -> str:
    """A log with `mkdocs.yml:23: ` written `mkdocs.yml: ` (and a page's file the same),
    for messages whose exact line a test does not pin (tests/build/test_build.py and
    tests/unit/test_yaml_lines.py pin them)."""
    return _FILE_LINE.sub(r"\1: ", text)


def names_a_line(text: str, message: str) -> bool:
    """Whether `message` (`mkdocs.yml: key.path: ...`) is in `text` with a line number."""
    file, _, rest = message.partition(": ")
    return re.search(rf"\b{re.escape(file)}:\d+: {re.escape(rest)}", text) is not None


def hosted_actions(receiver: Any) -> list[dict[str, Any]]:
    """A button only listeners act on and a form posted to `receiver` (a Receiver)."""
    return [
        {"id": "plain", "type": "button", "label": "Tell listeners", "data": {"n": 1}},
        {
            "id": "contact",
            "type": "form",
            "label": "Contact",
            "fields": [{"key": "email", "label": "Email", "type": "email", "required": True}],
            "webhook": receiver.origin + "/hooks/contact",
            "success_message": "Sent!",
        },
    ]


# --- answers: the index files a build writes ------------------------------------------

ANSWERS_FILE = re.compile(
    r'^\(window\.__chatsparkAnswers=window\.__chatsparkAnswers\|\|\{\}\)\["([\w.]+)"\]='
)


def index_files(built: Built, language: str = "en") -> dict[str, Any]:
    """The index files of one language, as the browser gets them: name -> JSON."""
    folder = built.site / "assets" / "chatspark" / "answers" / language
    out = {}
    for path in sorted(folder.glob("*.js")):
        text = path.read_text(encoding="utf-8")
        match = ANSWERS_FILE.match(text)
        assert match and text.endswith(";\n"), path
        assert match.group(1) == path.stem + ".json"
        out[match.group(1)] = json.loads(text[match.end() : -2])
    return out


def sections(built: Built, language: str = "en") -> list[list[str]]:
    files = index_files(built, language)
    return [row for name, rows in sorted(files.items()) if name.startswith("c") for row in rows]


def write_index(folder: Path, pages: list[Any]) -> Path:
    """The answers index of `pages` (mkdocs_chatspark.answers.Page), written into folder."""
    from mkdocs_chatspark.answers import build

    for name, text in build(pages).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder
