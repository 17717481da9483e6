-- Undoes 0006_result_series_storage: PostgreSQL compresses the series again from now on.
ALTER TABLE backtest_results
    ALTER COLUMN times SET STORAGE EXTENDED,
    ALTER COLUMN equity SET STORAGE EXTENDED;
