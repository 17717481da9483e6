"""/api/v1/health: liveness, dependency detail and readiness; no authentication."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from aiohttp import web
from aiohttp_apispec import response_schema
from dependency_injector.wiring import Provide, inject

from adapters.inbound.http import presenters
from adapters.inbound.http.routes.openapi import operation
from adapters.inbound.http.schemas.health import (
    DetailedHealthSchema,
    LivenessSchema,
    ReadinessSchema,
)
from core.ports.health import HealthProbe, ProbeResult

routes = web.RouteTableDef()
TAG = "health"
PROBE_TIMEOUT_S = 5.0


@routes.get("/api/v1/health/")
@operation(TAG, "Liveness: the process answers; touches nothing", secured=False)
@response_schema(LivenessSchema, 200)
async def liveness(request: web.Request) -> web.Response:
    return presenters.json_response({"status": "ok"})


@routes.get("/api/v1/health/detailed")
@operation(TAG, "Each dependency with its status and latency", secured=False)
@response_schema(DetailedHealthSchema, 200, description="Always 200; see status.")
@inject
async def detailed(
    request: web.Request,
    probes: Sequence[HealthProbe] = Provide["health_probes"],
    version: str = Provide["version"],
    environment: str = Provide["settings.provided.environment"],
) -> web.Response:
    results = await _run(probes)
    return presenters.json_response(
        {
            "status": "ok" if all(r.ok for r in results) else "degraded",
            "version": version,
            "environment": environment,
            "dependencies": {r.name: _describe(r) for r in results},
        }
    )


@routes.get("/api/v1/health/ready")
@operation(
    TAG,
    "Readiness: 503 while the database is unreachable or migrations are pending",
    secured=False,
)
@response_schema(ReadinessSchema, 200, description="Ready.")
@response_schema(ReadinessSchema, 503, description="Not ready.")
@inject
async def readiness(
    request: web.Request, probes: Sequence[HealthProbe] = Provide["readiness_probes"]
) -> web.Response:
    results = await _run(probes)
    ready = all(r.ok and r.ready for r in results)
    return presenters.json_response(
        {
            "status": "ready" if ready else "not_ready",
            "checks": {r.name: _describe(r) for r in results},
        },
        status=200 if ready else 503,
    )


async def _run(probes: Sequence[HealthProbe]) -> list[ProbeResult]:
    return list(await asyncio.gather(*(_bounded(probe) for probe in probes)))


async def _bounded(probe: HealthProbe) -> ProbeResult:
    try:
        return await asyncio.wait_for(probe.check(), PROBE_TIMEOUT_S)
    except TimeoutError:
        return ProbeResult(probe.name, False, PROBE_TIMEOUT_S * 1000, "timed out")


def _describe(result: ProbeResult) -> dict[str, object]:
    status = "ok" if result.ok and result.ready else ("not_ready" if result.ok else "down")
    return {
        "status": status,
        "latency_ms": round(result.latency_ms, 2),
        "detail": result.detail,
    }
