"""Record and list the trades of a backtest."""
