"""What each command-line verb does."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import uuid
from pathlib import Path

from bootstrap.dev_auth import SECRET_FILE
from bootstrap.logging_setup import add_secrets, configure_logging
from bootstrap.runtime import Runtime, prepare, resolve_database_url, resolve_jwt_secret
from bootstrap.settings import Settings, SettingsError

log = logging.getLogger("backtest")


def run(args: argparse.Namespace, settings: Settings) -> int:
    configure_logging(
        settings.log_level,
        settings.log_format,
        secrets=(settings.supabase_jwt_secret, settings.minio_secret_key),
    )
    if args.command == "serve":
        return serve(settings)
    if args.command == "worker":
        return worker(settings)
    if args.command == "migrate":
        return migrate(settings, rollback=args.rollback)
    if args.command == "sample-data":
        written = asyncio.run(sample_data(settings, overwrite=args.overwrite))
        print(f"wrote {len(written)} file(s)" + "".join(f"\n  {key}" for key in written))
        return 0
    if args.command == "ingest":
        from bootstrap.ingest_command import ingest

        return asyncio.run(ingest(settings, args))
    if args.command == "rollup":
        from bootstrap.rollup_command import rollup

        return asyncio.run(rollup(settings, args))
    return token(settings, args)


async def sample_data(settings: Settings, *, overwrite: bool = False) -> list[str]:
    """The keys written: minute files, then the rollups of the sample symbols they lacked."""
    from adapters.outbound.parquet.sample_data import SAMPLE_SYMBOLS
    from adapters.outbound.parquet.sample_writer import write_sample_data
    from adapters.outbound.rollups.runs import build_rollups
    from bootstrap.market_data import market_data_sink

    sink, close = market_data_sink(settings)
    try:
        written = await write_sample_data(sink, overwrite=overwrite)
        built = await build_rollups(sink, symbols=[symbol.name for symbol in SAMPLE_SYMBOLS])
        for failed in (outcome for outcome in built if outcome.state == "failed"):
            log.warning("rollup not built", extra={"rollup": failed.key, "error": failed.detail})
        return written + [outcome.key for outcome in built if outcome.state == "built"]
    finally:
        await close()


async def _local_market_data_is_empty(settings: Settings) -> bool:
    from adapters.outbound.market_data_storage.sinks import LocalSink

    return await LocalSink(settings.market_data_dir).is_empty()


def serve(settings: Settings) -> int:
    from adapters.outbound.postgres.migrations import apply_migrations
    from bootstrap.container import Container
    from bootstrap.server import run_server
    from bootstrap.web import build_app

    runtime = prepare(settings)
    add_secrets(runtime.jwt_secret)
    if settings.applies_migrations_on_start or runtime.embedded_database:
        applied = apply_migrations(runtime.database_url, settings.migrations_dir)
        if applied:
            log.info("applied migrations", extra={"migrations": applied})
    if runtime.development_auth:
        _announce_development_auth(runtime)
    if not settings.uses_s3 and asyncio.run(_local_market_data_is_empty(settings)):
        written = asyncio.run(sample_data(settings))
        log.info("wrote sample market data", extra={"files": len(written)})
    container = Container(
        settings=settings, database_url=runtime.database_url, jwt_secret=runtime.jwt_secret
    )
    app = build_app(container)
    log.info("serving", extra={"host": settings.host, "port": settings.port})
    run_server(app, settings.host, settings.port)
    return 0


def worker(settings: Settings) -> int:
    """Runs queued backtests against the same database as the API (no migrations here)."""
    from bootstrap.container import Container
    from bootstrap.workers import serve_workers

    runtime = prepare(settings)
    add_secrets(runtime.jwt_secret)
    container = Container(
        settings=settings, database_url=runtime.database_url, jwt_secret=runtime.jwt_secret
    )
    return asyncio.run(serve_workers(container))


def migrate(settings: Settings, *, rollback: bool) -> int:
    from adapters.outbound.postgres.migrations import apply_migrations, rollback_last

    database_url, _ = resolve_database_url(settings)
    if rollback:
        undone = rollback_last(database_url, settings.migrations_dir)
        print(f"rolled back: {undone}" if undone else "nothing to roll back")
    else:
        applied = apply_migrations(database_url, settings.migrations_dir)
        print("applied: " + ", ".join(applied) if applied else "already up to date")
    return 0


def token(settings: Settings, args: argparse.Namespace) -> int:
    from adapters.outbound.supabase.minting import mint_token

    secret, development = resolve_jwt_secret(settings)
    if not secret:
        raise SettingsError(
            "no HS256 secret to sign with: SUPABASE_URL alone verifies tokens from Supabase; "
            "set SUPABASE_JWT_SECRET to mint local ones"
        )
    sub = args.sub or uuid.uuid4()
    print(
        mint_token(
            secret,
            str(sub),
            email=args.email,
            role=args.role,
            expires_in=args.expires_in,
            issuer=f"{settings.supabase_url}/auth/v1" if settings.supabase_url else None,
        )
    )
    signer = (
        f"the development secret in {settings.data_dir / SECRET_FILE}"
        if development
        else "SUPABASE_JWT_SECRET"
    )
    print(f"token for sub {sub}, signed with {signer}", file=sys.stderr)
    return 0


def _python() -> str:
    """The interpreter to name in hints: relative to the working folder when it is inside."""
    executable = Path(sys.executable)
    try:
        return str(executable.relative_to(Path.cwd()))
    except ValueError:
        return str(executable)


def _announce_development_auth(runtime: Runtime) -> None:
    secret_file = runtime.settings.data_dir / SECRET_FILE
    print(
        "\nNo SUPABASE_JWT_SECRET or SUPABASE_URL: using a development secret kept in "
        f"{secret_file}.\nGet a token with:\n"
        f"    {_python()} -m bootstrap token --sub <a uuid of your choice>\n"
        "and send it as 'Authorization: Bearer <token>'. "
        f"Docs: http://localhost:{runtime.settings.port}/docs\n",
        file=sys.stderr,
    )
