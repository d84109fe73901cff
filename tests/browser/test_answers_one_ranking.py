"""One ranking: rank.js loaded by a page in Chromium answers exactly as the quality
scorer's Node run of it does (benchmarks/answers/ask.mjs), sources, passages and marks."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from playwright.sync_api import Page
from support import StaticServer

from mkdocs_chatspark.answers import Page as SitePage
from mkdocs_chatspark.answers import build

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "mkdocs_chatspark" / "assets" / "src" / "answers"
ASK = ROOT / "benchmarks" / "answers" / "ask.mjs"

PAGES = [
    SitePage(
        "user-guide/deploying/",
        "Deploying your docs",
        "<h1 id='d'>Deploying your docs</h1><p>A guide to deploying your docs.</p>"
        "<h2 id='github-pages'>GitHub Pages</h2><p>Host your project's documentation on "
        "GitHub Pages with <code>mkdocs gh-deploy</code>.</p>"
        "<h2 id='custom-domains'>Custom Domains</h2><p>GitHub Pages supports a custom domain "
        "through a CNAME file. Résumé of the DNS steps: add a record.</p>",
    ),
    SitePage(
        "user-guide/configuration/",
        "Configuration",
        "<h1 id='c'>Configuration</h1><p>All the settings.</p>"
        "<h2 id='site_dir'>site_dir</h2><p>The directory where the output HTML is created.</p>"
        "<h2 id='strict'>strict</h2><p>Halt the build when a warning is raised. Disable it "
        "to let warnings pass.</p>",
    ),
]
QUESTIONS = [
    "How do I publish on GitHub Pages?",
    "custom domian with a cname",
    "where does the output html go",
    "stirct warnings",
    "turn strict off",
    "resume of dns",
    "how do I bake bread",
    "",
]

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>rank</title></head><body>
<script type="module">
import { openIndex, answer } from './src/answers/rank.js';
const index = openIndex((name) => fetch(`./answers/en/${name}`).then((r) => r.json()));
window.askAll = async (questions) => {
  const out = [];
  for (const q of questions) out.push(await answer(index, q, { sources: 3 }));
  return out;
};
</script></body></html>"""


def node_answers(folder: Path, questions: list[str]) -> list[Any]:
    done = subprocess.run(
        ["node", str(ASK), str(folder)],
        input=json.dumps({"questions": questions}),
        capture_output=True,
        text=True,
        check=True,
    )
    answers: list[Any] = json.loads(done.stdout)
    return answers


def test_the_browser_ranks_as_the_scorer_does(
    page: Page, server: StaticServer, tmp_path: Path
) -> None:
    for name, text in build(PAGES).items():
        path = tmp_path / "answers" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copytree(SRC, tmp_path / "src" / "answers")
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    server.root = tmp_path
    page.goto(server.url)
    page.wait_for_function("typeof window.askAll === 'function'")
    in_browser = page.evaluate("questions => window.askAll(questions)", QUESTIONS)
    in_node = node_answers(tmp_path / "answers" / "en", QUESTIONS)
    assert in_browser == in_node
    found = [a["sources"][0]["href"] if a["found"] else None for a in in_browser]
    assert found == [
        "user-guide/deploying/#github-pages",
        "user-guide/deploying/#custom-domains",
        "user-guide/configuration/#site_dir",
        "user-guide/configuration/#strict",
        "user-guide/configuration/#strict",
        "user-guide/deploying/#custom-domains",
        None,
        None,
    ]
    # The files a question needs, not the whole index: meta, its words' shards, its sources' chunks.
    fetched = [p for p in server.paths if p.startswith("/answers/")]
    assert "/answers/en/meta.json" in fetched
