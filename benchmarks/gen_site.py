"""A synthetic MkDocs site of N pages for the benchmarks.

Every page has headings, paragraphs, lists, a code block, a table, an admonition
and links to other pages. One page in ten has its own chat actions in front
matter (a button and a form, sometimes a `hide` or a `greeting`); all the others
show only the site-wide actions of mkdocs.yml. The plugin is switched by the
environment, as an author would: `enabled: !ENV [CHATSPARK, true]`.

The output is deterministic: the same arguments give the same files.

    python benchmarks/gen_site.py /tmp/site --pages 300 --theme material
"""

from __future__ import annotations

import argparse
import posixpath
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import yaml

THEMES = ("mkdocs", "material")
ENV_SWITCH = "CHATSPARK"
"""Environment variable read by `enabled: !ENV [CHATSPARK, true]`."""

PAGES_PER_SECTION = 20
NESTED_FROM = 15
"""Pages from this index on in a section go one folder deeper, to vary URL depth."""
OWN_ACTIONS_EVERY = 10
"""Every tenth page has its own actions in front matter."""

WEBHOOK = "https://api.example.com/hooks/"
WORDS = [
    "build",
    "plugin",
    "page",
    "site",
    "theme",
    "action",
    "widget",
    "config",
    "navigation",
    "search",
    "index",
    "render",
    "template",
    "markdown",
    "extension",
    "server",
    "client",
    "request",
    "response",
    "deploy",
    "version",
    "release",
    "cache",
    "asset",
    "script",
    "style",
    "layout",
    "section",
    "heading",
    "table",
    "list",
    "code",
    "example",
    "option",
]


@dataclass(frozen=True)
class PageInfo:
    path: str
    """Path under docs/, POSIX style."""
    title: str
    own_actions: bool

    @property
    def url(self) -> str:
        """The page's URL from the site root, with directory URLs (the default)."""
        stem = self.path[: -len(".md")]
        if stem == "index":
            return ""
        return f"{stem.removesuffix('/index')}/"

    @property
    def url_depth(self) -> int:
        """Folders between the site root and the page's HTML."""
        return self.url.count("/")


def page_paths(pages: int) -> list[PageInfo]:
    """The site's pages: index.md, then sections of PAGES_PER_SECTION pages."""
    if pages < 1:
        raise ValueError("a site needs at least one page")
    out = [PageInfo("index.md", "Home", own_actions=False)]
    for n in range(1, pages):
        section, j = divmod(n - 1, PAGES_PER_SECTION)
        folder = f"section-{section + 1:02d}" + ("/more" if j >= NESTED_FROM else "")
        out.append(
            PageInfo(
                f"{folder}/page-{n:04d}.md",
                f"Page {n}: {WORDS[n % len(WORDS)].title()}",
                own_actions=n % OWN_ACTIONS_EVERY == 0,
            )
        )
    return out


def site_actions(first_page: str) -> list[dict[str, Any]]:
    """The site-wide actions: a button to a docs page, a form, a link."""
    return [
        {
            "id": "book_demo",
            "type": "button",
            "label": "Book a demo",
            "primary": True,
            "url": f"{first_page}#overview",
        },
        {
            "id": "contact_sales",
            "type": "form",
            "label": "Contact sales",
            "fields": [
                {"key": "name", "label": "Name", "required": True},
                {"key": "email", "label": "Email", "required": True, "type": "email"},
                {
                    "key": "team_size",
                    "label": "Team size",
                    "type": "select",
                    "options": ["1-10", "11-50", "51+"],
                },
                {"key": "message", "label": "Message", "type": "textarea", "max_length": 2000},
            ],
            "webhook": WEBHOOK + "contact",
            "success_message": "Thanks, we will be in touch.",
        },
        {
            "id": "api_docs",
            "type": "link",
            "label": "API reference",
            "url": "https://example.com/api",
        },
    ]


def page_actions(n: int, link_target: str) -> dict[str, Any]:
    """A page's own `chatspark:` front matter: a button and a form, and some variety."""
    settings: dict[str, Any] = {
        "actions": [
            {
                "id": f"guide_{n}",
                "type": "button",
                "label": f"Open the guide for page {n}",
                "url": f"{link_target}#details",
            },
            {
                "id": f"feedback_{n}",
                "type": "form",
                "label": "Was this page useful?",
                "fields": [
                    {
                        "key": "useful",
                        "label": "Useful?",
                        "type": "select",
                        "options": ["Yes", "No"],
                        "required": True,
                    },
                    {"key": "comment", "label": "Comment", "type": "textarea"},
                    {"key": "email", "label": "Email", "type": "email"},
                ],
                "webhook": WEBHOOK + "feedback",
            },
        ]
    }
    if n % 20 == 0:
        settings["hide"] = ["api_docs"]
    if n % 30 == 0:
        settings["greeting"] = f"Questions about page {n}?"
    return settings


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(3, 5)))


