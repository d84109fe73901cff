"""The README as a new user meets it: its first config block, pasted into a site
that `mkdocs new` made, builds with --strict and puts the widget on the page."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from support import ROOT, TOOL, Built, run_build

README = ROOT / "README.md"


def first_yaml_block(markdown: str) -> str:
    match = re.search(r"^```yaml\n(.*?)^```$", markdown, re.M | re.S)
    assert match, "README.md has no ```yaml block"
    return match.group(1)


def test_the_readmes_first_config_builds_strict_in_a_new_site(tmp_path: Path) -> None:
    readme = README.read_text(encoding="utf-8")
    block = first_yaml_block(readme)
    # The Install section's block, the one a new user pastes first.
    assert readme.index("```yaml") > readme.index("## Install")
    assert "chatspark" in block
    subprocess.run(
        [sys.executable, "-m", TOOL, "new", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    # `mkdocs new` writes mkdocs.yml, `properdocs new` properdocs.yml; both read mkdocs.yml.
    [made] = tmp_path.glob("*.yml")
    # Pasted below what `new` wrote, as a reader would.
    config = made.read_text(encoding="utf-8") + "\n" + block
    made.unlink()
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")

    # A new interpreter, as the author runs it: the one build here not run in process.
    built: Built = run_build(tmp_path, strict=True, in_process=False)

    assert built.ok, built.log
    page = built.html("index.html")
    assert 'id="chatspark-page"' in page
    ids = [a["id"] for a in built.site_data()["actions"]]
    assert ids == re.findall(r"^\s+- id: (\w+)", block, re.M)
