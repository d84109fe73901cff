"""How long a field's pattern can hold the reader's main thread, in Chromium under
Lighthouse's 4x CPU slowdown: the patterns the build refuses (redos.py) beside the
worst kinds it accepts, each on the adversarial input of the widget's own bound
(1,000 characters, fields.js PATTERN_MAX) or, for the refused ones, a few dozen.

Target: no accepted pattern blocks more than 50 ms. Reports, does not assert.

    python benchmarks/bench_patterns.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support import CHROMIUM, CHROMIUM_ARGS

from mkdocs_chatspark import redos

TARGET_MS = 50.0
BOUND = 1000  # fields.js PATTERN_MAX

# (pattern, input that makes a backtracking engine work hardest)
CASES = [
    # refused at build
    (r"(a+)+b", "a" * 24 + "c"),
    (r"(a*)*b", "a" * 24 + "c"),
    (r"(\w+\s?)+", "a" * 24 + "!"),
    (r"\d*\d*\d*x", "1" * BOUND),
    # accepted: quadratic at worst, on the widest input the widget tests
    (r"\d+\.?\d*", "1" * (BOUND - 1) + "x"),
    (r"\d+\d+", "1" * (BOUND - 1) + "x"),
    (r".*,.*", "," * (BOUND - 1) + "\n"),
    (r"[\w.-]+@[\w-]+\.[a-z]{2,}", "a" * (BOUND - 1) + "@"),
    (r"([a-z]+\.)+[a-z]+", "a." * (BOUND // 2 - 1) + "!!"),
    (r"(\+\d{1,3} )?\d{3}[ -]?\d{3}[ -]?\d{4}", "1" * BOUND),
]

TIME = """([p, s]) => {
  const r = new RegExp("^(?:" + p + ")$", "u");
  const t = performance.now();
  r.test(s);
  return performance.now() - t;
}"""


def main() -> int:
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        for pattern, text in CASES:
            refused = redos.check(pattern) is not None
            best = min(page.evaluate(TIME, [pattern, text]) for _ in range(3))
            rows.append((pattern, len(text), refused, best))
        browser.close()
    print(f"{'pattern':42} {'input':>6} {'build':>8} {'ms (4x CPU)':>12}  target")
    worst = 0.0
    for pattern, length, refused, ms in rows:
        verdict = "-" if refused else ("ok" if ms <= TARGET_MS else f"{ms / TARGET_MS:.1f}x over")
        if not refused:
            worst = max(worst, ms)
        build = "refused" if refused else "accepted"
        print(f"{pattern:42} {length:>6} {build:>8} {ms:>12.1f}  {verdict}")
    print(f"worst accepted: {worst:.1f} ms against {TARGET_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
