"""The merge of site actions and a page's front matter, and docs-page URLs."""

from __future__ import annotations

import pytest

from mkdocs_chatspark import merge, model
from mkdocs_chatspark.model import Action, PageSettings

A = Action(id="a", type="button", label="A")
B = Action(id="b", type="link", label="B", url="https://b.example")
C = Action(id="c", type="button", label="C")
SITE = (A, B, C)


def test_a_page_without_front_matter_sends_nothing_of_its_own() -> None:
    assert merge.plan_page(SITE, PageSettings()) == merge.PagePlan(actions=None)


def test_a_greeting_alone_keeps_the_site_actions() -> None:
    plan = merge.plan_page(SITE, PageSettings(greeting="Hello"))
    assert plan == merge.PagePlan(actions=None, greeting="Hello")


def test_page_action_replaces_the_site_action_in_place_and_new_ones_follow() -> None:
    own_b = Action(id="b", type="button", label="Own B")
    new = Action(id="n", type="button", label="New")
    plan = merge.plan_page(SITE, PageSettings(actions=(new, own_b)))
    assert plan.actions == ("a", own_b, "c", new)


def test_hide_removes_site_actions() -> None:
    plan = merge.plan_page(SITE, PageSettings(hide=("a", "c")))
    assert plan.actions == ("b",)


def test_hiding_everything_leaves_an_empty_list_not_the_default() -> None:
    plan = merge.plan_page(SITE, PageSettings(hide=("a", "b", "c")))
    assert plan.actions == ()


def test_opt_out() -> None:
    assert merge.plan_page(SITE, PageSettings(enabled=False)) == merge.PagePlan(enabled=False)


def test_hide_of_an_unknown_id_names_the_known_ones() -> None:
    with pytest.raises(model.ActionError) as caught:
        merge.plan_page(SITE, PageSettings(hide=("a", "zz")))
    assert str(caught.value) == (
        "chatspark.hide[1]: 'zz' is not the id of a site action; site actions: a, b, c"
    )


def test_hide_when_the_site_has_no_actions() -> None:
    with pytest.raises(model.ActionError, match="site actions: none are defined"):
        merge.plan_page((), PageSettings(hide=("a",)))


def test_hiding_and_defining_the_same_id_is_a_conflict() -> None:
    with pytest.raises(model.ActionError) as caught:
        merge.plan_page(SITE, PageSettings(actions=(C, A), hide=("a",)))
    assert str(caught.value).startswith(
        "chatspark.actions[1].id: 'a' is both hidden and defined on this page"
    )


PAGES = {"index.md": "./", "pricing.md": "pricing/", "guide/setup.md": "guide/setup/"}


@pytest.mark.parametrize(
    ("url", "resolved", "site_relative"),
    [
        ("https://example.com/x.md", "https://example.com/x.md", False),
        ("mailto:a@example.com", "mailto:a@example.com", False),
        ("#plans", "#plans", False),
        ("pricing.md", "pricing/", True),
        ("pricing.md#plans", "pricing/#plans", True),
        ("pricing.md?ref=chat#plans", "pricing/?ref=chat#plans", True),
        ("/pricing.md", "pricing/", True),
        ("guide/../pricing.md", "pricing/", True),
        ("guide/setup.md", "guide/setup/", True),
        ("index.md", "./", True),
        ("downloads/tool.zip", "downloads/tool.zip", True),
        ("/downloads/tool.zip", "downloads/tool.zip", True),
    ],
)
def test_urls_resolve_the_same_from_every_page(
    url: str, resolved: str, site_relative: bool
) -> None:
    assert merge.resolve_url(url, PAGES.get) == merge.Resolved(resolved, site_relative)


def test_a_missing_docs_page_is_a_warning_with_the_key_path() -> None:
    actions, warnings = merge.resolve_links(
        (A, Action(id="x", type="button", label="X", url="nope.md#a")), PAGES.get, "actions"
    )
    assert actions[1].url == "nope.md#a"
    assert warnings == [
        "actions[1].url: 'nope.md#a' is not found among the documentation files "
        "(a .md path is read from the docs directory's root)"
    ]


@pytest.mark.parametrize(
    ("url", "meant"),
    [
        ("github.com/pypa/cibuildwheel/issues", "https://github.com/pypa/cibuildwheel/issues"),
        ("www.example.com", "https://www.example.com"),
        ("join.slack.com/t/eessi-hpc", "https://join.slack.com/t/eessi-hpc"),
        ("Docs.Example.ORG/guide/?ref=chat#a", "https://Docs.Example.ORG/guide/?ref=chat#a"),
    ],
)
def test_an_address_without_its_scheme_is_a_warning(url: str, meant: str) -> None:
    # Tried on cibuildwheel's docs: `url: github.com/pypa/cibuildwheel/issues` built
    # without a word, as a path on the site, and the reader's link was a 404.
    actions, warnings = merge.resolve_links(
        (Action(id="x", type="link", label="X", url=url),), PAGES.get, "actions"
    )
    assert actions[0].site_relative
    assert warnings == [
        f"actions[0].url: {url!r} has no scheme, so it is read as a path on this site "
        f"and the link would stay on this site; did you mean {meant!r}?"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "downloads/tool.zip",
        "tool.zip",
        "v1.2/notes/",
        "index.html#x",
        "assets/v2.0/a.pdf",
        "#a",
        "/docs.old/x",
    ],
)
def test_a_path_on_the_site_is_not_taken_for_an_address(url: str) -> None:
    _, warnings = merge.resolve_links(
        (Action(id="x", type="link", label="X", url=url),), PAGES.get, "actions"
    )
    assert warnings == []


