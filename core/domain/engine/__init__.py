"""The backtest engine's domain: bars and signals in, trades, equity and statistics out.

simulate.py is the reference simulation (pure Python); statistics.py measures a run the way
backtesting.py 0.6.6 does. The fast engine in adapters/outbound/engine/fast repeats both
with numpy and numba, and must agree with them.
"""
