"""What leaves the build for the browser: JSON data and the tags that load it.

The browser reads data, never generated code. Site-wide data travels once, in a
cached script file; each page carries only what differs on it, in a JSON island.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Any, Callable, Optional

from . import answering, model
from .merge import PagePlan

ASSET_DIR = "assets/chatspark"
DIST = Path(__file__).parent / "assets" / "dist"
"""The browser files as sites get them, with their source maps: built from
assets/src by scripts/build-assets (esbuild, pinned) when the package is made, and
copied as they are; the user's build minifies nothing."""
STATIC_ASSETS = tuple(
    sorted(p.name for p in DIST.iterdir() if p.is_file() and p.name not in answering.PART_FILES)
)
"""Every other file in DIST: each is written beside the others into assets/chatspark/."""
ISLAND_ID = "chatspark-page"
BOOT_STYLE_ID = "chatspark-boot-style"
"""The copy of boot.css inline in <head> on a page with calls to action."""
DATA_ATTRIBUTE = "data-chatspark-data"

# `json.dumps` leaves `</script>` and `<!--` intact inside a <script> element;
# U+2028/9 end a line in older JavaScript parsers.
_UNSAFE_IN_SCRIPT = re.compile("[<>&\u2028\u2029]")


def dumps(value: object) -> str:
    """JSON that is safe inside an HTML <script> element and in a .js file."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _UNSAFE_IN_SCRIPT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@cache
def asset(name: str) -> str:
    """A shared file as sites get it (one of STATIC_ASSETS), read once per process."""
    return (DIST / name).read_text(encoding="utf-8")


def boot_style_hash() -> str:
    """The CSP source that allows the inline copy of boot.css (`style-src`), for a
    site whose Content-Security-Policy refuses inline styles: it changes only with
    the plugin's version. `python -m mkdocs_chatspark csp` prints it."""
    digest = hashlib.sha256(asset("boot.css").encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def field_json(f: model.Field) -> dict[str, Any]:
    """A field as the widget reads it (the `Field` typedef in the widget's sources)."""
    out: dict[str, Any] = {"key": f.key, "label": f.label, "type": f.type}
    if f.required:
        out["required"] = True
    if f.options:
        out["options"] = list(f.options)
    if f.multiple:
        out["multiple"] = True
    if f.question:
        out["question"] = True
    for name, value in (
        ("placeholder", f.placeholder),
        ("maxLength", f.max_length),
        ("pattern", f.pattern),
        ("patternMessage", f.pattern_message),
        ("min", f.minimum),
        ("max", f.maximum),
        ("step", f.step),
        ("help", f.help),
        ("value", f.value),
        ("autocomplete", f.autocomplete),
    ):
        if value is not None:
            out[name] = value
    if f.default is not None:
        out["default"] = list(f.default) if isinstance(f.default, tuple) else f.default
    return out


def action_json(a: model.Action) -> dict[str, Any]:
    """The action as ChatSpark's client API names it, plus our routing keys."""
    out: dict[str, Any] = {"id": a.id, "type": a.type, "label": model.plain(a.label)}
    if a.primary:
        out["primary"] = True
    if a.url is not None:
        out["url"] = a.url
        if a.site_relative:
            out["siteRelative"] = True
    if a.webhook is not None:
        out["webhook"] = a.webhook
        if a.webhook_format != "json":
            out["webhookFormat"] = a.webhook_format
    if a.netlify:
        out["netlify"] = True
    if model.mailto_form(a.type, a.url, a.webhook, a.netlify):
        out["mailto"] = True
    if a.data is not None:
        out["data"] = dict(a.data)
    if a.type == "form":
        out["fields"] = [field_json(f) for f in a.fields]
        if a.min_fill_seconds is not None:
            out["minFillSeconds"] = a.min_fill_seconds
    for key, value in (
        ("submitLabel", a.submit_label),
        ("successMessage", a.success_message),
        ("errorMessage", a.error_message),
    ):
        if value is not None:  # unset: the widget's words in the site's language
            out[key] = model.plain(value)
    return out


@dataclass(frozen=True)
class SiteSettings:
    """What render needs of the site, as plain values (pipeline.site_settings makes
    them from the validated options)."""

    chatbot_id: str
    script: Optional[str]
    script_integrity: Optional[str]
    text: Mapping[str, str]
    """The widget's words (messages.py), title, greeting and launcher label included."""
    position: str
    webhook_timeout: float
    preview: bool
    actions: tuple[model.Action, ...]
    load: str = "idle"
    """When the interface or the hosted script loads: interaction, idle or eager."""
    consent: Optional[str] = None
    """The key in Material's `__consent` the reader must have accepted for the hosted script."""
    english: tuple[str, ...] = ()
    """Keys of `text` in English on a site whose language has no catalog."""
    analytics: bool = False
    """One event per step of every action, to the analytics the page has."""
    context: tuple[str, ...] = ()
    """What the payload's `page` adds: `referrer`, `utm`."""
    feedback: Optional[Mapping[str, Any]] = None
    """"Was this page helpful?": its route and words (feedback.site_json)."""


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "docs"


def site_data(s: SiteSettings) -> dict[str, Any]:
    out: dict[str, Any] = {
        "chatbotId": s.chatbot_id,
        "position": s.position,
        "timeout": s.webhook_timeout,
        "actions": [action_json(a) for a in s.actions],
        "text": dict(s.text),
        "load": s.load,
    }
    if s.english:
        out["english"] = list(s.english)
    if s.preview:
        out["preview"] = True
    if s.analytics:
        out["analytics"] = True
    if s.context:
        out["context"] = list(s.context)
    if s.feedback is not None:
        out["feedback"] = dict(s.feedback)
    if s.script:
        out["script"] = s.script
        if s.script_integrity:
            out["integrity"] = s.script_integrity
        if s.consent:
            out["consent"] = s.consent
    return out


def site_script(data: Mapping[str, Any]) -> tuple[str, str]:
    """The cached file that carries the site-wide data: (file name, content)."""
    content = f"window.__chatsparkSite={dumps(data)};\n"
    digest = hashlib.sha256(content.encode()).hexdigest()[:10]
    return f"site.{digest}.js", content


def page_data(plan: PagePlan) -> dict[str, Any]:
    """Only what differs from the site on this page."""
    out: dict[str, Any] = {}
    if plan.actions is not None:
        out["actions"] = [a if isinstance(a, str) else action_json(a) for a in plan.actions]
    if plan.greeting is not None:
        out["greeting"] = plan.greeting
    return out


def head_tags(
    url: Callable[[str], str],
    site_file: str,
    page: Optional[Mapping[str, Any]],
    *,
    load: str = "eager",
    calls_to_action: bool = False,
) -> str:
    """Tags for <head>: the page's data island (if shown); with `load: eager` the
    deferred scripts; on a page with calls to action in its prose, boot.css inline,
    which gives them their final size at the first paint (so nothing shifts when the
    rest arrives) without a request for the first paint to wait on. Where a
    Content-Security-Policy refuses inline styles the bootstrap links the file."""
    island = (
        f'<script type="application/json" id="{ISLAND_ID}">{dumps(page)}</script>'
        if page is not None
        else ""
    )
    style = f'<style id="{BOOT_STYLE_ID}">{asset("boot.css")}</style>' if calls_to_action else ""
    if load != "eager":
        return island + style  # the bootstrap fetches the rest when it is wanted
    scripts = "".join(
        f'<script defer src="{escape(url(f"{ASSET_DIR}/{name}"))}"></script>'
        for name in (site_file, "widget.js")
    )
    return island + style + scripts


def boot_attributes(s: SiteSettings, site_file: Optional[str] = None) -> dict[str, str]:
    """What the bootstrap reads from its tag (boot.js, `me.dataset`): the site's data
    file beside it (none under the Markdown extension, whose pages carry the data),
    when to load the rest, and the launcher's name and side. With `load: eager` the
    data comes at once, and it needs none of them."""
    if s.load == "eager":
        return {}
    site = {"data-site": site_file} if site_file else {}
    return {
        **site,
        "data-load": s.load,
        "data-label": s.text["launcher_label"],
        "data-position": s.position,
        # The English fallback on a site in another language: spoken as English.
        **({"data-lang": "en"} if "launcher_label" in s.english else {}),
        # Said when the widget cannot load, with a button to try again.
        "data-failed": s.text["not_loaded"],
        "data-retry": s.text["retry"],
    }


def boot_tag(url: Callable[[str], str], site_file: str, s: SiteSettings, *, in_head: bool) -> str:
    """The bootstrap, which defines `window.ChatSpark` and draws the launcher.

    Before the site's first script (not `in_head`) it is a plain script: that script
    may call it. In <head> it waits for nothing: `async`, so that it runs in a task
    of its own as soon as it is in, not inside the theme's DOMContentLoaded work,
    which Material makes long (benchmarks/README.md); with `load: eager` deferred
    instead, as the site's data and the widget after it need it to run first."""
    attrs = "".join(f' {k}="{escape(v)}"' for k, v in boot_attributes(s, site_file).items())
    src = escape(url(f"{ASSET_DIR}/boot.js"))
    how = (" defer" if s.load == "eager" else " async") if in_head else ""
    return f'<script{how} src="{src}"{attrs}></script>'


def content_elements(
    root: str, data: Optional[Mapping[str, Any]], s: SiteSettings
) -> list[etree.Element]:
    """For the Markdown extension, the same as `head_tags` and `boot_tag` where the
    host allows it. It can only add to a page's content, not to <head>: there the
    data island is a <div> attribute, as Material's instant navigation re-creates
    <script> elements in the content from their text alone (a JSON island would run
    as code and lose its id), then the bootstrap. With `load: eager` the
    widget comes deferred beside it; otherwise the bootstrap draws the launcher and
    fetches the widget when `load` says (there is no site data file: the widget
    reads the site's data from the island). `root` is the relative path from the
    page to the site root."""
    out = []
    if data is not None:
        out.append(
            etree.Element("div", {"id": ISLAND_ID, "hidden": "hidden", DATA_ATTRIBUTE: dumps(data)})
        )
    out.append(etree.Element("script", {"src": f"{root}{ASSET_DIR}/boot.js", **boot_attributes(s)}))
    if s.load == "eager":
        out.append(
            etree.Element("script", {"src": f"{root}{ASSET_DIR}/widget.js", "defer": "defer"})
        )
    return out


def style_element() -> etree.Element:
    """For the Markdown extension: the same inline boot.css as the plugin's in
    <head>, placed in the content before the first call to action (the extension
    cannot reach <head>), so that the calls have their final size when first painted."""
    element = etree.Element("style", {"id": BOOT_STYLE_ID})
    element.text = asset("boot.css")
    return element


NETLIFY_FORMS_FILE = "chatspark-forms.html"


def netlify_form_elements(actions: Iterable[model.Action]) -> list[etree.Element]:
    """The hidden static forms Netlify's deploy step reads to register the widget's
    forms (`webhook: {netlify: true}`): one per action id, named by the id, with an
    input for every field and the honeypot. An action of an id seen before (a
    page's own, replacing a site action) adds its fields."""
    keys: dict[str, dict[str, str]] = {}
    for action in actions:
        if action.netlify:
            seen = keys.setdefault(action.id, {})
            for f in action.fields:
                seen.setdefault(f.key, f.type)
    forms = []
    for action_id, fields in keys.items():
        form = etree.Element(
            "form",
            {
                "name": action_id,
                "data-netlify": "true",
                "netlify-honeypot": HONEYPOT_INPUT,
                "hidden": "",
            },
        )
        etree.SubElement(form, "input", {"type": "hidden", "name": "form-name", "value": action_id})
        for key, kind in fields.items():
            if kind == "textarea":
                etree.SubElement(form, "textarea", {"name": key}).text = ""
            else:
                etree.SubElement(
                    form, "input", {"type": _NETLIFY_INPUT.get(kind, "text"), "name": key}
                )
        etree.SubElement(form, "input", {"name": HONEYPOT_INPUT})
        forms.append(form)
    return forms


def netlify_forms(actions: Iterable[model.Action]) -> Optional[str]:
    """`chatspark-forms.html`, a page of its own with the static forms (so no docs
    page grows), or None when no form uses Netlify."""
    forms = netlify_form_elements(actions)
    if not forms:
        return None
    html = "\n".join(etree.tostring(f, encoding="unicode", method="html") for f in forms)
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        '<meta name="robots" content="noindex"><title>Forms</title></head><body>\n'
        "<!-- Written by mkdocs-chatspark: Netlify registers these forms at deploy; "
        "the chat widget sends them. -->\n" + html + "\n</body></html>\n"
    )


