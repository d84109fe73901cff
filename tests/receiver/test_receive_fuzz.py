"""Whatever arrives, the receiver answers with a JSON refusal or a 200, never a crash:
random JSON shapes, random field values, random bytes, random urlencoded bodies."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from receiver_support import SITE_ORIGIN, start, write_receiver_site

ANSWERS = {200, 400, 413, 415, 422}
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
field_values = st.dictionaries(
    st.sampled_from(
        ["name", "email", "seats", "plan", "topics", "start", "news", "code", "campaign", "x"]
    ),
    json_values,
    max_size=10,
)


def check(answer: httpx.Response) -> None:
    assert answer.status_code in ANSWERS, (answer.status_code, answer.text)
    body = answer.json()
    assert body["ok"] is (answer.status_code == 200)
    if answer.status_code == 422 and body["error"] == "invalid_fields":
        assert body["fields"] and all(isinstance(m, str) and m for m in body["fields"].values())


class Fuzz:
    def __init__(self) -> None:
        self.folder = tempfile.TemporaryDirectory()
        root = Path(self.folder.name)
        self.running = start(write_receiver_site(root / "site"), str(root / "f.sqlite3"))
        self.client = httpx.Client(base_url=self.running.url, headers={"Origin": SITE_ORIGIN})

    def close(self) -> None:
        self.client.close()
        self.running.stop()
        self.folder.cleanup()


def test_random_payloads_get_an_answer_never_a_crash() -> None:
    fuzz = Fuzz()
    try:

        @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(
            action=st.sampled_from(["contact", "newsletter", "nope", ""]) | json_values,
            data=field_values | json_values,
            key=st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40)
            | st.none(),
        )
        def one(action: Any, data: Any, key: Any) -> None:
            headers = {"Content-Type": "application/json"}
            if key is not None:
                headers["Idempotency-Key"] = key.strip() or "k"  # what HTTP can carry
            body = json.dumps({"actionId": action, "data": data, "page": data})
            check(fuzz.client.post("/hooks/x", content=body, headers=headers))

        one()

        @settings(max_examples=60, deadline=None)
        @given(body=st.binary(max_size=300), form=st.booleans())
        def raw(body: bytes, form: bool) -> None:
            kind = "application/x-www-form-urlencoded" if form else "application/json"
            check(
                fuzz.client.post(
                    "/", content=body, headers={"Content-Type": kind, "Idempotency-Key": "k"}
                )
            )

        raw()

        @settings(max_examples=60, deadline=None)
        @given(
            pairs=st.lists(
                st.tuples(
                    st.sampled_from(
                        ["email", "_actionId", "_submissionId", "_gotcha", "x", "_utm_source"]
                    ),
                    st.text(max_size=20),
                ),
                max_size=8,
            )
        )
        def form(pairs: list[tuple[str, str]]) -> None:
            body = httpx.QueryParams([("_actionId", "newsletter"), *pairs]).__str__()
            check(
                fuzz.client.post(
                    "/", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
                )
            )

        form()
        assert fuzz.client.get("/healthz").json()["ok"] is True
    finally:
        fuzz.close()
