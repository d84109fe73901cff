"""Key paths in mkdocs.yml and in a page's front matter -> the lines they are
written on, for messages.

The file is composed, not loaded: YAML nodes keep their marks, and no tag is
constructed, so MkDocs' own (`!ENV`, `!relative`) and Python tags
(`!!python/name:material.extensions.emoji.twemoji`) cannot fail here. Where the
value may come from elsewhere (`!ENV`, or a key of a config with `INHERIT` that the
file does not write) there is no line.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Callable, Optional

import yaml
from mkdocs.utils.meta import YAML_RE  # MkDocs' own rule for where front matter is

from .errors import EXTENSION_NAME

PLUGIN_ENTRY = ("plugins", "chatspark")
EXTENSION_ENTRY = ("markdown_extensions", EXTENSION_NAME)

Lines = Callable[[str], Optional[int]]
"""A key path (`actions[1].webhook`) -> its line, when known."""

_TOKEN = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def no_lines(key_path: str) -> Optional[int]:
    return None


def lines_for(config_file_path: Optional[str], entry: tuple[str, str] = PLUGIN_ENTRY) -> Lines:
    """The lines of the options under `entry` (the plugin's, or the extension's)."""
    if not config_file_path:
        return no_lines
    try:
        stat = os.stat(config_file_path)
    except OSError:
        return no_lines
    root = _compose(config_file_path, stat.st_mtime_ns, stat.st_size)
    node = _entry(root, entry) if root is not None else None
    if node is None or root is None:
        return no_lines
    # With `INHERIT`, MkDocs merges the parent's mappings under this file's (mergedeep:
    # a key written here wins, a list written here replaces the parent's whole), so a
    # key is placed here only when this file writes it (Typer's and FastAPI's
    # mkdocs.yml inherit mkdocs.env.yml: their mistakes had no line at all).
    # In a `plugins:` list, the whole entry is this file's.
    section = _get(root, entry[0])
    merged = _get(root, "INHERIT") is not None and not (
        section is not None and isinstance(section[1], yaml.SequenceNode)
    )
    return lambda key_path: line_of(node, key_path, inherits=merged)


def front_matter_lines(read: Callable[[], str]) -> Lines:
    """The lines of a page's front matter keys, counted in the page's file. `read`
    gives the file's text; it is read and parsed only when a line is asked for
    (for an error or a warning), not for every page."""
    root: list[Optional[yaml.Node]] = []

    def lines(key_path: str) -> Optional[int]:
        if not root:
            match = YAML_RE.match(read())
            try:
                node = yaml.compose(match.group(1), Loader=yaml.SafeLoader) if match else None
            except yaml.YAMLError:
                node = None
            root.append(node)
        node = root[0]
        if node is None:
            return None
        line = line_of(node, key_path)
        return line + 1 if line is not None else None  # after the opening ---

    return lines


def _top_key(key: str) -> re.Pattern[str]:
    return re.compile(rf"^[\"']?{re.escape(key)}[\"']?[ \t]*:", re.M)


def dropped_front_matter(markdown: str, key: str) -> Optional[tuple[Optional[int], str]]:
    """When MkDocs cannot read a page's front matter (`min: 2026-13-01`, a date that
    does not exist, or broken YAML), it keeps none of it, `page.meta` is empty and
    the block stays at the top of the Markdown. If that block has a top-level `key:`,
    the page's settings would vanish without a word: (line in the page's file, what
    is wrong) to stop the build with. None when there is nothing of ours to lose.
    Cheap on the pages that matter: a prefix test, then a substring test."""
    if not markdown.startswith("---"):
        return None
    match = YAML_RE.match(markdown)
    if match is None or key not in match.group(1):
        return None
    text = match.group(1)
    if not _top_key(key).search(text):
        return None
    try:
        yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = e.problem or "not valid YAML"
        context = f" ({e.context})" if e.context else ""
        return (mark.line + 2 if mark else None), f"{problem}{context}"
    except yaml.YAMLError as e:
        return None, str(e)
    except (ValueError, TypeError, OverflowError) as e:
        # A value YAML recognises but cannot build, such as a date that does not
        # exist: PyYAML says what, not where, so find the scalar it fails on.
        where = _unbuildable(text)
        if where is None:
            return None, str(e)
        line, value = where
        hint = (
            "; quote it, or write a real date as YYYY-MM-DD"
            if _DATE_LIKE.match(value)
            else "; quote it"
        )
        return line + 2, f"{value!r} cannot be read ({e}){hint}"
    return None  # readable after all: MkDocs (or another plugin) dropped it for its own reasons


_DATE_LIKE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")


def _unbuildable(text: str) -> Optional[tuple[int, str]]:
    """The first scalar (0-based line, text) that composes but cannot be constructed."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    loader = yaml.SafeLoader("")
    try:
        stack: list[yaml.Node] = [root] if root is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.ScalarNode):
                try:
                    loader.construct_object(node)
                except (ValueError, TypeError, OverflowError, yaml.YAMLError):
                    return node.start_mark.line, str(node.value)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(reversed(node.value))
            elif isinstance(node, yaml.MappingNode):
                for key_node, value_node in reversed(node.value):
                    stack.extend((value_node, key_node))
    finally:
        loader.dispose()
    return None


@lru_cache(maxsize=8)
def _compose(path: str, mtime_ns: int, size: int) -> Optional[yaml.Node]:
    """The file's node tree, read once per version of the file."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            root = yaml.compose(f, Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return root if isinstance(root, yaml.MappingNode) else None


def _get(node: yaml.Node, key: str) -> Optional[tuple[yaml.Node, yaml.Node]]:
    """`key`'s key node and value in a mapping. Of a key written twice, the last: PyYAML
    (and so MkDocs) keeps that one."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value in reversed(node.value):
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node, value
    return None


def _entry(root: yaml.Node, entry: tuple[str, str]) -> Optional[yaml.Node]:
    """The options node of `- chatspark: {...}` in a list, or `chatspark: {...}` in a mapping."""
    section, name = entry
    found = _get(root, section)
    if found is None:
        return None
    items = found[1]
    if isinstance(items, yaml.MappingNode):
        item = _get(items, name)
        return item[1] if item else None
    if isinstance(items, yaml.SequenceNode):
        for element in items.value:
            item = _get(element, name)
            if item is not None:
                return item[1]
    return None


def line_of(node: yaml.Node, key_path: str, *, inherits: bool = False) -> Optional[int]:
    """The line of the deepest node of `key_path` written in the file (1-based), or
    None if its first key is not there or a value on the way is an `!ENV` tag. With
    `inherits` (the file has `INHERIT`), None also where a key is missing from a
    mapping that the parent file's may be merged with (one outside every list)."""
    line: Optional[int] = None
    in_list = False
    for index, name in _TOKEN.findall(key_path):
        if node.tag == "!ENV":
            return None
        if name and isinstance(node, yaml.MappingNode):
            found = _get(node, name)
            if found is None:
                if inherits and not in_list:
                    return None
                break
            key_node, node = found
            line = key_node.start_mark.line + 1
        elif index and isinstance(node, yaml.SequenceNode) and int(index) < len(node.value):
            node = node.value[int(index)]
            line = node.start_mark.line + 1
            in_list = True
        else:
            break
    if node.tag == "!ENV":
        return None
    return line
