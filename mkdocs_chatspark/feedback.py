""" "Was this page helpful?": the `feedback` option, the block a page gets, and the
payload a receiver takes.

One place for the shape of a vote: the option is read here (mkdocs.yml), the block
is rendered here, and `parse_vote` checks a payload as the widget sends it, for a
receiver to use (`PAYLOAD_SCHEMA` says the same as a JSON schema).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any, Optional, Union

from . import model, safety
from .errors import ActionError, Warnings

ACTION_ID = "feedback"
"""The payload's `actionId`, and what an author's `action-triggered` listener sees."""
ACTION_TYPE = "feedback"
"""The payload's `actionType`: no action has it, so a listener can tell a vote apart."""
NETLIFY_FORM = "chatspark-feedback"
"""The form Netlify registers for votes (`form-name`), apart from any action's id."""
FRONT_MATTER_KEY = "feedback"
"""`chatspark: {feedback: false}` in a page's front matter: no block on that page."""
MATERIAL_HIDE = "feedback"
"""Material's own `hide: [feedback]` in a page's front matter, honoured too."""
COMMENT_MAX = 2000
"""The most characters a comment may have, in the widget and in `parse_vote`."""

TEXT_KEYS = ("question", "helpful", "not_helpful", "comment", "send", "thanks")
"""The block's words, each replaceable (per language too) under `feedback:`."""
KEYS = ("enabled", "webhook", "url", "pages", *TEXT_KEYS)

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "question": "Was this page helpful?",
        "helpful": "Yes",
        "not_helpful": "No",
        "comment": "Tell us more (optional)",
        "send": "Send",
        "thanks": "Thank you for your feedback!",
    },
    "de": {
        "question": "War diese Seite hilfreich?",
        "helpful": "Ja",
        "not_helpful": "Nein",
        "comment": "Möchten Sie uns mehr sagen? (optional)",
        "send": "Senden",
        "thanks": "Danke für Ihre Rückmeldung!",
    },
    "fr": {
        "question": "Cette page vous a-t-elle été utile ?",
        "helpful": "Oui",
        "not_helpful": "Non",
        "comment": "Dites-nous en plus (facultatif)",
        "send": "Envoyer",
        "thanks": "Merci pour votre avis !",
    },
    "es": {
        "question": "¿Le ha resultado útil esta página?",
        "helpful": "Sí",
        "not_helpful": "No",
        "comment": "Cuéntenos más (opcional)",
        "send": "Enviar",
        "thanks": "¡Gracias por su opinión!",
    },
    "pt": {
        "question": "Esta página foi útil?",
        "helpful": "Sim",
        "not_helpful": "Não",
        "comment": "Conte-nos mais (opcional)",
        "send": "Enviar",
        "thanks": "Obrigado pela sua opinião!",
    },
    "ja": {
        "question": "このページは役に立ちましたか？",
        "helpful": "はい",
        "not_helpful": "いいえ",
        "comment": "詳しくお聞かせください（任意）",
        "send": "送信",
        "thanks": "ご意見ありがとうございます。",
    },
    "zh": {
        "question": "此页面对您有帮助吗？",
        "helpful": "是",
        "not_helpful": "否",
        "comment": "请告诉我们更多（可选）",
        "send": "发送",
        "thanks": "感谢您的反馈！",
    },
}


@dataclass(frozen=True)
class Feedback:
    """The `feedback:` option, read: where votes go, on which pages, in what words."""

    webhook: Optional[str] = None
    webhook_format: str = "json"
    netlify: bool = False
    mailto: Optional[str] = None
    """`url: mailto:...`: the comment's Send opens the reader's mail program."""
    pages: tuple[str, ...] = ()
    """Globs of the docs pages that show the block, as a site action's `pages`."""
    texts: Mapping[str, model.Text] = field(default_factory=dict)
    """The author's words by TEXT_KEYS, each a text or one per language."""


