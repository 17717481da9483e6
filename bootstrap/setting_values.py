"""Parsers of setting values: each names the variable when the value does not fit."""

from __future__ import annotations

from pathlib import Path

from adapters.inbound.http.origins import parse_origins as parse_origins_of

REPO_ROOT = Path(__file__).resolve().parents[1]


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


def parse_bool(name: str, raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


def parse_int(name: str, raw: str, minimum: int, maximum: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
    if not minimum <= value <= maximum:
        raise SettingsError(f"{name} must be between {minimum} and {maximum}, not {value}")
    return value


def parse_optional_int(name: str, raw: str | None, minimum: int, maximum: int) -> int | None:
    """None when unset (the default is then decided elsewhere)."""
    return None if raw is None else parse_int(name, raw, minimum, maximum)


def parse_choice(name: str, raw: str, choices: tuple[str, ...]) -> str:
    if raw not in choices:
        raise SettingsError(f"{name} must be one of {', '.join(choices)}, not {raw!r}")
    return raw


def parse_origins(name: str, raw: str) -> tuple[str, ...]:
    try:
        return parse_origins_of(raw)
    except ValueError as error:
        raise SettingsError(f"{name}: {error}") from None


def default_migrations_dir() -> Path:
    bundled = REPO_ROOT / "migrations"
    return bundled if bundled.is_dir() else Path.cwd() / "migrations"


def data_dir_from(configured: str | None) -> Path:
    """An absolute folder, the same whatever the working folder of each command.

    Unset: `.data` in the source checkout (beside setup.cfg), else in the working folder.
    A relative DATA_DIR is taken from the working folder, once, here.
    """
    if configured:
        return Path(configured).expanduser().resolve()
    base = REPO_ROOT if (REPO_ROOT / "setup.cfg").is_file() else Path.cwd()
    return (base / ".data").resolve()
