"""The served document is OpenAPI 3 as tools read it: bodies, problems, statuses, examples."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_spec_validator import validate

from tests.http.conftest import Api

BODY_OPERATIONS = [
    ("post", "/api/v1/backtests"),
    ("put", "/api/v1/backtests/{backtest_id}"),
    ("post", "/api/v1/trades"),
    ("post", "/api/v1/strategies"),
    ("put", "/api/v1/strategies/{strategy_id}"),
    ("post", "/api/v1/ohlcv/data"),
]


@pytest.fixture
async def document(api: Api) -> dict[str, Any]:
    response = await api.client.get("/openapi.json")
    assert response.status == 200
    body: dict[str, Any] = await response.json()
    return body


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


async def test_the_document_validates_as_openapi_3(document: dict[str, Any]) -> None:
    validate(document)

    assert document["openapi"].startswith("3.0")


@pytest.mark.parametrize(("method", "path"), BODY_OPERATIONS)
async def test_every_body_is_a_request_body_in_json(
    document: dict[str, Any], method: str, path: str
) -> None:
    operation = document["paths"][path][method]

    assert operation["requestBody"]["required"] is True
    assert list(operation["requestBody"]["content"]) == ["application/json"]
    assert all(parameter["in"] != "body" for parameter in operation.get("parameters", []))


async def test_no_operation_carries_swagger_2_fields(document: dict[str, Any]) -> None:
    for method, path, operation in operations(document):
        assert "produces" not in operation, (method, path)
        assert "consumes" not in operation, (method, path)


async def test_every_error_is_documented_as_problem_json(document: dict[str, Any]) -> None:
    for method, path, operation in operations(document):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                assert list(response["content"]) == ["application/problem+json"], (
                    method,
                    path,
                    status,
                )


async def test_secured_operations_document_401_and_503_and_bodies_413_and_415(
    document: dict[str, Any],
) -> None:
    for method, path, operation in operations(document):
        statuses = set(operation["responses"])
        if operation.get("security") != []:
            assert {"401", "503"} <= statuses, (method, path)
        if "requestBody" in operation:
            assert {"400", "413", "415", "422"} <= statuses, (method, path)


async def test_every_operation_on_a_resource_named_in_the_path_documents_404_and_422(
    document: dict[str, Any],
) -> None:
    named = [(m, p, o) for m, p, o in operations(document) if "{" in p]

    assert len(named) == 10
    for method, path, operation in named:
        responses = operation["responses"]
        assert responses["404"]["description"] == "No such resource for this user.", (method, path)
        assert responses["422"]["description"] == "Invalid input; see errors.", (method, path)


async def test_conditional_market_data_reads_document_304(document: dict[str, Any]) -> None:
    for method in ("get", "post"):
        assert "304" in document["paths"]["/api/v1/ohlcv/data"][method]["responses"]


async def test_one_trade_or_many_are_documented_as_what_each_returns(
    document: dict[str, Any],
) -> None:
    created = document["paths"]["/api/v1/trades"]["post"]["responses"]["201"]

    choices = created["content"]["application/json"]["schema"]["oneOf"]

    assert choices == [
        {"$ref": "#/components/schemas/Trade"},
        {"$ref": "#/components/schemas/TradeList"},
    ]


async def test_the_head_twin_of_each_get_is_left_out(document: dict[str, Any]) -> None:
    assert all(method != "head" for method, _, _ in operations(document))
