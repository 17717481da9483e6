"""Names the dead-code check (vulture, configured in pyproject.toml) must not report.

Vulture matches by name, and only sees calls written in our code: a framework's callback,
a marshmallow hook or a field read through `asdict` looks unused to it. Each entry says why
its name is used all the same. Review an entry when its code changes; delete it with the
code. Not a module anyone imports: vulture only reads it.
"""

from vulture.whitelists.whitelist_utils import Whitelist

_ = Whitelist()

# Framework callbacks: aiohttp, webargs, apispec, lark and io call these, we never do.
_.handle_error  # aiohttp (bootstrap/server.py) and webargs (request_parser.py) call it on bad input
_._handle_invalid_json_error  # webargs calls it for a body that is not JSON (request_parser.py)
_.error_status_code  # keyword parameters of webargs' handle_error signature
_.error_headers  # keyword parameters of webargs' handle_error signature
_.kw  # webargs' _handle_invalid_json_error signature
_._update_paths  # apispec-aiohttp calls it for each route (openapi_document.py)
_.__class__  # bootstrap/server.py swaps the class of the server aiohttp built
_.app_  # aiohttp's cleanup_ctx passes the app to each context (bootstrap/web.py)
_.exc_type  # __aexit__'s signature (core/ports/unit_of_work.py and its implementations)
_.tb  # __aexit__'s signature (core/ports/unit_of_work.py and its implementations)
_.binary  # lark's Transformer calls a method per grammar rule (rules/lark_parser.py)
_.unary  # lark's Transformer calls a method per grammar rule (rules/lark_parser.py)
_.readable  # io's buffered readers ask their raw stream (parquet/ingest/reading.py)


# marshmallow: hooks it calls, options and fields it reads by name.
_.end_not_before_start  # @validates_schema (schemas/backtests.py)
_.not_empty  # @validates_schema of the update schemas (schemas/backtests.py, strategies.py)
_.end_after_start  # @validates_schema (schemas/ohlcv.py)
_.one_way_to_name_symbols  # @validates_schema (schemas/ohlcv.py)
_.exit_after_entry  # @validates_schema (schemas/trades.py)
_.Meta  # a schema's options (schemas/common.py QuerySchema)
_.dependencies  # a dumped field (schemas/health.py)
_.first_date  # a dumped field (schemas/ohlcv.py)
_.last_date  # a dumped field (schemas/ohlcv.py)
_.timeframes  # a dumped field (schemas/ohlcv.py)

# Dataclass fields read by serialisation: Statistics.as_dict (asdict) fills the results body.
_.duration, _.exposure_time_pct, _.buy_and_hold_return_pct, _.return_ann_pct
_.volatility_ann_pct, _.cagr_pct, _.sharpe_ratio, _.sortino_ratio, _.calmar_ratio
_.alpha_pct, _.max_drawdown_pct, _.avg_drawdown_pct, _.max_drawdown_duration
_.avg_drawdown_duration, _.trade_count, _.win_rate_pct, _.best_trade_pct, _.worst_trade_pct
_.avg_trade_pct, _.max_trade_duration, _.avg_trade_duration, _.expectancy_pct
_.kelly_criterion, _.exposure_adjusted_return_pct, _.max_consecutive_wins
_.max_consecutive_losses, _.long_trade_count, _.long_win_rate_pct, _.long_pnl
_.long_avg_trade_pct, _.long_profit_factor, _.short_trade_count, _.short_win_rate_pct
_.short_pnl, _.short_avg_trade_pct, _.short_profit_factor, _.orders_cancelled

# dependency-injector: providers wired by name or reached by traversal.
_.health_probes  # Provide["health_probes"] (routes/health.py)
_.readiness_probes  # Provide["readiness_probes"] (routes/health.py)
_.lifecycle  # Resources: init_resources/shutdown_resources open and close them (bootstrap/parts)
_.jwks_lifecycle  # a Resource: shutdown_resources closes the JWKS client (bootstrap/parts/auth.py)
_.listener_lifecycle  # a Resource: shutdown_resources closes the LISTEN connection (persistence)

# Enum members reached through their enum.
_.SELL  # Side("sell") from a request body (core/domain/trade.py)

# Used only by tests, on purpose.
_.InMemoryCandleStore  # CandleStore's twin, verified by the contract suite; README's embedding
_.InMemoryWorker  # the in-memory run worker of the tests' adapter set (tests/support/in_memory.py)
_.InMemoryStatusChanges  # StatusChanges' twin, in the tests' adapter set and the contract suite
_.ReferenceEngine  # the plain-Python engine the fast one is checked against (engine contract)
_.stop_embedded_postgres  # its contract test restarts the server; the app's stops on exit
_.REDOC_SHA256  # pins the vendored ReDoc bundle; tests/http/test_response_headers.py checks it

# Providers the routes resolve by name (Provide["use_cases.create_backtest"], ...).
_.describe_caller  # bootstrap/parts/use_cases.py
_.create_backtest  # bootstrap/parts/use_cases.py
_.list_backtests  # bootstrap/parts/use_cases.py
_.get_backtest  # bootstrap/parts/use_cases.py
_.wait_for_backtest  # bootstrap/parts/use_cases.py
_.update_backtest  # bootstrap/parts/use_cases.py
_.delete_backtest  # bootstrap/parts/use_cases.py
_.record_trades  # bootstrap/parts/use_cases.py
_.list_trades  # bootstrap/parts/use_cases.py
_.create_strategy  # bootstrap/parts/use_cases.py
_.list_strategies  # bootstrap/parts/use_cases.py
_.get_strategy  # bootstrap/parts/use_cases.py
_.update_strategy  # bootstrap/parts/use_cases.py
_.delete_strategy  # bootstrap/parts/use_cases.py
_.validate_template  # bootstrap/parts/use_cases.py
_.get_results  # bootstrap/parts/use_cases.py
_.list_symbols  # bootstrap/parts/use_cases.py
_.get_candles  # bootstrap/parts/use_cases.py
_.ohlcv_cache  # bootstrap/parts/market_data.py
_.candle_limits  # bootstrap/parts/market_data.py

# Read by tests (and the bench) as what they verify, kept on purpose.
_.refused  # MarketDataGate and ResponseCache counters: how tests see refusals (http/ohlcv/)
_.timed_out  # MarketDataGate counter: how tests see a read given up at its deadline
_.bytes_used  # ResponseCache size: how tests see the byte budget kept
_.forget_listings  # DuckDbCandleStore: tests make it list the storage again at once
_.candles_arrow  # DuckDbCandleStore's Arrow answer: the contract tests and bench/duckdb_threads.py
_.daily_key  # the legacy daily layout's key, beside yearly_key: tests write daily files with it
_.load_json  # webargs' AIOHTTPParser hook (request_parser.ProblemParser)
