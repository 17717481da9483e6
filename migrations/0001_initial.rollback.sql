-- Undoes 0001_initial.
DROP TABLE IF EXISTS trades;
DROP TABLE IF EXISTS backtests;
DROP TABLE IF EXISTS strategies;
DROP TABLE IF EXISTS user_profiles;
