from __future__ import annotations

from dependency_injector import providers

from adapters.outbound.postgres.pool import create_pool
from adapters.outbound.postgres.unit_of_work import PostgresUnitOfWork
from bootstrap.container import Container
from core.use_cases.users.authenticate import RecentlySeen
from tests.http.conftest import Api

PATHS = {
    "/api/v1/health/": {"get"},
    "/api/v1/health/detailed": {"get"},
    "/api/v1/health/ready": {"get"},
    "/api/v1/users/": {"get"},
    "/api/v1/backtests": {"get", "post"},
    "/api/v1/backtests/{backtest_id}": {"get", "put", "delete"},
    "/api/v1/backtests/{backtest_id}/run": {"post"},
    "/api/v1/backtests/{backtest_id}/cancel": {"post"},
    "/api/v1/backtests/{backtest_id}/results": {"get"},
    "/api/v1/trades": {"post"},
    "/api/v1/trades/backtest/{backtest_id}": {"get"},
    "/api/v1/strategies": {"get", "post"},
    "/api/v1/strategies/{strategy_id}": {"get", "put", "delete"},
    "/api/v1/strategies/kinds": {"get"},
    "/api/v1/strategies/validate": {"post"},
    "/api/v1/ohlcv/symbols": {"get"},
    "/api/v1/ohlcv/timeframes": {"get"},
    "/api/v1/ohlcv/data": {"get", "post"},
}


async def test_liveness_needs_no_token_and_touches_nothing(api: Api) -> None:
    api.probe.ok = False

    response = await api.client.get("/api/v1/health/")

    assert response.status == 200
    assert await response.json() == {"status": "ok"}


async def test_detailed_health_lists_each_dependency_with_latency(api: Api) -> None:
    response = await api.client.get("/api/v1/health/detailed")
    body = await response.json()

    assert response.status == 200
    assert body["status"] == "ok"
    assert body["dependencies"]["database"]["status"] == "ok"
    assert "latency_ms" in body["dependencies"]["database"]


async def test_detailed_health_reports_a_degraded_dependency(api: Api) -> None:
    api.probe.ok = False

    body = await (await api.client.get("/api/v1/health/detailed")).json()

    assert body["status"] == "degraded"
    assert body["dependencies"]["database"]["status"] == "down"


async def test_readiness_is_503_when_the_database_is_down(api: Api) -> None:
    api.probe.ok = False

    response = await api.client.get("/api/v1/health/ready")

    assert response.status == 503
    assert (await response.json())["status"] == "not_ready"


async def test_readiness_is_503_while_migrations_are_pending(api: Api) -> None:
    api.probe.ready = False

    response = await api.client.get("/api/v1/health/ready")

    assert response.status == 503
    assert (await response.json())["checks"]["database"]["status"] == "not_ready"


async def test_readiness_is_200_when_all_is_well(api: Api) -> None:
    response = await api.client.get("/api/v1/health/ready")

    assert response.status == 200


async def test_the_openapi_document_describes_every_endpoint_and_the_bearer_scheme(
    api: Api,
) -> None:
    response = await api.client.get("/openapi.json")
    spec = await response.json()

    assert response.status == 200
    assert spec["openapi"].startswith("3.")
    assert {
        path: set(ops) & {"get", "post", "put", "delete"}
        for path, ops in spec["paths"].items()
        if path.startswith("/api/")
    } == PATHS
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    create = spec["paths"]["/api/v1/backtests"]["post"]
    assert create["security"] == [{"bearerAuth": []}]
    assert {"201", "401", "422"} <= create["responses"].keys()
    assert spec["paths"]["/api/v1/health/"]["get"]["security"] == []
    assert all("head" not in operations for operations in spec["paths"].values())


async def test_swagger_ui_and_redoc_are_served(api: Api) -> None:
    swagger = await api.client.get("/docs")
    redoc = await api.client.get("/redoc")

    assert swagger.status == 200
    assert "swagger" in (await swagger.text()).lower()
    assert redoc.status == 200
    assert "/openapi.json" in await redoc.text()


async def test_a_database_outage_is_a_503_problem_not_a_500(api: Api, container: Container) -> None:
    pool = await create_pool("postgresql://postgres@127.0.0.1:1/none", 0, 1)
    container.persistence.uow.override(providers.Factory(PostgresUnitOfWork, pool))
    container.auth.recently_seen.override(providers.Object(RecentlySeen()))
    try:
        response = await api.client.get("/api/v1/backtests", headers=api.auth())
        body = await response.json()
    finally:
        await pool.close()

    assert response.status == 503
    assert response.content_type == "application/problem+json"
    assert "unreachable" in body["detail"]
