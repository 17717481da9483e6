-- Supabase serves the public schema through its REST API to the anon and authenticated roles
-- (and grants them every new table). Row level security with no policy shuts that door. This
-- API connects as the tables' owner, which RLS does not restrict (no FORCE), so it is
-- unaffected; a separate, non-owner application role would need policies or BYPASSRLS.
-- yoyo's own tables live in the same schema; closing them keeps migrations tamper-proof.
-- depends: 0002_strategy_name_key

ALTER TABLE user_profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE strategies ENABLE ROW LEVEL SECURITY;
ALTER TABLE backtests ENABLE ROW LEVEL SECURITY;
ALTER TABLE trades ENABLE ROW LEVEL SECURITY;
ALTER TABLE IF EXISTS _yoyo_migration ENABLE ROW LEVEL SECURITY;
ALTER TABLE IF EXISTS _yoyo_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE IF EXISTS _yoyo_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE IF EXISTS yoyo_lock ENABLE ROW LEVEL SECURITY;
