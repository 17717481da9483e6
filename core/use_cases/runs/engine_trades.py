"""The engine's round trips as stored trades (source engine), in the order they happened."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from core.domain.backtest import Backtest
from core.domain.candles import from_ms
from core.domain.engine.result import EngineTrade
from core.domain.trade import Side, Trade, TradeSource
from core.ports.clock import IdGenerator


def engine_trades(
    backtest: Backtest, trades: Sequence[EngineTrade], ids: IdGenerator, now: datetime
) -> list[Trade]:
    return [_trade(backtest, trade, ids, now) for trade in trades]


def _trade(backtest: Backtest, trade: EngineTrade, ids: IdGenerator, now: datetime) -> Trade:
    closed = trade.exit_time is not None and trade.exit_price is not None
    return Trade(
        id=ids.new_id(),
        owner_id=backtest.owner_id,
        backtest_id=backtest.id,
        symbol=backtest.definition.symbol,
        side=Side.LONG if trade.size > 0 else Side.SHORT,
        quantity=_decimal(abs(trade.size)),
        entry_time=from_ms(trade.entry_time),
        entry_price=_decimal(trade.entry_price),
        created_at=now,
        exit_time=from_ms(trade.exit_time) if closed and trade.exit_time is not None else None,
        exit_price=_decimal(trade.exit_price) if closed and trade.exit_price is not None else None,
        commission=_decimal(trade.commission),
        # The engine's figure, not one recomputed from rounded decimals.
        pnl=_decimal(trade.pnl) if closed else None,
        source=TradeSource.ENGINE,
        details={
            "entry_bar": trade.entry_bar,
            "exit_bar": trade.exit_bar,
            "return_pct": trade.return_pct,
            "mae_pct": trade.mae_pct,
            "mfe_pct": trade.mfe_pct,
            "exit_reason": trade.exit_reason,
            "unrealised_pnl": None if closed else trade.pnl,
        },
    )


def _decimal(value: float) -> Decimal:
    # repr round-trips the float exactly, so the stored number reads back as the same float.
    return Decimal(repr(value))
