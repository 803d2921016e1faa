"""The poller's connection to Postgres, and which failures a poll survives.

psycopg 3 has no pool in its own package (psycopg_pool is a separate one), and the poller needs
no more than this: one connection, opened when first needed and opened again after Postgres has
closed it (a restart, a failover, pg_terminate_backend). The poll that fails on the dead
connection is lost, but the bookmark did not move, so the next poll asks the same question.
"""

from __future__ import annotations

import re
from typing import Any, LiteralString, Mapping
from urllib.parse import urlsplit, urlunsplit

import psycopg

from cdc_lab import CdcLabError

APPLICATION_NAME = "cdc-lab-01-poller"


class Database:
    def __init__(self, url: str) -> None:
        self._url = url
        self._connection: psycopg.Connection[Any] | None = None

    def connection(self) -> psycopg.Connection[Any]:
        """The open connection, or a new one when there is none or Postgres closed it."""
        if self._connection is None or self._connection.closed:
            # autocommit: every statement is a transaction of its own. Without it psycopg opens a
            # transaction at the first query and keeps it open, and in that transaction now(),
            # which the safety lag is measured against, would never move again.
            self._connection = psycopg.connect(self._url, autocommit=True, application_name=APPLICATION_NAME)
        return self._connection

    def fetch_all(self, query: LiteralString, params: Mapping[str, object]) -> list[tuple[Any, ...]]:
        """Run one query and return its rows as tuples."""
        with self.connection().cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def is_connection_error(error: BaseException) -> bool:
    """Errors after which the same poll can succeed later: the network, or Postgres going away.

    SQLSTATE class 08 is connection exceptions; 57P01-57P03 are shutdown and restart. libpq
    reports a connection that was refused or vanished mid-query without a SQLSTATE, and psycopg
    raises OperationalError("the connection is closed") for one it already knows is dead.
    """
    if not isinstance(error, psycopg.Error):
        return False
    state = error.sqlstate
    if state is not None:
        return state.startswith("08") or state in ("57P01", "57P02", "57P03")
    return isinstance(error, psycopg.OperationalError)


def explain_startup_failure(error: psycopg.Error, url: str) -> CdcLabError:
    """Make a failure to reach Postgres, or to set up the table, say what to do."""
    message = " ".join(str(error).split())
    if is_connection_error(error):
        return CdcLabError(
            f"cannot reach Postgres at {redact_url(url)}: {message}",
            hint="is the stack running? `pnpm stack status` shows it; `pnpm lab 1` starts it",
        )
    return CdcLabError(
        f"Postgres refused to set up poller.users: {message}",
        hint=error.diag.message_hint or "the user in DATABASE_URL needs CREATE rights on the database",
    )


def redact_url(url: str) -> str:
    """Replace the password of a connection URL so it can be printed."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return urlunsplit(parts._replace(netloc=netloc))
    except ValueError:
        return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)
