"""Create, read, change and delete backtests."""
