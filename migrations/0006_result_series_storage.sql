-- A result's series are packed and, where it pays, compressed by the application
-- (adapters/outbound/postgres/series.py): PostgreSQL's own compression of these columns
-- spent about as long again on the server for a year of 1-minute bars and saved little.
-- EXTERNAL keeps them out of line (TOAST) without compressing them. Rows already stored are
-- left as they are; both forms read the same.
-- depends: 0005_run_queue

ALTER TABLE backtest_results
    ALTER COLUMN times SET STORAGE EXTERNAL,
    ALTER COLUMN equity SET STORAGE EXTERNAL;
