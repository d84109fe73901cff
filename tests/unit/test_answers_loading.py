"""How the answers part (assets/src/answers/panel.js) reads the index and answers
ahead, run in Node with a window of the test's own: no time is measured.

- `carried` reads the JSON that answering.index_scripts writes into each script,
  which `indexLoader` fetches over http(s) instead of running it;
- `answering` does not answer a question again once it is sent: the pause after
  the reader's last keystroke would otherwise answer it a second time for nothing;
- text.js `compileRules` takes meta.json's synonym groups stemmed already
  (`synonym_stems`, index.py): the same groups as stemming languages.json's words
  in the browser, which was most of meta.json's task.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from support import write_index

from mkdocs_chatspark import answering
from mkdocs_chatspark.answers import Page
from mkdocs_chatspark.answers.index import synonym_stems
from mkdocs_chatspark.answers.text import RULES_FILE, language

PANEL = Path(__file__).resolve().parents[2] / "mkdocs_chatspark/assets/src/answers/panel.js"


def node(script: str, *args: str, stdin: str = "") -> Any:
    done = subprocess.run(
        ["node", "--input-type=module", "-e", script, PANEL.as_uri(), *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


CARRIED = """
const { carried } = await import(process.argv[1]);
const { readFileSync } = await import('node:fs');
const scripts = JSON.parse(readFileSync(0, 'utf8'));
const out = {};
for (const [path, text] of Object.entries(scripts)) {
  const name = path.split('/').pop().replace(/\\.js$/, '.json');
  out[name] = carried(text, name, path);
}
try { carried('window.x = 1;', 't9.json', 'x.js'); } catch (err) { out.error = err.message; }
console.log(JSON.stringify(out));
"""


def test_the_json_in_each_index_script_is_read_as_the_script_would_file_it() -> None:
    files = {
        "meta.json": json.dumps({"version": 1, "lang": "en"}),
        "t0.json": json.dumps({"a;b": [1, 2, 3], '"]=': [4, 5]}, ensure_ascii=False),
        "c0.json": json.dumps([["p/", "Ünïcode ; </script> \u2028", "H", "h", "x]=y;"]],
                              ensure_ascii=False),
    }  # fmt: skip
    scripts, _ = answering.index_scripts(files, "en")
    out = node(CARRIED, stdin=json.dumps(scripts))
    assert out.pop("error") == "ChatSpark: x.js did not carry t9.json"
    assert out == {name: json.loads(text) for name, text in files.items()}


SENT = """
const { answering } = await import(process.argv[1]);
const { openIndex } = await import(new URL('rank.js', process.argv[1]));
const { readFile } = await import('node:fs/promises');
const folder = process.argv[2];
// The section files asked for: each answer (ahead or sent) asks for its sources'.
const asked = [];
const opened = openIndex(async (name) => JSON.parse(await readFile(`${folder}/${name}`, 'utf8')));
const index = {
  ...opened,
  file: (name) => {
    if (name.startsWith('c')) asked.push(name);
    return opened.file(name);
  },
};
const timers = new Map();
let next = 1;
const win = {
  setTimeout: (fn) => { timers.set(next, fn); return next++; },
  clearTimeout: (id) => timers.delete(id),
};
// Until the answers in flight are made: the files are read from disk.
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
const pause = Object.assign(async () => undefined, { begun: () => undefined });
const early = answering(index, { sources: 1, pause }, win);
const question = 'where does the build write pages';
early.typed(question);
await settle();
const ahead = asked.length;
const { found } = await early.answer(question);
// The reader's pause (PAUSE_MS after the last keystroke) comes after Enter.
for (const fn of [...timers.values()]) fn();
await settle();
console.log(JSON.stringify({ ahead, found, after: asked.length - ahead, timers: timers.size }));
"""


def test_a_question_sent_is_not_answered_ahead_again_when_the_typing_pause_ends(
    tmp_path: Path,
) -> None:
    pages = [
        Page(
            "dirs/",
            "Output",
            "<h1 id='o'>Output</h1><h2 id='where'>Where it goes</h2>"
            "<p>The build writes every page into the site directory.</p>",
        )
    ]
    write_index(tmp_path, pages)
    out = node(SENT, str(tmp_path / "en"))
    assert out["ahead"] == 1 and out["found"]
    assert out["after"] == 0
    assert out["timers"] == 0


SYNONYMS = """
const { compileRules } = await import(new URL('text.js', process.argv[1]));
const { readFileSync } = await import('node:fs');
const out = {};
for (const [name, rules] of Object.entries(JSON.parse(readFileSync(0, 'utf8')))) {
  out[name] = Object.fromEntries(compileRules(rules).synonyms);
}
console.log(JSON.stringify(out));
"""


def test_synonym_stems_from_meta_json_are_the_groups_the_browser_stemmed() -> None:
    rules = {}
    for code in json.loads(RULES_FILE.read_text(encoding="utf-8")):
        raw = language(code).raw
        base = {"stop": raw["stop"], "steps": raw["steps"]}
        rules[f"{code} words"] = {**base, "synonyms": raw.get("synonyms", [])}
        rules[f"{code} stems"] = {**base, "synonym_stems": synonym_stems(language(code))}
    # Taken as they are: not stemmed again (`folders` would be `folder`).
    rules["as is"] = {"stop": [], "steps": language("en").raw["steps"],
                      "synonym_stems": [["folders", "directory"]]}  # fmt: skip
    out = node(SYNONYMS, stdin=json.dumps(rules))
    assert out.pop("as is") == {"folders": ["directory"], "directory": ["folders"]}
    assert any(out[f"{code} words"] for code in ("en", "fr", "de"))
    for name, synonyms in out.items():
        code, kind = name.split()
        if kind == "words":
            assert out[f"{code} stems"] == synonyms, code
