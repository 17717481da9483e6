"""Size bounds on a rule, so a hostile one cannot exhaust the server."""

from __future__ import annotations

MAX_RULE_CHARS = 2_000
MAX_NODES = 500
MAX_DEPTH = 100
