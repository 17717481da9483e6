"""Read market data: symbols, timeframes and candles."""
