"""A page of large rows ends early with a cursor: a page stays small whatever `limit` says."""

from __future__ import annotations

import orjson

from core.domain.pagination import PAGE_BYTES
from tests.http.conftest import Api

BIG = {"blob": "x" * 60_000}  # just under the 64 KiB a parameters object may hold


async def test_large_templates_are_listed_in_small_pages_without_gaps_or_repeats(
    api: Api,
) -> None:
    created = []
    for n in range(50):
        status, strategy = await api.call(
            "POST",
            "/api/v1/strategies",
            json={
                "name": f"big {n}",
                "kind": "rules",
                "parameters": BIG,
                "rules": {"entry": "close > open", "exit": "close < open"},
            },
        )
        assert status == 201, strategy
        created.append(strategy["id"])

    seen, sizes, cursor = [], [], None
    while True:
        params = {"limit": "500", **({"cursor": cursor} if cursor else {})}
        response = await api.client.get("/api/v1/strategies", params=params, headers=api.auth())
        body = await response.read()
        page = orjson.loads(body)
        sizes.append(len(body))
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break

    assert sorted(seen) == sorted(created)
    assert len(seen) == len(set(seen))
    assert len(sizes) > 1
    assert max(sizes) < PAGE_BYTES + 100_000
