"""WaitForBacktest: one of the caller's backtests, once its status changes or the wait ends."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from core.domain.backtest import Backtest, BacktestStatus
from core.ports.status_changes import StatusChanges
from core.ports.unit_of_work import UnitOfWorkFactory
from core.use_cases.backtests.get_backtest import GetBacktest, GetBacktestQuery

# A wait is cut into slices of at most this long, each followed by a fresh read, so a
# status change whose notice never arrived (a dropped listening connection) is seen at most
# this late. Short enough not to matter to a waiting client; long enough to cost nothing.
RECHECK_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class WaitForBacktestQuery:
    owner_id: UUID
    backtest_id: UUID
    # As long as the caller is willing to wait; the use case allows at most its maximum.
    seconds: int


@dataclass(frozen=True, slots=True)
class AwaitedBacktest:
    backtest: Backtest
    # The seconds of waiting allowed; None when the backtest was not queued or running at
    # the first read (nothing to wait for) or no wait was allowed.
    allowed_seconds: int | None


class WaitForBacktest:
    """Returns the backtest at once unless it is queued or running; then when its status
    changes (queued to running counts) or the allowed wait (the caller's, at most
    `max_seconds`) is over, whichever comes first. A missing backtest, or someone else's,
    is BacktestNotFound at once; one deleted while waited for, when it is read again.

    Once `draining` is set (the server is stopping), every wait ends with the backtest as
    it stands, and no new one begins: a stopping server does not hold its shutdown, up to
    the longest wait allowed, for answers that the client can ask again elsewhere.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        changes: StatusChanges,
        max_seconds: int,
        draining: asyncio.Event | None = None,
    ) -> None:
        self._get = GetBacktest(uow)
        self._changes = changes
        self._max_seconds = max_seconds
        self._draining = draining or asyncio.Event()

    async def __call__(self, query: WaitForBacktestQuery) -> AwaitedBacktest:
        read = GetBacktestQuery(query.owner_id, query.backtest_id)
        allowed = max(0, min(query.seconds, self._max_seconds))
        if allowed == 0:
            return AwaitedBacktest(await self._get(read), None)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + allowed
        # The status the wait began in; None until the first read finds one to wait in.
        waited_in: BacktestStatus | None = None
        while True:
            # Watching before reading: a change committed after the read wakes the wait.
            async with self._changes.watch(query.backtest_id) as watch:
                backtest = await self._get(read)
                remaining = deadline - loop.time()
                moved = waited_in is not None and backtest.status is not waited_in
                over = remaining <= 0 or self._draining.is_set()
                if not backtest.is_active or moved or over:
                    return AwaitedBacktest(backtest, None if waited_in is None else allowed)
                waited_in = backtest.status
                await self._woken(watch.wait(min(remaining, RECHECK_SECONDS)))

    async def _woken(self, wait: Coroutine[Any, Any, bool]) -> None:
        """Until the watch's wait ends or the server begins to stop."""
        watching = asyncio.ensure_future(wait)
        draining = asyncio.ensure_future(self._draining.wait())
        try:
            await asyncio.wait((watching, draining), return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (watching, draining):
                task.cancel()
            ended = await asyncio.gather(watching, draining, return_exceptions=True)
        if isinstance(ended[0], Exception):
            raise ended[0]  # the watch failed: as if it had been awaited directly