def parse(raw: object, key_path: str, warnings: Warnings) -> Optional[Feedback]:
    """`feedback: true` (votes go to listeners and analytics only), `false` or unset
    (off), or a mapping with a route (`webhook` or `url: mailto:`), `pages` and words."""
    if raw is None or raw is False:
        return None
    if raw is True:
        return Feedback()
    if not isinstance(raw, Mapping):
        raise ActionError(
            key_path,
            f"expected true, false or a mapping of keys to values, found {model.describe(raw)}",
        )
    mapping = model._mapping(raw, key_path)
    for key in mapping:
        if key not in KEYS:
            warnings.add(f"{key_path}.{key}", model.unknown_key(key, KEYS))
    if "enabled" in mapping and not model._flag(mapping["enabled"], f"{key_path}.enabled"):
        return None
    webhook = model._webhook(mapping.get("webhook"), f"{key_path}.webhook", warnings)
    mailto = None
    if "url" in mapping:
        where = f"{key_path}.url"
        url = safety.check_url(model._text(mapping["url"], where), where)
        if not url.lower().startswith("mailto:"):
            raise ActionError(
                where,
                f"{model.describe(url)} is not a mailto: address; votes go to a `webhook`, "
                "or by email to `url: mailto:...`",
            )
        if webhook.url is not None or webhook.netlify:
            raise ActionError(where, "choose one route: a `webhook` or a mailto: `url`, not both")
        model._mailto_form(url, where)
        mailto = url
    texts: dict[str, model.Text] = {}
    for key in TEXT_KEYS:
        if key in mapping:
            text = model.localized_text(mapping[key], f"{key_path}.{key}")
            for where, value in _texts(f"{key_path}.{key}", text):
                safety.check_text(value, where)
            texts[key] = text
    pages = model._pages(mapping["pages"], f"{key_path}.pages") if "pages" in mapping else ()
    if webhook.url is not None:
        safety.check_secrets([("webhook", webhook.url, True, None)], key_path, [])
    return Feedback(
        webhook=webhook.url,
        webhook_format=webhook.format,
        netlify=webhook.netlify,
        mailto=mailto,
        pages=pages,
        texts=texts,
    )


def _texts(key_path: str, text: model.Text) -> list[tuple[str, str]]:
    if isinstance(text, str):
        return [(key_path, text)]
    return [(f"{key_path}.{code}", value) for code, value in text.texts]


def words(feedback: Feedback, language: str, key_path: str, warnings: Warnings) -> dict[str, str]:
    """The block's words in the language being built: the catalog's (English for a
    language it lacks), replaced by the author's. A text given per language that
    lacks this one is a warning (so `--strict` fails), as for the actions' texts."""
    base = language.replace("_", "-").split("-")[0].lower()
    out = dict(WORDS.get(base, WORDS["en"]))
    for key, text in feedback.texts.items():
        out[key] = model.choose(text, language, f"{key_path}.{key}", warnings)
    return out


def globs(feedback: Feedback) -> model.Action:
    """The option as `merge.shown_on` reads a site action's `pages` globs."""
    return model.Action(id=ACTION_ID, type="button", label=ACTION_ID, pages=feedback.pages)


def on_page(
    feedback: Optional[Feedback],
    *,
    page_settings: Optional[model.PageSettings],
    meta: Mapping[str, Any],
) -> bool:
    """Whether a page may get the block (or, on Material with `extra.analytics.feedback`,
    whether Material's own widget there sends through the plugin): the option is on,
    the page shows the chat, and says neither `chatspark: {feedback: false}` nor
    Material's `hide: [feedback]`. The `pages` globs are the pipeline's to apply."""
    if feedback is None or page_settings is None or not page_settings.enabled:
        return False
    if not page_settings.feedback:
        return False
    hide = meta.get("hide")
    return not (isinstance(hide, (list, tuple)) and MATERIAL_HIDE in hide)


def site_json(feedback: Feedback, texts: Mapping[str, str], language: str) -> dict[str, Any]:
    """What the widget reads from the site's data: the route, the words it draws
    after a vote, and the language sent with each vote."""
    out: dict[str, Any] = {
        "language": language,
        "text": {k: texts[k] for k in ("comment", "send", "thanks")},
    }
    if feedback.webhook is not None:
        out["webhook"] = feedback.webhook
        if feedback.webhook_format != "json":
            out["webhookFormat"] = feedback.webhook_format
    if feedback.netlify:
        out["netlify"] = NETLIFY_FORM
    if feedback.mailto is not None:
        out["mailto"] = feedback.mailto
    return out


BUTTON_CLASS = "md-button btn btn-neutral btn-secondary"
"""Each theme's own button look, so the block needs no stylesheet of ours at its
first paint (nothing of it moves when one arrives): Material's `md-button`, the
readthedocs theme's `btn btn-neutral`, the mkdocs theme's `btn btn-secondary`."""
BLOCK_ATTRIBUTE = "data-chatspark-feedback"
VOTE_ATTRIBUTE = "data-chatspark-vote"


def block(texts: Mapping[str, str]) -> str:
    """The block at the end of a page's content: the question and two buttons (no
    `type`: outside a form a button submits nothing). The rest (`aria-pressed`, the
    comment box, the thank-you) is drawn by the widget after a vote."""
    buttons = " ".join(
        f'<button class="{BUTTON_CLASS}" {VOTE_ATTRIBUTE}="{value}">{escape(texts[key])}</button>'
        for key, value in (("helpful", 1), ("not_helpful", 0))
    )
    return (
        f'<div class="chatspark-feedback" {BLOCK_ATTRIBUTE} role="group" '
        f'aria-labelledby="chatspark-fbq"><p id="chatspark-fbq">'
        f"{escape(texts['question'])}</p>{buttons}</div>"
    )


MATERIAL_FORM = '<form class="md-feedback" name="feedback" hidden>'
"""Material's feedback widget as its template writes it: hidden until its Google
Analytics integration shows it (squidfunk/mkdocs-material #6500)."""


