"""The package's modules import one way: host adapters -> pipeline -> model, merge,
render -> safety and errors. The two hosts are peers: neither imports the other, and
both import cta, the Markdown side of calls to action. No cycle, no import hidden in
a function to break one."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "mkdocs_chatspark"

# A module may import only modules of a lower layer.
LAYERS = [
    {"errors", "messages", "redos", "answering", "answers"},
    {"yaml_lines", "pattern", "cta"},  # cta: calls to action in Markdown, for both hosts
    {"safety", "limits"},
    {"model"},
    {"feedback"},
    {"merge", "options"},
    {"render"},
    {"pipeline", "schema"},
    # the hosts, peers: the MkDocs plugin, the Zensical extension; beside them the receiver
    {"plugin", "extension", "receiver"},
    {"__main__"},  # the command line
]
HOSTS = {"plugin", "extension"}
LAYER = {name: i for i, names in enumerate(LAYERS) for name in names}


def imported(path: Path) -> set[str]:
    """The package's own modules a module imports, anywhere in it."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 1 and not module:  # from . import a, b
                out.update(alias.name for alias in node.names)
            elif node.level == 1:  # from .a import x
                out.add(module.split(".")[0])
            elif module.startswith("mkdocs_chatspark."):
                out.add(module.split(".")[1])
            elif module == "mkdocs_chatspark":
                out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("mkdocs_chatspark."):
                    out.add(alias.name.split(".")[1])
    return out


def test_every_module_has_a_layer() -> None:
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"} | packages
    assert (PACKAGE / "receiver" / "__init__.py").is_file()  # a package with a layer
    assert modules == set(LAYER)


def test_the_receiver_imports_the_model_never_a_host() -> None:
    """The receiver reads the site as the build does, through model and options (and
    checks page feedback's votes with feedback's own parser, and says a field's
    problem in the widget's own words, from messages), and runs without MkDocs'
    plugin machinery: no host, no pipeline, no renderer."""
    used = set()
    for path in sorted((PACKAGE / "receiver").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 2:
                used.update([node.module] if node.module else [a.name for a in node.names])
    assert used == {"model", "errors", "options", "feedback", "messages"}


def test_imports_run_one_way() -> None:
    wrong = []
    for path in sorted(PACKAGE.glob("*.py")):
        if path.stem == "__init__":
            continue
        for name in sorted(imported(path)):
            if LAYER[name] >= LAYER[path.stem]:
                wrong.append(f"{path.stem} imports {name}")
    assert wrong == []


def test_the_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "safety.py"
    module.write_text("def f():\n    from .model import ActionError\n", encoding="utf-8")
    assert imported(module) == {"model"}


def test_the_hosts_are_peers_over_the_pipeline_and_cta() -> None:
    for host in sorted(HOSTS):
        uses = imported(PACKAGE / f"{host}.py")
        assert {"pipeline", "cta"} <= uses, host
        assert not uses & (HOSTS - {host}), f"{host} imports another host"
