"""DuckDB work runs off the event loop: the loop stays free while a query is busy."""

from __future__ import annotations

import asyncio
import threading

from adapters.outbound.duckdb.engine import DuckDbEngine


async def test_a_busy_query_does_not_block_the_event_loop() -> None:
    engine = DuckDbEngine(workers=2)
    loop_was_free = threading.Event()

    def slow_query(cursor: object) -> bool:
        # Finishes only once the event loop has run other work in the meantime.
        return loop_was_free.wait(timeout=30)

    async def other_request() -> None:
        await asyncio.sleep(0)
        loop_was_free.set()

    try:
        finished, _ = await asyncio.gather(engine.run(slow_query), other_request())
    finally:
        await engine.close()

    assert finished is True


async def test_a_worker_thread_reuses_its_cursor() -> None:
    engine = DuckDbEngine(workers=1)
    try:
        first = await engine.run(lambda cursor: cursor)
        again = await engine.run(lambda cursor: cursor)
        rows = await engine.run(engine.query("SELECT 41 + 1 AS answer"))
    finally:
        await engine.close()

    assert first is again
    assert rows.column(0).to_pylist() == [42]
