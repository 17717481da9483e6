"""Values no client could read back, or Postgres would refuse, are 422 and store nothing."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from adapters.inbound.http.json_values import MAX_DEPTH, SAFE_INTEGER
from adapters.inbound.http.schemas.common import JSON_OBJECT_MAX_BYTES
from tests.http.conftest import FIRST_BACKTEST, Api
from tests.support.builders import a_backtest

# Raw JSON text: some of these cannot even be written by json.dumps.
HOSTILE = {
    "integer beyond 64 bits": ('{"n": 18446744073709551616}', "parameters.n"),
    "integer beyond 2**53": (f'{{"n": {SAFE_INTEGER + 2}}}', "parameters.n"),
    "5000-digit integer": ('{"n": 1' + "0" * 5000 + "}", "parameters.n"),
    "NaN": ('{"n": NaN}', "parameters.n"),
    "Infinity": ('{"n": [1, -Infinity]}', "parameters.n.1"),
    "1e400": ('{"n": 1e400}', "parameters.n"),
    "NUL in a string": ('{"n": "a\\u0000b"}', "parameters.n"),
    "lone surrogate": ('{"n": "\\ud800"}', "parameters.n"),
    "NUL in a key": ('{"a\\u0000": 1}', "parameters"),
}


def body_with_parameters(raw_parameters: str, base: dict[str, Any]) -> str:
    text = json.dumps({**base, "parameters": "__P__"})
    return text.replace('"__P__"', raw_parameters)


async def post_raw(api: Api, path: str, text: str) -> tuple[int, Any]:
    return await api.call("POST", path, data=text, headers={"Content-Type": "application/json"})


@pytest.mark.parametrize("case", list(HOSTILE))
async def test_a_hostile_strategy_parameter_is_refused_and_nothing_is_stored(
    api: Api, case: str
) -> None:
    raw, field = HOSTILE[case]

    status, problem = await post_raw(
        api, "/api/v1/strategies", body_with_parameters(raw, {"name": "b"})
    )
    listed_status, listed = await api.call("GET", "/api/v1/strategies")

    assert status == 422
    assert field in problem["errors"]
    assert (listed_status, listed["items"]) == (200, [])


@pytest.mark.parametrize("case", list(HOSTILE))
async def test_a_hostile_backtest_parameter_is_refused_and_nothing_is_stored(
    api: Api, case: str
) -> None:
    raw, field = HOSTILE[case]

    status, problem = await post_raw(
        api, "/api/v1/backtests", body_with_parameters(raw, FIRST_BACKTEST)
    )
    _, listed = await api.call("GET", "/api/v1/backtests")

    assert status == 422
    assert field in problem["errors"]
    assert listed["items"] == []


@pytest.mark.parametrize("text", ["a\x00b", "\ud800"])
async def test_names_with_nul_or_lone_surrogates_are_refused(api: Api, text: str) -> None:
    raw = json.dumps({"name": text})  # ensure_ascii escapes both

    status, problem = await post_raw(api, "/api/v1/strategies", raw)

    assert status == 422
    assert "name" in problem["errors"]


async def test_nesting_deeper_than_the_limit_is_refused(api: Api) -> None:
    deep = "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)

    status, problem = await post_raw(
        api, "/api/v1/strategies", body_with_parameters(f'{{"x": {deep}}}', {"name": "d"})
    )

    assert status == 422
    assert any("nested deeper" in m for messages in problem["errors"].values() for m in messages)


async def test_nesting_that_would_exhaust_the_parser_is_a_422_not_a_500(api: Api) -> None:
    status, _ = await post_raw(api, "/api/v1/strategies", "[" * 100_000 + "]" * 100_000)

    assert status == 422


async def test_a_parameters_object_over_the_byte_limit_is_refused(api: Api) -> None:
    big = {"blob": "x" * JSON_OBJECT_MAX_BYTES}

    status, problem = await api.call(
        "POST", "/api/v1/strategies", json={"name": "big", "parameters": big}
    )

    assert status == 422
    assert "parameters" in problem["errors"]


async def test_a_nul_in_a_query_string_is_refused(api: Api) -> None:
    status, problem = await api.call("GET", "/api/v1/backtests", params={"symbol": "BT\x00C"})

    assert status == 422
    assert "symbol" in problem["errors"]


async def test_rows_stored_before_the_checks_are_still_readable(api: Api) -> None:
    stored = a_backtest(owner_id=api.user_id, parameters={"n": 18446744073709551616})
    async with api.store_uow() as uow:
        await uow.backtests.add(stored)
        await uow.commit()

    status, listed = await api.call("GET", "/api/v1/backtests")
    one_status, one = await api.call("GET", f"/api/v1/backtests/{stored.id}")

    assert (status, one_status) == (200, 200)
    assert listed["items"][0]["parameters"] == {"n": "18446744073709551616"}
    assert one["parameters"] == {"n": "18446744073709551616"}
    assert uuid.UUID(one["id"]) == stored.id
