"""Driver errors that the core has a name for: outages, clashes, missing rows, refused values."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import asyncpg

from core.domain.errors import Conflict, NotFound, RuleViolated, Unavailable

# What a lost or overloaded server looks like from inside a transaction. InternalClientError
# is how asyncpg reports a query sent just after the server ended the session, before the
# connection saw the socket close ("cannot switch to state ...").
OUTAGES = (
    OSError,
    TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.OperatorInterventionError,
    asyncpg.InsufficientResourcesError,
    asyncpg.InternalClientError,
    # statement_timeout: the server is there but did not finish in time.
    asyncpg.QueryCanceledError,
)
# Opening a connection fails in more ways: bad credentials, a closed pool, a refused socket.
CONNECT_FAILURES = (*OUTAGES, asyncpg.PostgresError, asyncpg.InterfaceError)

UNSTORABLE = (
    "a value cannot be stored: text must not contain NUL characters, JSON numbers must be "
    "finite and integers must fit their column"
)


def unavailable(error: BaseException) -> Unavailable:
    return Unavailable(f"the database is unreachable ({type(error).__name__})")


@contextmanager
def refusals(*, duplicate: str, missing: str = "a referenced row does not exist") -> Iterator[None]:
    """Turns what the schema refuses into the core's errors: Conflict, NotFound, RuleViolated."""
    try:
        yield
    except asyncpg.UniqueViolationError:
        raise Conflict(duplicate) from None
    except asyncpg.ForeignKeyViolationError:
        raise NotFound(missing) from None
    except asyncpg.CheckViolationError as error:
        raise RuleViolated(f"a value breaks the rule {error.constraint_name}") from None
    except (asyncpg.DataError, TypeError, ValueError, OverflowError):
        # NUL characters in text, NaN or Infinity in JSON, integers too large for their
        # column: values PostgreSQL cannot hold. COPY and the packed series of results
        # report them before the server sees them, as the Python errors.
        raise RuleViolated(UNSTORABLE) from None
