"""A fast run's trades: the kernel's table, read as EngineTrade rows only when asked for.

Making the rows costs about a microsecond a trade (Python objects for thirteen fields),
more than the rest of a short run together; a caller after the statistics alone (a sweep
over parameters) never reads them, and a caller that stores them makes them once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import repeat
from typing import Any, overload

import numpy as np

from adapters.outbound.engine.fast.kernel import (
    COMMISSION,
    ENTRY_BAR,
    ENTRY_PRICE,
    EXIT_BAR,
    EXIT_PRICE,
    MAE,
    MFE,
    OPEN,
    PNL,
    REASON,
    RETURN,
    SIZE,
)  # fmt: skip
from core.domain.engine.result import EngineTrade, ExitReason

REASONS: dict[int, ExitReason] = {0: "signal", 1: "stop_loss", 2: "take_profit", 3: "end"}


class TradeTable(Sequence[EngineTrade]):
    """Closed trades in order, then the open one if any (the kernel's rows); equal to any
    sequence of the same EngineTrades, a list among them."""

    __slots__ = ("_rows", "_table", "_times")

    def __init__(self, table: np.ndarray, times: np.ndarray) -> None:
        self._table, self._times = table, times
        self._rows: list[EngineTrade] | None = None

    def __len__(self) -> int:
        return len(self._table)

    @overload
    def __getitem__(self, index: int) -> EngineTrade: ...

    @overload
    def __getitem__(self, index: slice) -> list[EngineTrade]: ...

    def __getitem__(self, index: int | slice) -> EngineTrade | list[EngineTrade]:
        return self.rows()[index]

    def __iter__(self) -> Iterator[EngineTrade]:
        return iter(self.rows())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return self.rows() == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal to lists, which have no hash

    def __repr__(self) -> str:
        return f"TradeTable({self.rows()!r})"

    def rows(self) -> list[EngineTrade]:
        """The rows, made on the first call (two threads racing make the same rows)."""
        if self._rows is None:
            self._rows = trade_records(self._table, self._times)
        return self._rows


def trade_records(table: np.ndarray, times: np.ndarray) -> list[EngineTrade]:
    """Trade records from the kernel's table (kernel.py's columns); the last may be open."""
    if not len(table):
        return []
    bars = table[:, [ENTRY_BAR, EXIT_BAR]].astype(np.int64).T
    reasons = [REASONS.get(code) for code in table[:, REASON].astype(np.int64).tolist()]
    fields = table.T
    columns: tuple[list[Any], ...] = (
        fields[SIZE].tolist(), bars[0].tolist(), times[bars[0]].tolist(),
        fields[ENTRY_PRICE].tolist(), bars[1].tolist(), times[bars[1]].tolist(),
        fields[EXIT_PRICE].tolist(), fields[PNL].tolist(), (fields[RETURN] * 100).tolist(),
        fields[COMMISSION].tolist(), reasons, fields[MAE].tolist(), fields[MFE].tolist(),
    )  # fmt: skip
    # tuple.__new__ over zip's tuples: EngineTrade._make without a Python call per trade.
    rows = zip(*columns, strict=True)
    records: list[EngineTrade] = list(map(tuple.__new__, repeat(EngineTrade), rows))
    if table[-1, REASON] == OPEN:
        records[-1] = records[-1]._replace(exit_bar=None, exit_time=None, exit_price=None)
    return records