# Checkboxes are sent as true/false text, a multiple select as repeated keys.
_NETLIFY_INPUT = {"hidden": "hidden", "email": "email", "checkbox": "text"}
HONEYPOT_INPUT = "chatspark-website"
"""The honeypot input's name in the widget, and Netlify's `netlify-honeypot`. A
field key cannot contain `-`, so it never meets a field."""


def _script_with(html: str, path: str) -> int:
    """Where the `<script>` tag whose src ends in `path` starts, or -1. Themes write
    `extra_javascript` as `<script src="../js/x.js"...>`, relative to the page."""
    needle = f'{escape(path)}"'
    at = html.find(needle)
    while at >= 0:
        start = html.rfind("<script", 0, at)
        if start >= 0 and ">" not in html[start:at] and "src=" in html[start:at]:
            return start
        at = html.find(needle, at + 1)
    return -1


def inject(html: str, head: str, boot: str, *, boot_before: Sequence[str] = ()) -> Optional[str]:
    """The page with the tags in place, or None if it has no </head>.

    `head` goes at the end of <head>. `boot`, the bootstrap, goes just before the
    site's first `extra_javascript` script (`boot_before`, its paths), which may
    call `window.ChatSpark.on`: there it holds up nothing the theme does not hold
    up itself. Without such scripts it goes into <head> (`boot_tag`), with the rest.
    """
    # As few copies of the page as possible: themes put the whole navigation on
    # every page, so a page can be hundreds of kB, and slicing it copies it each time.
    end_head = html.find("</head>")
    if end_head < 0:
        return None
    if not boot_before:  # the bootstrap first: with `load: eager` the widget needs its API
        return html.replace("</head>", boot + head + "</head>", 1)
    anchor = _script_with(html, str(boot_before[0]))
    if anchor < 0:
        # The theme does not write extra_javascript as expected: run the bootstrap
        # first in <body>, before anything of the page can call it.
        start_body = html.find("<body", end_head)
        open_end = html.find(">", start_body) if start_body >= 0 else -1
        if open_end < 0:
            return html.replace("</head>", boot + head + "</head>", 1)
        between = html[end_head : open_end + 1]  # "</head> ... <body ...>", a few bytes
        return html.replace(between, head + between + boot, 1)
    if anchor < end_head:  # a theme that loads extra_javascript in <head>
        return "".join((html[:anchor], boot, html[anchor:end_head], head, html[end_head:]))
    return "".join((html[:end_head], head, html[end_head:anchor], boot, html[anchor:]))
