"""Edge values in every date, time, cursor and integer field of every endpoint: never a 500.

The fields are found by walking the served /openapi.json, so endpoints added later are
covered without touching this file. Each example sends one edge value to every such field,
the rest of the request being valid, and asserts that no answer is a server error.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.outbound.memory.candle_store import InMemoryCandleStore
from tests.http.conftest import FIRST_BACKTEST, Api
from tests.support.marketdata import bars, ms


@dataclass(frozen=True)
class Target:
    method: str
    path: str
    location: str  # "query" or "body"
    name: str
    kind: str  # "date", "datetime", "cursor" or "integer"
    body: dict[str, Any]  # a valid body to put the value into (POST and PUT)


def _kind(name: str, schema: dict[str, Any]) -> str | None:
    if name == "cursor":
        return "cursor"
    if schema.get("format") == "date-time" or name.endswith(("_time", "_at")):
        return "datetime"
    if schema.get("format") == "date" or name.endswith("_date"):
        return "date"
    return "integer" if schema.get("type") == "integer" else None


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return _resolve(document["components"]["schemas"][schema["$ref"].split("/")[-1]], document)
    if "oneOf" in schema:  # e.g. one trade or a list of them: the single form is enough
        return _resolve(schema["oneOf"][0], document)
    return schema


def _valid(name: str, schema: dict[str, Any]) -> Any:
    if "example" in schema:
        return schema["example"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = _kind(name, schema)
    if kind in ("date", "datetime"):
        return "2023-01-02" if kind == "date" else "2023-01-02T00:00:00Z"
    simple = {"integer": 1, "number": 1, "boolean": False, "object": {}, "array": []}
    return simple.get(schema.get("type", ""), "x")


def _body(schema: dict[str, Any]) -> dict[str, Any]:
    properties = schema.get("properties", {})
    chosen = set(schema.get("required", ())) | {k for k, p in properties.items() if "example" in p}
    return {name: _valid(name, properties[name]) for name in chosen}


def targets(document: dict[str, Any]) -> Iterator[Target]:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for parameter in operation.get("parameters", []):
                kind = _kind(parameter["name"], parameter.get("schema", {}))
                if parameter["in"] == "query" and kind:
                    yield Target(method.upper(), path, "query", parameter["name"], kind, {})
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                continue
            schema = _resolve(content["application/json"]["schema"], document)
            for name, prop in schema.get("properties", {}).items():
                kind = _kind(name, _resolve(prop, document))
                if kind:
                    yield Target(method.upper(), path, "body", name, kind, _body(schema))


EDGE_DAYS = [date(1, 1, 1), date(9999, 12, 31), date(1899, 12, 31), date(2201, 1, 1)]
OFFSETS = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
# Converting these to UTC overflows: the cases that used to answer 500.
EDGE_MOMENTS = ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "9999-12-31T23:59:59Z"]
days = st.one_of(st.sampled_from(EDGE_DAYS), st.dates())
moments = st.one_of(
    st.sampled_from(EDGE_MOMENTS),
    st.builds(
        lambda day, at, zone: datetime.combine(day, at, zone).isoformat(), days, st.times(), OFFSETS
    ),
)
page_cursors = moments.map(
    lambda at: base64.urlsafe_b64encode(json.dumps([at, str(uuid.uuid4())]).encode()).decode()
)
big = st.sampled_from([2**31, 2**53 + 1, 2**63, -(2**63) - 1, 10**20, 10**300])
integers = st.one_of(st.integers(), big, big.map(lambda n: -n))
candle_cursors = integers.map(lambda n: base64.urlsafe_b64encode(f"c{n}".encode()).decode())
printable = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
VALUES = {
    "date": st.one_of(days.map(date.isoformat), printable),
    "datetime": st.one_of(moments, days.map(lambda d: datetime.combine(d, time()).isoformat())),
    "cursor": st.one_of(page_cursors, candle_cursors, printable),
    "integer": integers,
}


@pytest.fixture
def candles() -> InMemoryCandleStore:
    store = InMemoryCandleStore()
    store.add("BTC", bars(ms(2023, 1, 1), 2 * 24 * 60, seed=1))
    return store


async def _path_ids(api: Api) -> dict[str, str]:
    """Ids of rows the caller owns, so requests get past the 404 to the field checks."""
    _, backtest = await api.call("POST", "/api/v1/backtests", json=FIRST_BACKTEST)
    _, strategy = await api.call("POST", "/api/v1/strategies", json={"name": f"s{uuid.uuid4()}"})
    ids = {"backtest_id": (backtest or {}).get("id"), "strategy_id": (strategy or {}).get("id")}
    return {name: value or str(uuid.uuid4()) for name, value in ids.items()}


def _url(path: str, ids: dict[str, str]) -> str:
    for name, value in ids.items():
        path = path.replace("{" + name + "}", value)
    return path


async def _send(api: Api, target: Target, value: Any, ids: dict[str, str]) -> int:
    url = _url(target.path, ids)
    if target.location == "query":
        params = {target.name: str(value)}
        if target.path.endswith("/ohlcv/data"):
            params = {
                "symbol": "BTC",
                "start_date": "2023-01-01",
                "end_date": "2023-01-02",
                **params,
            }
        response = await api.client.request(target.method, url, params=params, headers=api.auth())
    else:
        body = {**target.body, target.name: value}
        if "backtest_id" in body:
            body["backtest_id"] = ids["backtest_id"]
        response = await api.client.request(target.method, url, json=body, headers=api.auth())
    await response.read()
    return response.status


async def test_the_walk_finds_the_fields_of_the_known_endpoints(api: Api) -> None:
    document = await (await api.client.get("/openapi.json")).json()

    found = {(t.method, t.path, t.name) for t in targets(document)}

    assert {
        ("GET", "/api/v1/ohlcv/data", "end_date"),
        ("POST", "/api/v1/ohlcv/data", "cursor"),
        ("GET", "/api/v1/backtests", "cursor"),
        ("GET", "/api/v1/trades/backtest/{backtest_id}", "limit"),
        ("POST", "/api/v1/trades", "entry_time"),
        ("POST", "/api/v1/backtests", "start_date"),
    } <= found


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
async def test_edge_values_in_any_field_never_get_a_server_error(api: Api, data: Any) -> None:
    document = await (await api.client.get("/openapi.json")).json()
    ids = await _path_ids(api)
    failures = []

    for target in targets(document):
        value = data.draw(VALUES[target.kind], label=f"{target.method} {target.path} {target.name}")
        status = await _send(api, target, value, ids)
        if status >= 500:
            failures.append((target.method, target.path, target.name, value, status))

    assert failures == []
