"""benchmarks/h2_server.mjs (`bench_lighthouse.py --http2`), read by the real Chromium:
a site over HTTP/2 with TLS, text gzipped and cacheable, as GitHub Pages serves it. The
Lighthouse figures over HTTP/2 mean something only if the page really came that way."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench_lighthouse import serve_http2


def test_the_bench_serves_a_site_over_http2_gzipped(tmp_path: Path, browser: Any) -> None:
    folder = tmp_path / "site" / "page"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(
        "<!doctype html><title>t</title><script src=app.js></script>" + "<p>words " * 2000,
        encoding="utf-8",
    )
    (folder / "app.js").write_text("window.ran = 1;", encoding="utf-8")
    with serve_http2(tmp_path) as base:
        assert base.startswith("https://127.0.0.1:")
        context = browser.new_context(ignore_https_errors=True)
        try:
            page = context.new_page()
            response = page.goto(base + "site/page/")
            assert response is not None and response.status == 200
            headers = response.all_headers()
            assert headers["content-encoding"] == "gzip"
            assert headers["cache-control"] == "max-age=600"
            assert page.evaluate("window.ran") == 1  # the folder's index.html, its script beside
            protocols = page.evaluate(
                "performance.getEntries().filter(e => e.nextHopProtocol).map(e => e.nextHopProtocol)"
            )
            assert protocols and set(protocols) == {"h2"}
            assert page.evaluate("fetch('/site/nothing-here').then(r => r.status)") == 404
        finally:
            context.close()
