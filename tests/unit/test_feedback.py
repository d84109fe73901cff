"""The `feedback` option, which pages get the block, the block itself, and the
payload a receiver checks with `feedback.parse_vote`."""

from __future__ import annotations

import json
from typing import Any

import pytest
from test_options import load

from mkdocs_chatspark import feedback, model, pipeline, render
from mkdocs_chatspark.errors import ActionError, Warnings


def test_off_by_default_and_true_turns_it_on_with_no_route() -> None:
    plugin, errors, warnings = load({})
    assert (errors, warnings, plugin.config.feedback) == ([], [], None)
    plugin, errors, _ = load({"feedback": True})
    assert errors == [] and plugin.config.feedback == feedback.Feedback()
    plugin, errors, _ = load({"feedback": {"enabled": False, "webhook": "https://x.example/v"}})
    assert errors == [] and plugin.config.feedback is None


@pytest.mark.parametrize(
    ("webhook", "expected"),
    [
        ("https://votes.example.com/v", ("https://votes.example.com/v", "json", False)),
        (
            {"url": "https://formspree.example/f/x", "format": "form"},
            ("https://formspree.example/f/x", "form", False),
        ),
        ({"netlify": True}, (None, "json", True)),
    ],
)
def test_routed_like_a_form(webhook: Any, expected: tuple[Any, ...]) -> None:
    plugin, errors, _ = load({"feedback": {"webhook": webhook}})
    fb = plugin.config.feedback
    assert errors == []
    assert (fb.webhook, fb.webhook_format, fb.netlify) == expected


def test_mailto_and_pages_and_words() -> None:
    plugin, errors, _ = load(
        {
            "feedback": {
                "url": "mailto:docs@example.com",
                "pages": ["!changelog.md"],
                "question": {"en": "Did this help?", "fr": "Cela vous a-t-il aidé ?"},
                "helpful": "Yes!",
            }
        }
    )
    fb = plugin.config.feedback
    assert errors == []
    assert fb.mailto == "mailto:docs@example.com"
    assert fb.pages == ("**", "!changelog.md")  # only exclusions: every other page
    warnings = Warnings()
    words = feedback.words(fb, "fr", "feedback", warnings)
    assert words["question"] == "Cela vous a-t-il aidé ?"
    assert words["helpful"] == "Yes!"
    assert words["not_helpful"] == "Non"  # the catalog's, in the language built
    assert warnings.items == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"feedback": "yes"},
            "feedback: mkdocs.yml: feedback: expected true, false or a mapping of keys to "
            "values, found 'yes'",
        ),
        (
            {"feedback": {"webhook": "http://votes.example.com/v"}},
            "feedback: mkdocs.yml: feedback.webhook: 'http://votes.example.com/v' uses http; "
            "only https is allowed (http is allowed only for localhost, 127.0.0.1, for "
            "development)",
        ),
        (
            {"feedback": {"webhook": {"url": "https://x.example/v", "format": "xml"}}},
            "feedback: mkdocs.yml: feedback.webhook.format: 'xml' is not one of: json, form",
        ),
        (
            {"feedback": {"url": "https://example.com/contact"}},
            "feedback: mkdocs.yml: feedback.url: 'https://example.com/contact' is not a mailto: "
            "address; votes go to a `webhook`, or by email to `url: mailto:...`",
        ),
        (
            {"feedback": {"url": "mailto:a@example.com", "webhook": "https://x.example/v"}},
            "feedback: mkdocs.yml: feedback.url: choose one route: a `webhook` or a mailto: "
            "`url`, not both",
        ),
        (
            {"feedback": {"url": "mailto:a@example.com?subject=Hi"}},
            "feedback: mkdocs.yml: feedback.url: a form sent by email sets the subject itself "
            "(subject: the action's label, body: the fields); remove `subject=` from the "
            "mailto: address",
        ),
        (
            {"feedback": {"question": ""}},
            "feedback: mkdocs.yml: feedback.question: must not be empty",
        ),
        (
            {"feedback": {"question": {"english": "Helpful?"}}},
            "feedback: mkdocs.yml: feedback.question: 'english' is not a language code like "
            "en, fr or pt_BR",
        ),
        (
            {"feedback": {"thanks": "sk_live_" + "x" * 20}},
            "feedback: mkdocs.yml: feedback.thanks: 'sk_live_…' looks like a Stripe secret "
            "key, and would be sent to every reader's browser",
        ),
        (
            {"feedback": {"pages": "guide/**"}},
            "feedback: mkdocs.yml: feedback.pages: expected a list, found 'guide/**'",
        ),
        (
            {"feedback": {"enabled": "no"}},
            "feedback: mkdocs.yml: feedback.enabled: expected true or false, found 'no'",
        ),
    ],
)
def test_mistakes_name_the_file_and_key(options: dict[str, Any], message: str) -> None:
    _, errors, _ = load(options)
    assert errors == [message]


