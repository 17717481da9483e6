"""Keys under which middlewares leave per-request facts for handlers and other middlewares."""

from __future__ import annotations

from aiohttp import web

from core.domain.users import Principal

REQUEST_ID = web.RequestKey("request_id", str)
PRINCIPAL = web.RequestKey("principal", Principal)
