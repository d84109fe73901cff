"""The documentation is a site: example_site builds --strict with the plugin, its
options table is made from the options' docstrings, and the README links into it."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from support import ROOT, run_build

from mkdocs_chatspark.options import ChatSparkConfig, descriptions

SITE = ROOT / "example_site"


def test_the_docs_build_strict_with_every_option_in_the_table(tmp_path: Path) -> None:
    shutil.copytree(SITE, tmp_path / "docs_site", ignore=shutil.ignore_patterns("site"))
    built = run_build(tmp_path / "docs_site")
    assert built.ok, built.log
    page = built.html("options/index.html")
    rows = re.findall(r"<tr>\s*<td><code>(\w+)</code></td>\s*<td>(.*?)</td>", page)
    assert [name for name, _ in rows] == [name for name, _ in ChatSparkConfig._schema]
    assert all(default.strip() for _, default in rows)
    assert "chatspark:options" not in page


def test_the_options_table_committed_for_github_is_the_generated_one() -> None:
    # README links to options.md: read on GitHub, the table is this copy.
    hooks = _hooks()
    page = hooks.OPTIONS_PAGE.read_text(encoding="utf-8")
    assert hooks.committed_table(page) == hooks.options_table(), (
        "the options table in example_site/docs/options.md is not the docstrings' one; "
        "regenerate: python example_site/hooks.py"
    )
    assert hooks.with_table(page) == page


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("example_site_hooks", SITE / "hooks.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_option_is_described_once_in_its_docstring() -> None:
    described = descriptions()
    assert list(described) == [name for name, _ in ChatSparkConfig._schema]
    for name, option in described.items():
        assert option.text and option.default, name
        assert option.summary.endswith(".") and "`" not in option.summary, name


def test_the_readme_links_into_pages_that_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(((?:example_site|[A-Z]+)[^)#]*)\)", readme)
    assert len(links) > 10
    assert [link for link in links if not (ROOT / link).is_file()] == []
    assert len(readme.splitlines()) < 120  # one or two screens: the rest is the docs site


def test_the_editor_help_commands_run_as_written_in_a_new_project(tmp_path: Path) -> None:
    # A new project has no .vscode folder: the shell's redirection does not make one.
    page = (SITE / "docs" / "install.md").read_text(encoding="utf-8")
    section = page[page.index("## Editor help") :]
    match = re.search(r"```sh\n(.*?)```", section, re.S)
    assert match, "install.md's Editor help has no ```sh block"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(
        ["bash", "-euc", match.group(1)], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    schema = json.loads((tmp_path / ".vscode" / "chatspark.schema.json").read_text("utf-8"))
    assert "frontMatter" in schema["definitions"]
