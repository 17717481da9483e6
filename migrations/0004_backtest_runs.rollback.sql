-- Undoes 0004_backtest_runs. Queued backtests go back to pending (their jobs are gone with
-- the queue), engine trades stay as ordinary trades, and stored results are dropped.
DROP TABLE backtest_results;
ALTER TABLE strategies DROP COLUMN rules;
ALTER TABLE trades DROP COLUMN details, DROP COLUMN source;
DROP INDEX backtests_owner_active_runs;
UPDATE backtests SET status = 'pending' WHERE status = 'queued';
ALTER TABLE backtests DROP CONSTRAINT backtests_status_check;
ALTER TABLE backtests ADD CONSTRAINT backtests_status_check CHECK (
    status IN ('pending', 'running', 'completed', 'failed', 'cancelled')
);
ALTER TABLE backtests
    DROP COLUMN run_attempts,
    DROP COLUMN run_cancel_requested,
    DROP COLUMN run_error,
    DROP COLUMN run_progress,
    DROP COLUMN run_id,
    DROP COLUMN execution;