@pytest.mark.parametrize(
    ("pages", "path", "shown"),
    [
        (("api/**",), "api/index.md", True),
        (("api/**",), "api/v2/ref.md", True),
        (("api/**",), "guide/api.md", False),
        (("api/*",), "api/v2/ref.md", False),
        (("**/faq.md",), "faq.md", True),
        (("**/faq.md",), "a/b/faq.md", True),
        (("api/**", "!api/internal/**"), "api/internal/x.md", False),
        (("api/**", "!api/internal/**"), "api/public.md", True),
        (("**", "!blog/**"), "blog/post.md", False),
        (("**", "!blog/**"), "index.md", True),
        (("index.md", "pricing.md"), "pricing.md", True),
        (("page?.md",), "page1.md", True),
        (("page?.md",), "page10.md", False),
        (("a.b/*.md",), "axb/x.md", False),
        ((), "anything.md", True),
    ],
)
def test_pages_globs(pages: tuple[str, ...], path: str, shown: bool) -> None:
    assert merge.shown_on(Action(id="x", type="button", label="X", pages=pages), path) is shown


def test_only_exclusions_mean_every_other_page() -> None:
    (action,) = model.parse_actions(
        [{"id": "x", "type": "button", "label": "X", "pages": ["!blog/**"]}],
        "actions",
        model.Warnings(),
    )
    assert merge.shown_on(action, "index.md") and not merge.shown_on(action, "blog/a.md")


def test_a_targeted_site_action_is_left_out_of_other_pages_plans() -> None:
    api = Action(id="api", type="button", label="API", pages=("api/**",))
    site = (A, api)
    assert merge.plan_page(site, PageSettings(), src_path="api/x.md") == merge.PagePlan()
    assert merge.plan_page(site, PageSettings(), src_path="guide.md").actions == ("a",)
    assert merge.action_ids(site, merge.plan_page(site, PageSettings(), src_path="api/x.md")) == [
        "a",
        "api",
    ]


def test_a_page_action_cannot_choose_pages() -> None:
    with pytest.raises(model.ActionError) as caught:
        model.parse_page_settings(
            {"actions": [{"id": "x", "type": "button", "label": "X", "pages": ["a/**"]}]},
            "chatspark",
            model.Warnings(),
        )
    assert str(caught.value).startswith(
        "chatspark.actions[0].pages: only a site action in mkdocs.yml"
    )


def test_hide_of_a_mistyped_id_names_the_likely_one() -> None:
    site = (*SITE, Action(id="newsletter", type="button", label="N"))
    with pytest.raises(model.ActionError) as caught:
        merge.plan_page(site, PageSettings(hide=("newsleter",)))
    assert str(caught.value) == (
        "chatspark.hide[0]: 'newsleter' is not the id of a site action; "
        "did you mean newsletter? site actions: a, b, c, newsletter"
    )


def _anchors(path: str) -> set[str] | None:
    return {"settings.md": {"settings", "https", "timeouts"}}.get(path)


def test_a_bare_anchor_is_checked_against_the_page_that_wrote_it() -> None:
    urls = [("chatspark.actions[0].url", "#htps"), ("chatspark.actions[1].url", "#https")]
    assert merge.missing_anchors(urls, _anchors, here="settings.md") == [
        (
            "chatspark.actions[0].url",
            "'#htps': settings.md has no heading or anchor 'htps', so the link would leave "
            "the reader where they are on this page; did you mean 'https'? "
            "(its anchors: https, settings, timeouts)",
        )
    ]


def test_a_bare_anchor_without_a_page_is_not_checked() -> None:
    """mkdocs.yml: a site action's `#anchor` is on whichever page the reader is on."""
    assert merge.missing_anchors([("actions[0].url", "#htps")], _anchors) == []
    # and a page whose anchors the host does not list says nothing
    assert merge.missing_anchors([("u", "#htps")], _anchors, here="other.md") == []


@pytest.mark.parametrize("url", ["#top", "#Top", "settings.md#top", "#", "settings.md"])
def test_top_and_no_fragment_are_never_missing(url: str) -> None:
    assert merge.missing_anchors([("u", url)], _anchors, here="settings.md") == []
