"""ReDoc at /redoc (Swagger UI at /docs comes with aiohttp-apispec)."""

from __future__ import annotations

from aiohttp import web

routes = web.RouteTableDef()

_REDOC_PAGE = """<!DOCTYPE html>
<html>
  <head>
    <title>Backtest API - ReDoc</title>
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1">
  </head>
  <body>
    <redoc spec-url="/openapi.json"></redoc>
    <script src="https://cdn.jsdelivr.net/npm/redoc@2/bundles/redoc.standalone.js"></script>
  </body>
</html>
"""


@routes.get("/redoc")
async def redoc(request: web.Request) -> web.Response:
    return web.Response(text=_REDOC_PAGE, content_type="text/html")
