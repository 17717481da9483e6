"""Run workers: inside the API process (RUN_WORKERS > 0) or as `python -m bootstrap worker`."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Protocol

from bootstrap.container import Container

log = logging.getLogger("backtest.worker")
STOP_GRACE_SECONDS = 30


class Worker(Protocol):
    async def run(self) -> None: ...

    def stop(self) -> None: ...


@contextlib.asynccontextmanager
async def working(container: Container) -> AsyncIterator[None]:
    """Runs the container's worker while the caller's context lasts.

    The engine is compiled (or loaded from numba's cache) first, in a thread, so no run
    pays for it; requests are served meanwhile and runs simply wait in the queue.
    """
    worker: Worker = container.run_worker()
    engine = container.engine.backtest_engine()

    async def warm_then_work() -> None:
        warm_up = getattr(engine, "warm_up", None)
        if warm_up is not None:
            await asyncio.to_thread(warm_up)
        await worker.run()

    task = asyncio.create_task(warm_then_work())
    try:
        yield
    finally:
        worker.stop()
        try:
            await asyncio.wait_for(task, STOP_GRACE_SECONDS)
        except TimeoutError:
            log.warning(
                "worker did not stop within %d s; its runs will be picked again", STOP_GRACE_SECONDS
            )
        except Exception:
            log.exception("worker stopped with an error")


async def serve_workers(container: Container) -> int:
    """`python -m bootstrap worker`: works until SIGTERM or SIGINT, then stops gracefully."""
    import signal

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await _maybe_await(container.init_resources())
    try:
        async with working(container):
            log.info("worker started")
            await stop.wait()
    finally:
        await _maybe_await(container.shutdown_resources())
    return 0


async def _maybe_await(result: object) -> None:
    if asyncio.iscoroutine(result) or isinstance(result, asyncio.Future):
        await result
