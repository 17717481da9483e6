-- Strategy names clash by the domain's rule (Strategy.name_key: Unicode case folding), which
-- the repository writes to name_key; lower(name) depends on the database's locale and treats
-- "Straße"/"STRASSE" or "σας"/"ΣΑΣ" unlike the domain. Existing rows start from lower(name).
-- depends: 0001_initial

ALTER TABLE strategies ADD COLUMN name_key text;
UPDATE strategies SET name_key = lower(name);
ALTER TABLE strategies ALTER COLUMN name_key SET NOT NULL;
DROP INDEX strategies_owner_name_key;
CREATE UNIQUE INDEX strategies_owner_name_key ON strategies (owner_id, name_key);