def page_markdown(page: PageInfo, n: int, others: list[PageInfo]) -> str:
    """The Markdown of one page (front matter included), seeded by its number."""
    rng = random.Random(n)
    here = posixpath.dirname(page.path)

    def link(other: PageInfo) -> str:
        return f"[{other.title}]({posixpath.relpath(other.path, here or '.')})"

    parts: list[str] = []
    if page.own_actions:
        target = others[(n * 7) % len(others)].path
        front = {"title": page.title, "chatspark": page_actions(n, target)}
        parts.append("---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n")
    parts += [f"# {page.title}\n", _paragraph(rng) + "\n", "## Overview\n", _paragraph(rng) + "\n"]
    parts.append("".join(f"- {_sentence(rng, 6)}\n" for _ in range(5)))
    parts += ["## Details\n", _paragraph(rng) + "\n", "### Steps\n"]
    parts.append("".join(f"{i}. {_sentence(rng, 8)}\n" for i in range(1, 6)))
    parts.append(
        "```python\n"
        f"def handle_{n}(request: dict) -> dict:\n"
        f'    """{_sentence(rng, 6)}"""\n'
        "    result = {key: value for key, value in request.items() if value}\n"
        f"    result['page'] = {n}\n"
        "    return result\n"
        "```\n"
    )
    parts.append("## Reference\n")
    rows = "".join(
        f"| `{rng.choice(WORDS)}_{i}` | {rng.choice(('string', 'number', 'boolean'))} "
        f"| {rng.choice(('yes', 'no'))} | {_sentence(rng, 7)} |\n"
        for i in range(6)
    )
    parts.append("| Option | Type | Required | Description |\n| --- | --- | --- | --- |\n" + rows)
    parts.append(f'!!! note "{_sentence(rng, 3)[:-1]}"\n    {_sentence(rng, 12)}\n')
    see_also = [others[(n + k) % len(others)] for k in (1, 2, 3)]
    parts.append("## See also\n\n" + "".join(f"- {link(o)}\n" for o in see_also if o != page))
    return "\n".join(parts)


class _Env:
    """Dumped as `!ENV [NAME, default]`: MkDocs reads it from the environment."""

    def __init__(self, name: str, default: object) -> None:
        self.name = name
        self.default = default


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Env,
    lambda dumper, env: dumper.represent_sequence("!ENV", [env.name, env.default], flow_style=True),
)


def site_config(
    theme: str,
    first_page: str,
    site_url: Optional[str] = None,
    pages: int = 0,
    features: Sequence[str] = (),
) -> dict[str, Any]:
    """mkdocs.yml. The themes fetch nothing from the internet (no fonts, no highlight.js)."""
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {THEMES}, not {theme!r}")
    theme_config: dict[str, Any] = {"name": theme}
    if theme == "material":
        theme_config["font"] = False
        if features:
            theme_config["features"] = list(features)
    else:
        theme_config["highlightjs"] = False
    config: dict[str, Any] = {
        "site_name": f"Benchmark Docs ({pages} pages)" if pages else "Benchmark Docs",
        "theme": theme_config,
        "markdown_extensions": [
            "tables",
            "fenced_code",
            "admonition",
            {"toc": {"permalink": True}},
        ],
        "plugins": [
            "search",
            {
                "chatspark": {
                    "enabled": _Env(ENV_SWITCH, True),
                    "title": "Ask the docs team",
                    "actions": site_actions(first_page),
                }
            },
        ],
    }
    if site_url:
        config["site_url"] = site_url
    return config


def generate(
    root: Path,
    pages: int,
    theme: str = "mkdocs",
    *,
    site_url: Optional[str] = None,
    features: Sequence[str] = (),
) -> Path:
    """Write the site into `root` (docs/ and mkdocs.yml) and return the config file."""
    infos = page_paths(pages)
    docs = root / "docs"
    for n, page in enumerate(infos):
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_markdown(page, n, infos), encoding="utf-8")
    first_page = infos[1].path if len(infos) > 1 else infos[0].path
    config = site_config(theme, first_page, site_url, pages, features)
    config_file = root / "mkdocs.yml"
    config_file.write_text(
        yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return config_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="folder to write docs/ and mkdocs.yml into")
    parser.add_argument("--pages", type=int, default=100, help="number of pages (default 100)")
    parser.add_argument("--theme", choices=THEMES, default="mkdocs")
    parser.add_argument("--site-url", help="site_url of the generated config")
    args = parser.parse_args()
    config_file = generate(args.root, args.pages, args.theme, site_url=args.site_url)
    print(f"wrote {args.pages} pages and {config_file}")


if __name__ == "__main__":
    main()
