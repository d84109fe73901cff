"""How the answers part spreads its work over tasks (assets/src/answers/panel.js), run
in Node with a clock and a scheduler of the test's own: no time is measured.

- `pauser` yields only once SLICE_MS has passed since its last yield: a pasted
  question's answer no longer waits behind every queued task at each small step;
- a task that tells its start (`begun`: a question sent or typed, an index file
  arriving) keeps its first SLICE_MS: a question whose files are in is answered in
  the task it was sent in, not after a frame drawn between;
- `paced` starts each index file after a pause of its own: a question's words start
  several loads at once, and a burst of them in one task made a long task;
- rank.js asks for a word's synonyms' files and the question's code names' files
  with the words' own, not after them (one wait for the network, not several).
"""

from __future__ import annotations

import bisect
import json
import subprocess
from pathlib import Path
from typing import Any

from support import write_index

from mkdocs_chatspark.answers import Page
from mkdocs_chatspark.answers.text import language, terms

PANEL = Path(__file__).resolve().parents[2] / "mkdocs_chatspark/assets/src/answers/panel.js"

SCRIPT = """
const { pauser, paced, SLICE_MS } = await import(process.argv[1]);
const events = [];
let now = 0;
const win = {
  performance: { now: () => now },
  scheduler: { yield: async () => { events.push(`yield@${now}`); } },
};
const pause = pauser(win);
const out = { slice: SLICE_MS };
// pauser: steps of 3 ms of work each, then one step after a long await.
for (let step = 0; step < 10; step++) { await pause(); now += 3; }
now += 100;
await pause();
out.pauses = events.splice(0);
// begun: a task that tells its start does not yield in its first SLICE_MS.
now += 100;
pause.begun();
for (let step = 0; step < 4; step++) { await pause(); now += 3; }
out.begun = events.splice(0);
// indexLoader tells `arrived` once a file's text is in, before its JSON is read.
const { indexLoader } = await import(process.argv[1]);
const told = [];
const fetching = {
  ...win,
  fetch: async (url) => ({ ok: true, text: async () => { told.push(`text ${url}`); return '(window.x=window.x||{})["t1.json"]={"a":1};'; } }),
};
const loader = indexLoader('http://127.0.0.1/answers/en/', 'v1', { baseURI: 'http://127.0.0.1/' }, fetching,
  () => told.push('arrived'));
out.loaded = await loader('t1.json');
out.told = told;
// paced: five loads asked for in one go start one after another, each after a pause.
const loads = [];
const load = paced(async (name) => { loads.push(`load ${name}`); return name.toUpperCase(); },
  async () => { loads.push('pause'); });
out.values = await Promise.all(['a', 'b', 'c', 'd', 'e'].map(load));
out.loads = loads;
// A load that fails fails its own file only.
const failing = paced(async (name) => { if (name === 'x') throw new Error('gone'); return name; },
  async () => undefined);
out.settled = (await Promise.allSettled(['x', 'y'].map(failing))).map((r) => r.status);
console.log(JSON.stringify(out));
"""


