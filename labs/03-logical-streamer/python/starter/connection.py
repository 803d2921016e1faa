"""A replication connection: an ordinary Postgres connection opened with ``replication=database``.

The backend serving it is a walsender, which accepts replication commands (CREATE_REPLICATION_SLOT,
START_REPLICATION …) and, because it is bound to a database, plain SQL as well, through the
simple query protocol only.

psycopg2 has a class for exactly this, LogicalReplicationConnection: it adds the startup
parameter to the connection string, turns autocommit on (a walsender runs no transactions) and
makes its cursors ReplicationCursors, which can start replication and read the stream.
"""

from __future__ import annotations

from typing import Any

import psycopg2
import psycopg2.extensions
import psycopg2.extras
from cdc_lab import todo

from errors import ErrorContext, Step, explain_postgres_error

# What you will need from the given module errors.py (python/reference/, which you may read):
#   ErrorContext(step, slot, user=None)             what we were doing: "connect", "query", …
#   explain_postgres_error(error, context)          a CdcLabError that says what to do

# psycopg2's own status timer cannot go below 1 s (start_replication_expert refuses), and
# --status-interval goes down to 100 ms: this program keeps the timer itself (stream.py), and
# moves psycopg2's out of the way.
PSYCOPG2_TIMER_OFF_SECONDS = 24 * 3600.0


class ReplicationConnection:
    def __init__(self, raw: psycopg2.extras.LogicalReplicationConnection, user: str, slot: str) -> None:
        self._raw = raw
        # One cursor for everything: the queries, then START_REPLICATION and the stream.
        self._cursor: psycopg2.extras.ReplicationCursor = raw.cursor()
        self.user = user
        self._slot = slot

    @classmethod
    def open(cls, connection_string: str, slot: str) -> ReplicationConnection:
        """Open a connection whose backend is a walsender bound to the database in the URL.

        The only difference from an ordinary connection is one startup parameter,
        ``replication=database``: without it the backend is an ordinary one and refuses every
        replication command; with ``replication=true`` it would be a physical walsender, which
        cannot decode. Permission is checked right here: a role without REPLICATION fails now.
        """
        # TODO: connect to the database in the URL so that a walsender bound to it serves you.
        #   Which connection class of psycopg2.extras asks for that (what startup parameter does
        #   it add, and why 'database' rather than 'true')? When connecting fails (no REPLICATION
        #   attribute, no pg_hba.conf line), what does the person at the terminal need instead of
        #   libpq's raw text (errors.py, step "connect", with the role user_of() finds)? Keep
        #   Postgres's error as the __cause__ of yours. The constructor takes the raw connection,
        #   the user and the slot.
        todo("opening a replication connection", "docs/03-logical-streamer.md#replication-connections")

    def query(self, text: str, step: Step) -> list[dict[str, Any]]:
        """Run a command or query (simple protocol, no parameters) and return its rows."""
        try:
            # No parameters: psycopg2 then sends the text as it is (a % needs no escaping).
            self._cursor.execute(text)
            if self._cursor.description is None:
                return []
            names = [column.name for column in self._cursor.description]
            return [dict(zip(names, row)) for row in self._cursor.fetchall()]
        except psycopg2.Error as error:
            raise self.explain(error, step) from error

    def start_copy_both(self, command: str) -> psycopg2.extras.ReplicationCursor:
        """Send START_REPLICATION and return once the server has switched to CopyBoth mode.

        psycopg2 sends our command as written (start_replication_expert) and waits for the
        CopyBothResponse; a busy or missing slot fails here. decode=False: payloads come as
        bytes, and the consumer decides what they mean.
        """
        try:
            self._cursor.start_replication_expert(command, decode=False, status_interval=PSYCOPG2_TIMER_OFF_SECONDS)
        except psycopg2.Error as error:
            raise self.explain(error, "start") from error
        return self._cursor

    @property
    def cursor(self) -> psycopg2.extras.ReplicationCursor:
        return self._cursor

    def fileno(self) -> int:
        """The socket, for select(): readable when the server has sent something."""
        return self._raw.fileno()

    @property
    def is_closed(self) -> bool:
        return bool(self._raw.closed)

    def close(self) -> None:
        # PQfinish sends Terminate ('X'); the walsender reads it after anything sent before it.
        try:
            self._raw.close()
        except psycopg2.Error:
            pass

    def explain(self, error: BaseException, step: Step) -> Exception:
        return explain_postgres_error(error, ErrorContext(step, self._slot, self.user))


def user_of(connection_string: str) -> str:
    """The role the connection string names, for the hints ("postgres" when it names none)."""
    try:
        user = psycopg2.extensions.parse_dsn(connection_string).get("user")
    except psycopg2.ProgrammingError:
        user = None
    return user or "postgres"
