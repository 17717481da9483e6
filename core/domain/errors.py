"""The domain's error hierarchy; inbound adapters map each class to an answer once."""

from __future__ import annotations

from uuid import UUID


class DomainError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(DomainError):
    """The thing does not exist, or belongs to someone else (we do not tell which)."""


class BacktestNotFound(NotFound):
    def __init__(self, backtest_id: UUID) -> None:
        super().__init__(f"backtest {backtest_id} not found")
        self.backtest_id = backtest_id


class StrategyNotFound(NotFound):
    def __init__(self, strategy_id: UUID) -> None:
        super().__init__(f"strategy {strategy_id} not found")
        self.strategy_id = strategy_id


class ResultsNotFound(NotFound):
    """The backtest exists but no server run of it has finished (or it ran elsewhere)."""

    def __init__(self, backtest_id: UUID, status: str) -> None:
        super().__init__(
            f"backtest {backtest_id} has no server-run results (it is {status}); "
            "POST .../run to run it"
        )
        self.backtest_id = backtest_id


class Conflict(DomainError):
    """The request clashes with the current state (a duplicate name, a forbidden transition)."""


class RuleViolated(DomainError):
    """A value breaks a domain rule; `field` names the offending input when there is one."""

    def __init__(self, detail: str, field: str | None = None) -> None:
        super().__init__(detail)
        self.field = field


class Unauthenticated(DomainError):
    """The caller could not be identified from the credentials presented."""


class NoCredentials(Unauthenticated):
    """The caller presented no credentials at all."""


class Unavailable(DomainError):
    """A dependency the request needs (database, market-data storage) cannot be reached."""


class BadMarketData(DomainError):
    """A stored market-data file does not fit the expected schema; names the file."""


class PreconditionFailed(DomainError):
    """The client's copy is stale: the resource changed since it was read (If-Match)."""


class TooManyRequests(DomainError):
    """The caller has reached a limit for now; `retry_after` says when to try again (s)."""

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after
