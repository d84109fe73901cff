"""How the answers part spreads its work over tasks (assets/src/answers/panel.js), run
in Node with a clock and a scheduler of the test's own: no time is measured.

- `pauser` yields only once SLICE_MS has passed since its last yield: a pasted
  question's answer no longer waits behind every queued task at each small step;
- `paced` starts each index file after a pause of its own: a question's words start
  several loads at once, and a burst of them in one task made a long task.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

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


def test_loads_start_one_after_another_each_after_a_pause() -> None:
    out = run()
    assert out["values"] == ["A", "B", "C", "D", "E"]
    assert out["loads"] == [x for name in "abcde" for x in ("pause", f"load {name}")]
    assert out["settled"] == ["rejected", "fulfilled"]
