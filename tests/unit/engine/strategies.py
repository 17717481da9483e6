"""Hypothesis strategies for execution settings."""

from __future__ import annotations

from hypothesis import strategies as st

from core.domain.engine.execution import ExecutionSettings

settings_strategy = st.builds(
    ExecutionSettings,
    cash=st.sampled_from([1_000.0, 10_000.0, 123_456.0]),
    commission=st.sampled_from([0.0, 0.001, 0.02]),
    spread=st.sampled_from([0.0, 0.002]),
    size=st.sampled_from([None, 0.5, 1.0]),
    allow_short=st.booleans(),
    stop_loss=st.sampled_from([None, 0.01, 0.1]),
    take_profit=st.sampled_from([None, 0.03, 0.2, 1.5]),
    fractional=st.booleans(),
)
