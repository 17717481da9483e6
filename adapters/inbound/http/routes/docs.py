"""ReDoc at /redoc, from a pinned copy served here (Swagger UI at /docs comes with aiohttp-apispec).

The script's URL names its version, so browsers may keep it for a year and an upgrade is a
new URL. The page has no inline script: `<redoc spec-url>` starts the standalone bundle.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from aiohttp import web

from adapters.inbound.http.page_policy import HEADER, page_policy

routes = web.RouteTableDef()

REDOC_VERSION = "2.5.4"
REDOC_SHA256 = "dcaf76612bc4a3fbcc923a8966dee2f6146a5f32e5ce1b6f02dd60cbbf89500b"
REDOC_FILE = Path(__file__).resolve().parents[1] / "static" / "redoc" / "redoc.standalone.js"
REDOC_SCRIPT_URL = f"/static/redoc/{REDOC_VERSION}/redoc.standalone.js"
IMMUTABLE = "public, max-age=31536000, immutable"

_REDOC_PAGE = f"""<!DOCTYPE html>
<html lang="en">
  <head>
    <title>Backtest API - ReDoc</title>
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1">
  </head>
  <body>
    <redoc spec-url="/openapi.json"></redoc>
    <script src="{REDOC_SCRIPT_URL}"></script>
  </body>
</html>
"""


@cache
def _redoc_script() -> bytes:
    return REDOC_FILE.read_bytes()


# ReDoc styles itself at run time (styled-components) and searches in a blob: worker.
_REDOC_POLICY = page_policy(_REDOC_PAGE, inline_styles=True, blob_workers=True)


@routes.get("/redoc")
async def redoc(request: web.Request) -> web.Response:
    return web.Response(text=_REDOC_PAGE, content_type="text/html", headers={HEADER: _REDOC_POLICY})


@routes.get(REDOC_SCRIPT_URL)
async def redoc_script(request: web.Request) -> web.Response:
    return web.Response(
        body=_redoc_script(),
        content_type="application/javascript",
        charset="utf-8",
        headers={"Cache-Control": IMMUTABLE},
    )