MATERIAL_BUTTON = '<button class="md-feedback__icon md-icon"'
"""Each of its rating buttons: marked as votes, for the bootstrap to pass on."""


def material_form(html: str) -> Optional[str]:
    """The page with Material's feedback widget shown from the first paint and
    marked as ours to send (its buttons as votes), or None when the page has none."""
    if MATERIAL_FORM not in html:
        return None
    marked = html.replace(
        MATERIAL_FORM, f'<form class="md-feedback" name="feedback" {BLOCK_ATTRIBUTE}>', 1
    )
    return marked.replace(MATERIAL_BUTTON, f"{MATERIAL_BUTTON} {VOTE_ATTRIBUTE}")


# --- the payload: what a receiver gets ------------------------------------------------

Rating = Union[int, float, str]


@dataclass(frozen=True)
class Vote:
    """One vote as a receiver keeps it: one row per `key` (the Idempotency-Key, or
    `submissionId` in a urlencoded body), which a later comment completes."""

    key: str
    path: str
    title: str
    rating: Rating
    """1 for the block's Yes, 0 for its No; Material's widget sends its `data` value."""
    language: str
    comment: Optional[str] = None


PAYLOAD_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["actionId", "actionType", "data", "submissionId", "submittedAt"],
    "properties": {
        "actionId": {"const": ACTION_ID},
        "actionType": {"const": ACTION_TYPE},
        "chatbotId": {"type": "string"},
        "page": {"type": "object"},
        "submissionId": {"type": "string", "minLength": 1},
        "submittedAt": {"type": "string"},
        "data": {
            "type": "object",
            "required": ["rating", "path", "title", "language"],
            "additionalProperties": False,
            "properties": {
                "rating": {"type": ["integer", "number", "string"]},
                "path": {"type": "string", "pattern": "^/"},
                "title": {"type": "string"},
                "language": {"type": "string"},
                "comment": {"type": "string", "maxLength": COMMENT_MAX},
            },
        },
    },
}
"""The JSON body of a vote, as a JSON schema (`parse_vote` checks the same)."""


def parse_vote(body: object, key: Optional[str] = None) -> Vote:
    """A vote's JSON body (the Idempotency-Key header as `key`, else `submissionId`),
    or a urlencoded one read into a flat mapping (`rating`, `path`, ... beside
    `_actionType` and `_submissionId`). Raises ActionError at the key path."""
    mapping = model._mapping(body, "body")
    flat = "data" not in mapping
    data = mapping if flat else model._mapping(mapping["data"], "data")
    kind = mapping.get("_actionType" if flat else "actionType")
    if kind != ACTION_TYPE:
        raise ActionError(
            "_actionType" if flat else "actionType",
            f"expected {ACTION_TYPE!r} for a vote, found {model.describe(kind)}",
        )
    where = "" if flat else "data."
    for name in ("rating", "path", "title", "language"):
        if name not in data:
            raise ActionError(f"{where}{name}", "missing")
    if not flat:
        unknown = sorted(set(data) - {"rating", "path", "title", "language", "comment"})
        if unknown:
            raise ActionError(f"{where}{unknown[0]}", "not a key of a vote")
    rating = data["rating"]
    if isinstance(rating, bool) or not isinstance(rating, (int, float, str)):
        raise ActionError(
            f"{where}rating", f"expected a number or text, found {model.describe(rating)}"
        )
    if flat and isinstance(rating, str) and rating.lstrip("-").isdigit():
        rating = int(rating)  # a urlencoded body's numbers are text
    path = model._text(data["path"], f"{where}path")
    if not path.startswith("/"):
        raise ActionError(f"{where}path", f"expected a path from the site root, found {path!r}")
    comment = data.get("comment")
    if comment is not None:
        comment = model._text(comment, f"{where}comment", allow_empty=True)
        if len(comment) > COMMENT_MAX:
            raise ActionError(f"{where}comment", f"longer than {COMMENT_MAX} characters")
    ident = key or mapping.get("_submissionId" if flat else "submissionId")
    return Vote(
        key=model._text(ident, "_submissionId" if flat else "submissionId"),
        path=path,
        title=model._text(data["title"], f"{where}title", allow_empty=True),
        rating=rating,
        language=model._text(data["language"], f"{where}language"),
        comment=comment or None,
    )


def netlify_action(feedback: Feedback) -> Optional[model.Action]:
    """With `webhook: {netlify: true}`: the form Netlify's deploy step must register
    for votes (written into chatspark-forms.html beside the actions' forms)."""
    if not feedback.netlify:
        return None
    fields = tuple(
        model.Field(key=key, label=key, type="textarea" if key == "comment" else "text")
        for key in ("rating", "path", "title", "language", "comment")
    )
    return model.Action(id=NETLIFY_FORM, type="form", label="Feedback", netlify=True, fields=fields)