def test_an_unknown_key_is_a_warning() -> None:
    _, errors, warnings = load({"feedback": {"webhok": "https://x.example/v"}})
    assert errors == []
    assert warnings == [
        "feedback: mkdocs.yml: feedback.webhok: unknown key, ignored; did you mean webhook? "
        "known keys: enabled, "
        "webhook, url, pages, question, helpful, not_helpful, comment, send, thanks"
    ]


def site_for(options: dict[str, Any], language: str = "en", **extra: Any) -> pipeline.Site:
    plugin, errors, _ = load(options)
    assert errors == []
    return pipeline.site(
        plugin.config,
        urls=lambda path: None,
        site_name="Docs",
        theme={"language": language},
        serving=False,
        config_file="mkdocs.yml",
        **extra,
    )


def test_a_text_missing_the_language_built_is_a_warning() -> None:
    site = site_for({"feedback": {"question": {"en": "Helpful?", "de": "Hilfreich?"}}}, "fr")
    assert [str(n) for n in site.warnings] == [
        "mkdocs.yml: feedback.question: no text for 'fr', the language being built; the 'en' "
        "one is shown. Add `fr: ...` to it"
    ]
    assert site.feedback_words["question"] == "Helpful?"


def test_the_site_data_carries_the_route_and_the_words_after_a_vote() -> None:
    site = site_for({"feedback": {"webhook": {"url": "https://f.example/x", "format": "form"}}})
    data = render.site_data(site.settings)["feedback"]
    assert data == {
        "language": "en",
        "text": {
            "comment": "Tell us more (optional)",
            "send": "Send",
            "thanks": "Thank you for your feedback!",
        },
        "webhook": "https://f.example/x",
        "webhookFormat": "form",
    }
    assert "feedback" not in render.site_data(site_for({}).settings)


def test_material_feedback_is_read_from_extra_analytics() -> None:
    extra = {"analytics": {"provider": "custom", "feedback": {"title": "Helpful?"}}}
    assert site_for({"feedback": True}, extra=extra).material_feedback is True
    assert site_for({"feedback": True}, extra={"analytics": {}}).material_feedback is False


def outcome(
    site: pipeline.Site, front_matter: Any = None, meta: Any = None, path: str = "index.md"
) -> pipeline.PageOutcome:
    return pipeline.page_outcome(site, front_matter, path, [], file=f"docs/{path}", meta=meta)


@pytest.mark.parametrize(
    ("front_matter", "meta", "path", "shown"),
    [
        (None, None, "index.md", True),
        ({"feedback": False}, None, "index.md", False),
        ({"feedback": True}, None, "index.md", True),
        (False, None, "index.md", False),  # no chat on the page, no block either
        (None, {"hide": ["feedback"]}, "index.md", False),  # Material's own opt-out
        (None, {"hide": ["toc"]}, "index.md", True),
        (None, None, "guide/install.md", True),
        (None, None, "changelog.md", False),  # pages: ["!changelog.md"]
    ],
)
def test_which_pages_get_the_block(front_matter: Any, meta: Any, path: str, shown: bool) -> None:
    site = site_for({"feedback": {"pages": ["!changelog.md"]}})
    assert outcome(site, front_matter, meta, path).feedback is shown
    assert outcome(site_for({}), front_matter, meta, path).feedback is False


