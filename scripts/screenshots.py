"""Take the README's screenshots of the widget (open, a form, an error at 1280 px; open
and a form on a 390 px phone) from a real build of example_site in Debian's Chromium.
Run: python scripts/screenshots.py"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "example_site"))

from receiver import Receiver  # noqa: E402
from support import CHROMIUM, CHROMIUM_ARGS, StaticServer  # noqa: E402

OUT = ROOT / "example_site" / "docs" / "images"


def main() -> None:
    receiver = Receiver(port=8765).start()  # the example's webhook address
    receiver.answers = [500]  # the first submission fails: the error screenshot
    server = StaticServer()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "-q",
                "-f",
                str(ROOT / "example_site" / "mkdocs.yml"),
                "-d",
                tmp,
            ],
            check=True,
        )
        server.root = Path(tmp)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(server.url)
            page.get_by_role("button", name="Open chat").click()
            page.wait_for_timeout(200)
            page.screenshot(path=OUT / "widget-open.png")
            panel = page.get_by_role("dialog", name="Ask the ChatSpark team")
            panel.get_by_role("button", name="Contact sales").click()
            form = page.get_by_role("form", name="Contact sales")
            form.get_by_label("Name").fill("Ada Lovelace")
            form.get_by_label("Email").fill("ada@example")
            form.get_by_role("button", name="Send").click()
            form.get_by_label("Name").scroll_into_view_if_needed()
            page.screenshot(path=OUT / "widget-form.png")
            form.get_by_label("Email").fill("ada@example.com")
            form.get_by_role("button", name="Send").click()
            page.get_by_role("button", name="Send again").wait_for()
            page.get_by_role("button", name="Send again").scroll_into_view_if_needed()
            page.screenshot(path=OUT / "widget-error.png")
            # A phone: the panel takes the whole screen.
            phone = browser.new_page(
                viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
            )
            phone.goto(server.url)
            phone.get_by_role("button", name="Open chat").click()
            phone.wait_for_timeout(200)
            phone.screenshot(path=OUT / "widget-phone.png")
            phone.get_by_role("dialog", name="Ask the ChatSpark team").get_by_role(
                "button", name="Contact sales"
            ).click()
            phone.wait_for_timeout(200)
            phone.screenshot(path=OUT / "widget-phone-form.png")
            browser.close()
    server.stop()
    receiver.stop()
    print("wrote", *sorted(p.name for p in OUT.glob("widget-*.png")))


if __name__ == "__main__":
    main()
