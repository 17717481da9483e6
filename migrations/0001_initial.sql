-- Backtests, trades, strategy templates and user profiles, each row owned by one user.
-- depends:

CREATE TABLE user_profiles (
    id            uuid PRIMARY KEY,
    email         text,
    role          text NOT NULL,
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL
);

CREATE TABLE strategies (
    id           uuid PRIMARY KEY,
    owner_id     uuid NOT NULL,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind         text NOT NULL,
    description  text,
    parameters   jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX strategies_owner_name_key ON strategies (owner_id, lower(name));
CREATE INDEX strategies_owner_created ON strategies (owner_id, created_at DESC, id DESC);

CREATE TABLE backtests (
    id               uuid PRIMARY KEY,
    owner_id         uuid NOT NULL,
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    strategy         text NOT NULL,
    strategy_id      uuid REFERENCES strategies (id) ON DELETE SET NULL,
    symbol           text NOT NULL,
    start_date       date NOT NULL,
    end_date         date NOT NULL,
    initial_capital  numeric NOT NULL CHECK (initial_capital > 0),
    timeframe        text NOT NULL,
    parameters       jsonb NOT NULL DEFAULT '{}'::jsonb,
    status           text NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
    results          jsonb,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CHECK (end_date >= start_date)
);
CREATE INDEX backtests_owner_created ON backtests (owner_id, created_at DESC, id DESC);
CREATE INDEX backtests_owner_status ON backtests (owner_id, status);
CREATE INDEX backtests_owner_symbol ON backtests (owner_id, symbol);
CREATE INDEX backtests_strategy ON backtests (strategy_id) WHERE strategy_id IS NOT NULL;

CREATE TABLE trades (
    id           uuid PRIMARY KEY,
    owner_id     uuid NOT NULL,
    backtest_id  uuid NOT NULL REFERENCES backtests (id) ON DELETE CASCADE,
    symbol       text NOT NULL,
    side         text NOT NULL CHECK (side IN ('long', 'short', 'buy', 'sell')),
    quantity     numeric NOT NULL CHECK (quantity > 0),
    entry_time   timestamptz NOT NULL,
    entry_price  numeric NOT NULL CHECK (entry_price > 0),
    exit_time    timestamptz,
    exit_price   numeric CHECK (exit_price > 0),
    commission   numeric NOT NULL DEFAULT 0 CHECK (commission >= 0),
    pnl          numeric,
    notes        text,
    created_at   timestamptz NOT NULL,
    CHECK ((exit_time IS NULL) = (exit_price IS NULL)),
    CHECK (exit_time IS NULL OR exit_time >= entry_time)
);
CREATE INDEX trades_backtest_time ON trades (backtest_id, entry_time, id);