def test_front_matter_feedback_must_be_a_boolean() -> None:
    with pytest.raises(ActionError) as e:
        model.parse_page_settings({"feedback": "no"}, "chatspark", Warnings())
    assert str(e.value) == "chatspark.feedback: expected true or false, found 'no'"


@pytest.mark.parametrize("language", ["en", "de", "fr", "es", "pt", "ja", "zh"])
def test_the_block_is_small_and_escaped_in_every_language(language: str) -> None:
    words = feedback.words(feedback.Feedback(), language, "feedback", Warnings())
    html = feedback.block(words)
    assert len(html.encode("utf-8")) <= 400
    assert html.count(feedback.VOTE_ATTRIBUTE) == 2
    assert words["question"] in html
    words = {**words, "question": '<script>alert("x")</script>'}
    assert "<script>" not in feedback.block(words)


def test_materials_form_is_shown_and_marked() -> None:
    button = '<button class="md-feedback__icon md-icon" type="submit" data-md-value="1">'
    page = f"<main>{feedback.MATERIAL_FORM}<fieldset>{button}</button></fieldset></form></main>"
    assert feedback.material_form(page) == (
        '<main><form class="md-feedback" name="feedback" data-chatspark-feedback><fieldset>'
        '<button class="md-feedback__icon md-icon" data-chatspark-vote type="submit" '
        'data-md-value="1"></button></fieldset></form></main>'
    )
    assert feedback.material_form("<main></main>") is None


VOTE = {
    "actionId": "feedback",
    "actionType": "feedback",
    "data": {"rating": 1, "path": "/guide/", "title": "Guide", "language": "en"},
    "chatbotId": "docs",
    "page": {"url": "https://docs.example.com/guide/", "title": "Guide - Docs"},
    "submissionId": "k-1",
    "submittedAt": "2026-12-02T12:00:00.000Z",
}


def test_a_vote_and_its_comment_parse_to_one_row_key() -> None:
    vote = feedback.parse_vote(VOTE, "k-1")
    assert vote == feedback.Vote("k-1", "/guide/", "Guide", 1, "en")
    comment = json.loads(json.dumps(VOTE))
    comment["data"]["comment"] = "Needs an example."
    assert feedback.parse_vote(comment).comment == "Needs an example."
    assert feedback.parse_vote(comment).key == vote.key


def test_an_urlencoded_vote_parses_the_same() -> None:
    flat = {
        "rating": "0",
        "path": "/",
        "title": "Home",
        "language": "fr",
        "_actionId": "feedback",
        "_actionType": "feedback",
        "_submissionId": "k-2",
    }
    assert feedback.parse_vote(flat) == feedback.Vote("k-2", "/", "Home", 0, "fr")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"actionType": "form"}, "actionType: expected 'feedback' for a vote, found 'form'"),
        ({"data": {"path": "/", "title": "", "language": "en"}}, "data.rating: missing"),
        (
            {"data": {**VOTE["data"], "rating": True}},
            "data.rating: expected a number or text, found true (a boolean)",
        ),
        ({"data": {**VOTE["data"], "email": "a@b.c"}}, "data.email: not a key of a vote"),
        (
            {"data": {**VOTE["data"], "path": "guide/"}},
            "data.path: expected a path from the site root, found 'guide/'",
        ),
        (
            {"data": {**VOTE["data"], "comment": "x" * 2001}},
            "data.comment: longer than 2000 characters",
        ),
    ],
)
def test_a_bad_payload_is_refused_at_its_key_path(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ActionError) as e:
        feedback.parse_vote({**VOTE, **change})
    assert str(e.value) == message


def test_the_netlify_form_registers_the_vote_fields() -> None:
    action = feedback.netlify_action(feedback.Feedback(netlify=True))
    assert action is not None
    html = render.netlify_forms([action])
    assert html is not None and 'name="chatspark-feedback"' in html
    for key in ("rating", "path", "title", "language"):
        assert f'name="{key}"' in html
    assert '<textarea name="comment">' in html
    assert feedback.netlify_action(feedback.Feedback()) is None
