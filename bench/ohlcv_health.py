"""Samples GET /api/v1/health/ every ~20 ms for a while; prints the latencies as JSON.

    python -m bench.ohlcv_health http://127.0.0.1:PORT SECONDS

A process of its own (standard library only, so it starts fast), so that its timings are not
delayed by the load clients' event loop or by the GIL they hold. Prints
{"ms": [latency of each answer], "failures": count}.
"""

from __future__ import annotations

import http.client
import json
import sys
import time
from urllib.parse import urlsplit

PATH = "/api/v1/health/"
PERIOD_S = 0.020


def sample(base: str, seconds: float, period: float = PERIOD_S) -> tuple[list[float], int]:
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
    latencies: list[float] = []
    failures = 0
    deadline = time.perf_counter() + seconds
    while (started := time.perf_counter()) < deadline:
        try:
            connection.request("GET", PATH)
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                latencies.append((time.perf_counter() - started) * 1000)
            else:
                failures += 1
        except (OSError, http.client.HTTPException):
            failures += 1
            connection.close()
        time.sleep(max(0.0, period - (time.perf_counter() - started)))
    connection.close()
    return latencies, failures


def main() -> None:
    latencies, failures = sample(sys.argv[1], float(sys.argv[2]))
    print(json.dumps({"ms": latencies, "failures": failures}))


if __name__ == "__main__":
    main()
