"""Names and free text: trimmed, never blank where a name is required, and bounded."""

from __future__ import annotations

from core.domain.errors import RuleViolated

NAME_MAX = 200
KIND_MAX = 100
TEXT_MAX = 4000


def bounded_text(value: str, field: str, *, max_length: int, required: bool = True) -> str:
    """Strips surrounding blanks; rejects empty (when required) and over-long text."""
    text = value.strip()
    if required and not text:
        raise RuleViolated(f"{field} must not be blank", field)
    if len(text) > max_length:
        raise RuleViolated(f"{field} must be at most {max_length} characters", field)
    return text


def trimmed_name(value: str, field: str = "name") -> str:
    """A name (of a backtest, a strategy, a template): 1 to NAME_MAX characters."""
    return bounded_text(value, field, max_length=NAME_MAX)


def optional_text(value: str | None, field: str) -> str | None:
    """Free text of up to TEXT_MAX characters; blank text is no text."""
    if value is None:
        return None
    return bounded_text(value, field, max_length=TEXT_MAX, required=False) or None
