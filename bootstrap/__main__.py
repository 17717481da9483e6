"""`python -m bootstrap serve | worker | migrate | token | sample-data | ingest | rollup`.

The package also installs these verbs as the console script `backtest-api`.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Sequence

from bootstrap.settings import Settings, SettingsError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bootstrap", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="run the API (applies migrations in development)")
    commands.add_parser(
        "worker", help="run queued backtests (as many processes as you like, one database)"
    )
    migrate = commands.add_parser("migrate", help="apply pending database migrations")
    migrate.add_argument("--rollback", action="store_true", help="roll back the last one")
    token = commands.add_parser("token", help="print a token signed with the configured secret")
    token.add_argument("--sub", type=uuid.UUID, default=None, help="user id (default: random)")
    token.add_argument("--email", default=None)
    token.add_argument("--role", default="authenticated")
    token.add_argument("--expires-in", type=int, default=24 * 3600, help="seconds")
    sample = commands.add_parser(
        "sample-data", help="write the deterministic sample market data (local folder or bucket)"
    )
    sample.add_argument("--overwrite", action="store_true", help="rewrite files already there")
    from bootstrap.ingest_command import add_ingest_parser
    from bootstrap.rollup_command import add_rollup_parser

    add_ingest_parser(commands)
    add_rollup_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        from bootstrap import commands

        return commands.run(args, settings)
    except SettingsError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
