-- A client waiting for a run (GET /backtests/{id} with `Prefer: wait`) is woken when the
-- backtest's status changes or it is deleted, whoever commits it: this API, another replica
-- or a `python -m bootstrap worker` elsewhere. Each such row sends its id on the channel
-- backtest_status (adapters/outbound/postgres/status_changes.py listens). PostgreSQL
-- delivers notices at commit, once per id and transaction, and never for a rolled-back one.
-- The function reads no table, so row level security (0003) does not touch it; it runs as
-- whoever changed the row, and pg_notify needs no privilege. An empty search_path, as
-- Supabase's linter asks of functions; pg_catalog is searched all the same.
-- depends: 0006_result_series_storage

CREATE FUNCTION notify_backtest_status() RETURNS trigger
    LANGUAGE plpgsql SECURITY INVOKER SET search_path = '' AS $$
BEGIN
    PERFORM pg_notify('backtest_status', OLD.id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER backtests_status_changed
    AFTER UPDATE ON backtests
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION notify_backtest_status();

CREATE TRIGGER backtests_deleted
    AFTER DELETE ON backtests
    FOR EACH ROW EXECUTE FUNCTION notify_backtest_status();
