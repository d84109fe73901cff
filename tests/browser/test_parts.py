"""Parts of the widget that only some readers need load only when needed (parts.js):
the form part when a form first opens, the measure part only where analytics or
context is configured; a part that cannot load is told, and tried again."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect
from support import ServeSite, StaticServer, site_config, widget_ready

CONTACT = {
    "id": "contact",
    "type": "form",
    "label": "Contact us",
    "fields": [{"key": "email", "label": "Email", "type": "email", "required": True}],
    "error_message": "That did not work.",
}
BUTTON = {"id": "plain", "type": "button", "label": "Tell listeners"}


def requests_for(server: StaticServer, name: str) -> int:
    return sum(p.split("?")[0].endswith(f"/assets/chatspark/{name}") for p in server.paths)


def serve(serve_site: ServeSite, options: dict[str, Any]) -> Any:
    return serve_site(
        site_config({"actions": [BUTTON, CONTACT], **options}), {"index.md": "# Home\n"}
    )


def open_panel(page: Page, server: StaticServer) -> None:
    page.goto(server.url)
    page.get_by_role("button", name="Open chat").click()
    expect(page.get_by_role("button", name="Contact us")).to_be_visible()
    widget_ready(page)


def test_the_form_part_loads_when_a_form_opens(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    serve(serve_site, {})
    open_panel(page, server)
    # The panel is open and lists the form, whose fields have not been asked for.
    assert requests_for(server, "widget.js") == 1
    assert requests_for(server, "form.js") == 0
    assert requests_for(server, "measure.js") == 0  # neither analytics nor context here
    page.get_by_role("button", name="Contact us").click()
    email = page.get_by_label("Email")
    expect(email).to_be_visible()
    expect(email).to_be_focused()
    expect(page.get_by_role("button", name="Contact us")).to_have_attribute("aria-expanded", "true")
    # Closed and opened again: the same form, the part fetched once.
    email.fill("a@b.co")
    page.get_by_role("button", name="Contact us").click()
    expect(email).to_be_hidden()
    page.get_by_role("button", name="Contact us").click()
    expect(email).to_have_value("a@b.co")
    assert requests_for(server, "form.js") == 1
    assert requests_for(server, "measure.js") == 0


def test_a_pointer_over_the_opener_fetches_the_form_part(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    serve(serve_site, {})
    open_panel(page, server)
    assert requests_for(server, "form.js") == 0
    page.get_by_role("button", name="Contact us").hover()
    page.wait_for_function(
        "performance.getEntriesByType('resource').some((r) => r.name.endsWith('/form.js'))"
    )
    expect(page.get_by_label("Email")).to_have_count(0)  # fetched, not drawn: not opened


def test_a_form_part_that_cannot_load_is_told_and_tried_again(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    built = serve(serve_site, {})
    part = built.site / "assets" / "chatspark" / "form.js"
    kept = part.read_bytes()
    part.unlink()
    open_panel(page, server)
    page.get_by_role("button", name="Contact us").click()
    expect(page.get_by_role("alert").filter(has_text="That did not work.")).to_be_visible()
    part.write_bytes(kept)
    page.get_by_role("button", name="Contact us").click()
    expect(page.get_by_label("Email")).to_be_visible()


def test_the_measure_part_loads_only_where_configured(
    page: Page, serve_site: ServeSite, server: StaticServer
) -> None:
    serve(serve_site, {"context": ["utm"]})
    page.goto(server.url + "?utm_source=docs")
    widget_ready(page)  # idle
    page.wait_for_function("sessionStorage.getItem('chatspark-utm') !== null")
    assert page.evaluate("JSON.parse(sessionStorage.getItem('chatspark-utm'))") == {
        "utm_source": "docs"
    }
    assert requests_for(server, "measure.js") == 1
    assert requests_for(server, "form.js") == 0
