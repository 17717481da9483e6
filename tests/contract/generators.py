"""Hypothesis strategies for valid domain objects, as wide as the schema allows.

Text leaves out NUL (refused by PostgreSQL, see test_refused_values) and lone surrogates
(not UTF-8); JSON floats stay below 1e15 because jsonb writes large ones without an exponent
and they would come back as integers. Names are never blank (the entities refuse it) and may
carry blanks around them (the entities trim them).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from uuid import uuid4

from hypothesis import strategies as st

from core.domain.backtest import Backtest, BacktestDefinition, BacktestStatus, RunState
from core.domain.backtest_result import BacktestResult
from core.domain.strategy import Strategy
from core.domain.text import KIND_MAX, NAME_MAX
from core.domain.timeframe import COMMON, Timeframe
from core.domain.trade import Side, Trade, TradeSource
from core.domain.users import UserProfile
from core.domain.values import DateRange, Symbol

ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]
)
moments = st.datetimes(datetime(1971, 1, 1), datetime(2200, 1, 1), timezones=ZONES)
texts = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40)
names = st.text(
    st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=NAME_MAX
).filter(str.strip)
kinds = st.text(
    st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=KIND_MAX
).filter(str.strip)
symbols = st.from_regex(r"[A-Z0-9][A-Z0-9._\-/]{0,31}", fullmatch=True).map(Symbol)
timeframes = st.one_of(
    st.sampled_from(COMMON),
    st.builds("{}{}".format, st.integers(1, 9999), st.sampled_from("mhd")),
).map(Timeframe.parse)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(-1e15, 1e15, allow_nan=False, allow_infinity=False)
    | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)
json_objects = st.dictionaries(texts, json_values, max_size=5)
# Fresh random ids, never shrunk to a shared one: every example owns its rows.
ids = st.builds(uuid4)
runs = st.builds(
    RunState,
    run_id=ids,
    progress=st.floats(0, 1),
    error=st.none() | texts,
    cancel_requested=st.booleans(),
    attempts=st.integers(0, 2**31 - 1),
)


def amounts(low: int = 1) -> st.SearchStrategy[Decimal]:
    """Decimals of up to 15 digits and 10 places, in every exponent form (1E+2, 0.50)."""
    return st.builds(
        lambda digits, exponent: Decimal(f"{digits}E{exponent}"),
        st.integers(low, 10**15 - 1),
        st.integers(-10, 2),
    )


@st.composite
def backtests(draw: st.DrawFn) -> Backtest:
    start = draw(st.dates(date(1900, 1, 1), date(2100, 1, 1)))
    created = draw(moments)
    definition = BacktestDefinition(
        strategy=draw(names),
        symbol=draw(symbols),
        period=DateRange(start, start + timedelta(days=draw(st.integers(0, 20_000)))),
        initial_capital=draw(amounts()),
        timeframe=draw(timeframes),
        parameters=draw(json_objects),
        execution=draw(json_objects),
    )
    return Backtest(
        id=draw(ids),
        owner_id=draw(ids),
        name=draw(names),
        definition=definition,
        created_at=created,
        updated_at=created + draw(st.timedeltas(timedelta(0), timedelta(days=400))),
        status=draw(st.sampled_from(BacktestStatus)),
        results=draw(st.none() | json_objects),
        run=draw(st.none() | runs),
    )


@st.composite
def trades(draw: st.DrawFn) -> Trade:
    entry = draw(moments)
    closed = draw(st.booleans())
    fields: dict[str, Any] = {}
    if closed:
        fields["exit_time"] = entry + draw(st.timedeltas(timedelta(0), timedelta(days=400)))
        fields["exit_price"] = draw(amounts())
    return Trade(
        id=draw(ids),
        owner_id=draw(ids),
        backtest_id=draw(ids),
        symbol=draw(symbols),
        side=draw(st.sampled_from(Side)),
        quantity=draw(amounts()),
        entry_time=entry,
        entry_price=draw(amounts()),
        created_at=draw(moments),
        commission=draw(amounts(low=0)),
        pnl=draw(
            st.none() | st.builds(lambda d, sign: d * sign, amounts(), st.sampled_from([1, -1]))
        ),
        notes=draw(st.none() | texts),
        source=draw(st.sampled_from(TradeSource)),
        details=draw(st.none() | json_objects),
        **fields,
    )


@st.composite
def strategies(draw: st.DrawFn) -> Strategy:
    created = draw(moments)
    return Strategy(
        id=draw(ids),
        owner_id=draw(ids),
        name=draw(names),
        kind=draw(kinds),
        created_at=created,
        updated_at=draw(moments),
        description=draw(st.none() | texts),
        parameters=draw(json_objects),
        rules=draw(st.none() | st.dictionaries(texts, texts, max_size=4)),
    )


@st.composite
def results(draw: st.DrawFn) -> BacktestResult:
    """A result; its owner and backtest ids are fresh, so give it a backtest before storing."""
    bars = draw(st.integers(0, 50))
    return BacktestResult(
        owner_id=draw(ids),
        backtest_id=draw(ids),
        run_id=draw(ids),
        statistics=draw(json_objects),
        times=draw(st.lists(st.integers(-(2**63), 2**63 - 1), min_size=bars, max_size=bars)),
        # Every float64 bit pattern but NaN (NaN != NaN): infinities and -0.0 included.
        equity=draw(st.lists(st.floats(allow_nan=False), min_size=bars, max_size=bars)),
        created_at=draw(moments),
        engine=draw(names),
        settings=draw(json_objects),
        fingerprint=draw(json_objects),
    )


@st.composite
def profiles(draw: st.DrawFn) -> UserProfile:
    return UserProfile(
        id=draw(ids),
        email=draw(st.none() | texts),
        role=draw(names),
        created_at=draw(moments),
        last_seen_at=draw(moments),
    )
