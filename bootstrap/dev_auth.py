"""The development JWT secret: made once, kept under DATA_DIR, never used in production."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_FILE = "dev-jwt-secret"


def development_secret(data_dir: Path) -> str:
    path = data_dir / SECRET_FILE
    if path.is_file():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    # Created owner-only from the start, so the secret is never world-readable.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as file:
        file.write(secret + "\n")
    return secret
