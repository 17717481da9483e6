-- Undoes 0007_backtest_status_notices: waiting clients then see changes only by re-reading.
DROP TRIGGER backtests_deleted ON backtests;
DROP TRIGGER backtests_status_changed ON backtests;
DROP FUNCTION notify_backtest_status();
