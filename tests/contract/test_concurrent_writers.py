"""Concurrent writers through the API over the real Postgres adapters lose nothing.

Each test runs many concurrent pairs; without row locks a read-modify-write loses one
change most of the time, and a trade racing its backtest's deletion hits the foreign key.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from adapters.outbound.supabase.minting import mint_token
from tests.contract.conftest import HTTP_SECRET

TRIALS = 25
BACKTEST = {
    "name": "race",
    "strategy": "SMA",
    "symbol": "BTC",
    "start_date": "2023-01-01",
    "end_date": "2023-12-31",
    "initial_capital": 1000,
}


def signed() -> dict[str, str]:
    return {"Authorization": f"Bearer {mint_token(HTTP_SECRET, str(uuid.uuid4()))}"}


async def created(client: Any, auth: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/api/v1/backtests", json=body, headers=auth)
    assert response.status == 201
    answer: dict[str, Any] = await response.json()
    return answer


async def test_two_concurrent_partial_updates_both_survive(http_over_postgres: Any) -> None:
    client, auth = http_over_postgres, signed()
    lost = 0
    for n in range(TRIALS):
        backtest = await created(client, auth, BACKTEST)
        path = f"/api/v1/backtests/{backtest['id']}"

        answers = await asyncio.gather(
            client.put(path, json={"status": "running"}, headers=auth),
            client.put(path, json={"name": f"renamed {n}"}, headers=auth),
        )
        final = await (await client.get(path, headers=auth)).json()

        assert [a.status for a in answers] == [200, 200]
        lost += (final["status"], final["name"]) != ("running", f"renamed {n}")
    assert lost == 0


async def test_a_trade_racing_the_deletion_of_its_backtest_is_stored_or_not_found(
    http_over_postgres: Any,
) -> None:
    client, auth = http_over_postgres, signed()
    outcomes = set()
    for _ in range(TRIALS):
        backtest = await created(client, auth, BACKTEST)
        trade = {
            "backtest_id": backtest["id"],
            "side": "long",
            "quantity": 1,
            "entry_time": "2023-02-01T10:00:00Z",
            "entry_price": 100,
        }

        posted, deleted = await asyncio.gather(
            client.post("/api/v1/trades", json=trade, headers=auth),
            client.delete(f"/api/v1/backtests/{backtest['id']}", headers=auth),
        )

        assert posted.status in (201, 404), await posted.text()
        assert deleted.status == 204
        outcomes.add(posted.status)
    assert outcomes <= {201, 404}


async def test_a_write_with_a_stale_etag_is_refused_and_changes_nothing(
    http_over_postgres: Any,
) -> None:
    client, auth = http_over_postgres, signed()
    backtest = await created(client, auth, BACKTEST)
    path = f"/api/v1/backtests/{backtest['id']}"
    read = await client.get(path, headers=auth)
    tag = read.headers["ETag"]

    first = await client.put(path, json={"name": "first"}, headers={**auth, "If-Match": tag})
    second = await client.put(path, json={"name": "second"}, headers={**auth, "If-Match": tag})
    final = await (await client.get(path, headers=auth)).json()

    assert first.status == 200
    assert first.headers["ETag"] != tag
    assert second.status == 412
    assert (await second.json())["status"] == 412
    assert final["name"] == "first"


async def test_concurrent_conditional_writes_let_exactly_one_win(
    http_over_postgres: Any,
) -> None:
    client, auth = http_over_postgres, signed()
    for n in range(TRIALS):
        backtest = await created(client, auth, BACKTEST)
        path = f"/api/v1/backtests/{backtest['id']}"
        tag = (await client.get(path, headers=auth)).headers["ETag"]

        answers = await asyncio.gather(
            *(
                client.put(path, json={"name": f"w{n}-{k}"}, headers={**auth, "If-Match": tag})
                for k in range(3)
            )
        )

        assert sorted(a.status for a in answers) == [200, 412, 412]


async def test_strategies_honour_if_match_too(http_over_postgres: Any) -> None:
    client, auth = http_over_postgres, signed()
    made = await client.post(
        "/api/v1/strategies", json={"name": "s", "kind": "buy_and_hold"}, headers=auth
    )
    path = f"/api/v1/strategies/{(await made.json())['id']}"

    stale = await client.put(path, json={"name": "t"}, headers={**auth, "If-Match": '"0-0"'})
    fresh_tag = (await client.get(path, headers=auth)).headers["ETag"]
    fresh = await client.put(path, json={"name": "u"}, headers={**auth, "If-Match": fresh_tag})

    assert (stale.status, fresh.status) == (412, 200)