def run() -> Any:
    done = subprocess.run(
        ["node", "--input-type=module", "-e", SCRIPT, PANEL.as_uri()],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_a_pause_yields_once_a_slice_has_passed_and_at_the_first_pause_of_a_task() -> None:
    out = run()
    assert out["slice"] == 10
    # The first pause yields (the task's start is not known); then each after 10 ms
    # or more of 3 ms steps (at 12 and 24 ms), and the first after the long await.
    assert out["pauses"] == ["yield@0", "yield@12", "yield@24", "yield@130"]


def test_a_task_that_tells_its_start_keeps_its_first_slice() -> None:
    out = run()
    # begun at 130 + 100: steps at 0, 3, 6 and 9 ms of it, all under 10 ms: no yield
    # (the old pauser yielded at the first, letting a frame be drawn before the answer).
    assert out["begun"] == []


def test_a_file_arriving_is_told_before_its_json_is_read() -> None:
    out = run()
    assert out["loaded"] == {"a": 1}
    assert out["told"] == ["text http://127.0.0.1/answers/en/t1.js?v=v1", "arrived"]


def test_loads_start_one_after_another_each_after_a_pause() -> None:
    out = run()
    assert out["values"] == ["A", "B", "C", "D", "E"]
    assert out["loads"] == [x for name in "abcde" for x in ("pause", f"load {name}")]
    assert out["settled"] == ["rejected", "fulfilled"]


RANK = PANEL.parent / "rank.js"

GATED = """
const { openIndex, answer } = await import(process.argv[1]);
const { readFile } = await import('node:fs/promises');
const [folder, question] = [process.argv[2], process.argv[3]];
// Every file waits at a gate: which are asked for before any has come?
const asked = [];
let open;
const gate = new Promise((resolve) => (open = resolve));
const index = openIndex(async (name) => {
  asked.push(name);
  if (name !== 'meta.json') await gate;
  return JSON.parse(await readFile(`${folder}/${name}`, 'utf8'));
});
await index.meta();
const result = answer(index, question, { sources: 1 });
for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
const before = asked.filter((name) => name !== 'meta.json');
open();
const { found, sources } = await result;
console.log(JSON.stringify({ before, found, href: sources.map((s) => s.href) }));
"""


def filler(n: int) -> str:
    """Made-up words, each once, from `aa...` to `zz...`: enough terms for many term files."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return " ".join(
        letters[i % 26] + letters[(i // 26) % 26] + letters[(i // 676) % 26] + "qx"
        for i in range(n)
    )


def test_a_words_synonyms_and_the_code_names_files_are_asked_for_together(
    tmp_path: Path,
) -> None:
    pages = [
        Page(f"p{k}/", f"Page {k}", f"<h1 id='p'>Page {k}</h1><p>{filler(4000)[k * 9 :]}</p>")
        for k in range(3)
    ]
    pages.append(
        Page(
            "dirs/",
            "Output",
            "<h1 id='o'>Output</h1><h2 id='where'>Where it goes</h2>"
            "<p>The build writes every page into the site directory. Set x_path.</p>",
        )
    )
    write_index(tmp_path, pages)
    meta = json.loads((tmp_path / "en" / "meta.json").read_text())

    def shard(term: str) -> str:
        return f"t{bisect.bisect_right(meta['shards'], term) - 1}.json"

    # The question's word and its synonym, the code name's part and its whole
    # (`x` is too short to count): four files (text.py's stems).
    stems = terms("folder directory x_path", language("en"))
    assert stems == ["folder", "directory", "path", "xpath"]
    wanted = {shard(stem) for stem in stems}
    assert len(wanted) == 4, meta["shards"]
    done = subprocess.run(
        ["node", "--input-type=module", "-e", GATED, RANK.as_uri(), str(tmp_path / "en"),
         "which folder gets x_path"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    out = json.loads(done.stdout)
    assert wanted <= set(out["before"])
    assert out["found"] and out["href"] == ["dirs/#where"]


AFTER_META = """
const { openIndex, answer } = await import(process.argv[1]);
const { readFile } = await import('node:fs/promises');
const [folder, question] = [process.argv[2], process.argv[3]];
// What happens, in order: each file asked for, each pause of the answer's work.
const events = [];
const index = openIndex(async (name) => {
  events.push(name);
  return JSON.parse(await readFile(`${folder}/${name}`, 'utf8'));
});
const pause = async () => { events.push('pause'); };
const { found } = await answer(index, question, { sources: 1, pause });
console.log(JSON.stringify({ events, found }));
"""


def test_the_answer_pauses_once_meta_json_is_read_before_its_words_are(tmp_path: Path) -> None:
    # meta.json arriving is a task's worth of work (its rules, where each page and
    # section file starts); the question's words go in a task of their own after it.
    pages = [
        Page(f"p{k}/", f"Page {k}", f"<h1 id='p'>Page {k}</h1><p>{filler(300)[k * 9 :]}</p>")
        for k in range(3)
    ]
    write_index(tmp_path, pages)
    done = subprocess.run(
        ["node", "--input-type=module", "-e", AFTER_META, RANK.as_uri(), str(tmp_path / "en"),
         "aabqx abaqx"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    out = json.loads(done.stdout)
    assert out["found"]
    assert out["events"][:2] == ["meta.json", "pause"]
    assert out["events"][2].startswith("t")
