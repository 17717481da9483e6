"""Keys under which middlewares leave per-request facts for handlers and other middlewares."""

from __future__ import annotations

REQUEST_ID = "request_id"
PRINCIPAL = "principal"
