-- Undoes 0002_strategy_name_key (fails if two names now differ only by lower() but not by case folding).
DROP INDEX strategies_owner_name_key;
CREATE UNIQUE INDEX strategies_owner_name_key ON strategies (owner_id, lower(name));
ALTER TABLE strategies DROP COLUMN name_key;
