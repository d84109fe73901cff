"""Sizes that build but cost every reader warn, so that `--strict` stops on them; a
call to action in upper case works; a top-level option typo names its line."""

from __future__ import annotations

from support import BuildSite, site_config, without_lines


def test_a_huge_label_warns_and_strict_mode_fails_on_it(build_site: BuildSite) -> None:
    label = "Book " * 20_000  # 100 kB, pasted by mistake
    actions = [{"id": "a", "type": "button", "label": label}]
    built = build_site(site_config({"actions": actions}), strict=False)
    assert built.ok, built.log
    assert (
        "mkdocs.yml: actions[0].label: is 100,000 characters long (more than 10,000); every "
        "reader's browser downloads it with the chat's data and the panel shows it whole"
    ) in without_lines(built.log)
    assert not build_site(site_config({"actions": actions})).ok  # --strict


def test_a_huge_label_in_front_matter_warns(build_site: BuildSite) -> None:
    page = "---\nchatspark:\n  actions:\n    - {id: a, type: button, label: " + "x" * 12_000
    built = build_site(site_config(), {"index.md": page + "}\n---\n# Home\n"}, strict=False)
    assert built.ok, built.log
    assert "chatspark.actions[0].label: is 12,000 characters long" in built.log


def test_a_huge_site_data_file_warns(build_site: BuildSite) -> None:
    actions = [
        {
            "id": f"a{i}",
            "type": "link",
            "label": f"Link number {i}",
            "url": f"https://x.example/{i}",
        }
        for i in range(3000)
    ]
    built = build_site(site_config({"actions": actions}), strict=False)
    assert built.ok, built.log
    assert "actions: the site's chat data is " in built.log
    assert "bytes (3,000 actions; more than 100,000), which every reader" in built.log


def test_an_ordinary_site_gets_no_size_warning(build_site: BuildSite) -> None:
    actions = [{"id": f"a{i}", "type": "button", "label": f"Button {i}"} for i in range(50)]
    built = build_site(site_config({"actions": actions}))
    assert built.ok, built.log
    assert "WARNING" not in built.log


def test_a_call_to_action_in_upper_case_is_a_button(build_site: BuildSite) -> None:
    actions = [{"id": "b1", "type": "button", "label": "B"}]
    built = build_site(site_config({"actions": actions}), {"index.md": "[Go](CHATSPARK:b1)\n"})
    assert built.ok, built.log
    assert 'data-chatspark-action="b1"' in built.html("index.html")
    assert 'href="CHATSPARK:b1"' not in built.html("index.html")


def test_a_top_level_option_typo_names_its_line_and_the_known_options(
    build_site: BuildSite,
) -> None:
    built = build_site(site_config({"positon": "left"}), strict=False)
    assert built.ok, built.log
    assert "mkdocs.yml:8: positon: unknown option, ignored; did you mean position? known " in (
        built.log
    )
