"""How the candle endpoints document their answers: the formats, headers and 304 and 503."""

from __future__ import annotations

from typing import Any

from adapters.inbound.http.ohlcv.encoders import ARROW, CSV, JSON

CANDLE_RESPONSES: dict[str, Any] = {
    "200": {
        "description": "Candles. JSON by default; text/csv or an Arrow IPC stream on request.",
        "content": {
            JSON: {"schema": {"$ref": "#/components/schemas/Candles"}},
            CSV: {"schema": {"type": "string"}},
            ARROW: {"schema": {"type": "string", "format": "binary"}},
        },
        "headers": {
            "ETag": {"description": "Validator for If-None-Match.", "schema": {"type": "string"}},
            "Link": {
                "description": 'GET only: <url>; rel="next" to the next page of one symbol; '
                "absent on the last page.",
                "schema": {"type": "string"},
            },
            "X-Next-Cursor": {
                "description": "Cursor of the next page of one symbol (POST: send the body "
                "again with it); absent on the last page.",
                "schema": {"type": "string"},
            },
        },
    },
    "503": {
        "description": "Storage unreachable or too slow, or too many market-data requests at "
        "once; Retry-After says when to try again.",
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    },
    "304": {"description": "Not modified (If-None-Match matched the ETag)."},
}
# POST with `symbols` answers one page per symbol.
MANY_CANDLE_RESPONSES: dict[str, Any] = {
    **CANDLE_RESPONSES,
    "200": {
        **CANDLE_RESPONSES["200"],
        "description": "Candles. With `symbols`: one page per symbol under `results` "
        "(JSON; CSV and Arrow when they fit one page).",
        "content": {
            **CANDLE_RESPONSES["200"]["content"],
            JSON: {
                "schema": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/Candles"},
                        {"$ref": "#/components/schemas/ManyCandles"},
                    ]
                }
            },
        },
    },
}
