"""A field's `pattern` is checked at build by `regress` (pattern.py) and used in the
page by `new RegExp(...)` (fields.js): a table of patterns through both, in Chromium,
and they agree on which patterns are valid and on what each valid one matches."""

from __future__ import annotations

from typing import Any, Optional

from playwright.sync_api import Page, expect
from stub_receiver import Receiver
from support import ServeSite, StaticServer, site_config

from mkdocs_chatspark import pattern

# (pattern, values to match against the whole pattern). Among them patterns that
# JavaScript takes and a hand-written checker had refused, and patterns that it
# refuses under the widget's flag.
TABLE: list[tuple[str, list[str]]] = [
    (r"\p{L}+", ["é", "abc", "a1", "", "日本"]),
    (r"(a)\1", ["aa", "a", "ab"]),
    (r"(?<=a+)b", ["b", "ab"]),
    (r"(?<=a+)b|a+b", ["aab", "b"]),
    (r"[[]", ["[", "]"]),
    (r"(?<y>\d{4})-\k<y>", ["2026-2026", "2026-2027"]),
    (r"\d+", ["42", "٤٢"]),
    (r"\w+", ["a_1", "é"]),
    (r".", ["a", "\n", "\u2028", "😀"]),
    (r"a\s", ["a ", "a\u00a0", "a\ufeff", "ab"]),
    (r"[^]", ["x", "\n", "xy"]),
    (r"\u{1F600}", ["😀", "😁"]),
    (r"^a$", ["a", "a\n"]),
    (r"[A-Z]{2}-\d{4}", ["AB-1234", "ab-1234"]),
    (r"[\w.-]+@[\w-]+\.[a-z]{2,}", ["ada@example.com", "ada@localhost"]),
    (r"\bab\B.", ["abc", "ab "]),
    (r"x[]?", ["x", "xy"]),
    (r"[--0]", ["-", "/", "1"]),
    # refused with the u flag
    ("[A-Z", []),
    ("a{,3}", []),
    ("a{", []),
    ("]", []),
    ("}", []),
    ("a**", []),
    ("(?>a)", []),
    ("(?i:a)", []),
    ("a)|(b", []),
    ("[z-a]", []),
    (r"[\d-z]", []),
    (r"\a", []),
    (r"\-", []),
    (r"\x4", []),
    (r"\u{110000}", []),
    (r"\c1", []),
    (r"\01", []),
    ("a\\", []),
    ("(?<a>x)(?<a>y)", []),
    (r"(?<n>a)\k<m>", []),
    ("a{3,2}", []),
    (r"\p{Nope}", []),
]

# What fields.js does with a pattern: read it alone, as the build does, then test
# whole values as the widget does.
IN_THE_PAGE = """([pattern, values, flag]) => {
  try {
    new RegExp(pattern, flag);
    const whole = new RegExp("^(?:" + pattern + ")$", flag);
    return values.map((v) => whole.test(v));
  } catch (e) {
    return null;
  }
}"""


def in_python(text: str, values: list[str]) -> Optional[list[bool]]:
    try:
        compiled = pattern.compile_pattern(text)
    except pattern.PatternError:
        return None
    return [pattern.matches(compiled, v) for v in values]


def test_regress_and_chromium_agree_on_every_pattern_of_the_table(page: Page) -> None:
    page.goto("about:blank")
    found: dict[str, Any] = {}
    for text, values in TABLE:
        browser = page.evaluate(IN_THE_PAGE, [text, values, pattern.FLAGS])
        python = in_python(text, values)
        if browser != python:
            found[text] = {"chromium": browser, "regress": python}
    assert found == {}
    # The table means something: both valid and refused patterns, and matches both ways.
    results = [in_python(text, values) for text, values in TABLE]
    assert sum(r is None for r in results) >= 20
    assert {True, False} <= {m for r in results if r for m in r}


def test_the_widget_reads_a_pattern_as_the_build_checked_it(
    page: Page, serve_site: ServeSite, server: StaticServer, receiver: Receiver
) -> None:
    """`\\p{Lu}\\p{Ll}+` means "an upper-case letter, then lower-case ones" only with
    the u (or v) flag; without it, it is the letters "p{Lu}p{Ll}". The build took
    it (regress, with pattern.FLAGS), and the widget checks a reader's value alike."""
    form = {
        "id": "name",
        "type": "form",
        "label": "Your name",
        "fields": [
            {
                "key": "name",
                "label": "Name",
                "pattern": r"\p{Lu}\p{Ll}+",
                "pattern_message": "A name.",
            }
        ],
        "webhook": receiver.origin + "/hooks/name",
        "submit_label": "Send",
        "success_message": "Thanks!",
    }
    serve_site(site_config({"chatbot_id": "bot", "actions": [form]}), {"index.md": "# Home\n"})
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    page.get_by_role("button", name="Your name").click()
    page.get_by_role("textbox", name="Name").fill("émile")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("A name.")).to_be_visible()
    page.get_by_role("textbox", name="Name").fill("Émile")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thanks!")).to_be_visible()
    [post] = receiver.posts()
    assert post.json()["data"] == {"name": "Émile"}
