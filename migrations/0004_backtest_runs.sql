-- Server-side runs (issue 8): a backtest's execution settings and run state, who recorded a
-- trade (a client, or a run on the server) with the engine's details, rule texts on
-- strategies, and the latest run's result per backtest. A result's times (int64) and equity
-- (float64) are little-endian packed arrays, zlib-compressed: a year of 1-minute bars is a
-- few MB raw, far too large for jsonb.
-- depends: 0003_row_level_security

ALTER TABLE backtests
    ADD COLUMN execution             jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN run_id                uuid,
    ADD COLUMN run_progress          double precision CHECK (run_progress BETWEEN 0 AND 1),
    ADD COLUMN run_error             text,
    ADD COLUMN run_cancel_requested  boolean NOT NULL DEFAULT false,
    ADD COLUMN run_attempts          integer NOT NULL DEFAULT 0 CHECK (run_attempts >= 0);
ALTER TABLE backtests DROP CONSTRAINT backtests_status_check;
ALTER TABLE backtests ADD CONSTRAINT backtests_status_check CHECK (
    status IN ('pending', 'queued', 'running', 'completed', 'failed', 'cancelled')
);
-- BacktestRepository.count_active_runs: a user's runs that hold a place on the server.
CREATE INDEX backtests_owner_active_runs ON backtests (owner_id)
    WHERE status IN ('queued', 'running') AND run_id IS NOT NULL;

ALTER TABLE trades
    ADD COLUMN source   text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'engine')),
    ADD COLUMN details  jsonb;

ALTER TABLE strategies ADD COLUMN rules jsonb;

CREATE TABLE backtest_results (
    backtest_id  uuid PRIMARY KEY REFERENCES backtests (id) ON DELETE CASCADE,
    owner_id     uuid NOT NULL,
    run_id       uuid NOT NULL,
    statistics   jsonb NOT NULL,
    times        bytea NOT NULL,
    equity       bytea NOT NULL,
    engine       text NOT NULL,
    settings     jsonb NOT NULL DEFAULT '{}'::jsonb,
    fingerprint  jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL
);
-- Closed to Supabase's REST roles, as 0003 does for the other tables.
ALTER TABLE backtest_results ENABLE ROW LEVEL SECURITY;
