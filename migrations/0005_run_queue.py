"""The job queue of server-side runs: pgqueuer's tables, rendered by the installed pgqueuer.

pgqueuer owns its schema (tables, enum, notify trigger) and renders it for its version and
settings (PGQUEUER_* variables), so this migration asks it for the DDL rather than copying
it. A later pgqueuer that changes its schema needs a new migration that upgrades it
(`Queries.upgrade`). Row level security closes the tables to Supabase's REST roles, as
0003 does for ours; the API connects as their owner and is not restricted by it.
"""

from pgqueuer.adapters.persistence.qb import QueryBuilderEnvironment
from yoyo import step

__depends__ = {"0004_backtest_runs"}

_queue = QueryBuilderEnvironment()
_names = _queue.qualified
_tables = (
    _names.queue_table,
    _names.queue_table_log,
    _names.statistics_table,
    _names.schedules_table,
)

steps = [
    step(_queue.build_install_query(), _queue.build_uninstall_query()),
    step("".join(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;\n" for table in _tables)),
]
