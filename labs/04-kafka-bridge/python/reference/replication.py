"""Lab 3's transport, on psycopg2's LogicalReplicationConnection.

psycopg2 frames the CopyBoth stream itself: read_message() hands over one XLogData message
(payload, data_start, wal_end) or None, answers the walsender's keepalive requests on its own,
and remembers the LSNs we report. What stays ours is the rule: ``flush_lsn`` in a status update
is the slot's confirmed position, so it only ever carries what the consumer confirmed.

One psycopg2 detail matters for that rule: when a keepalive arrives and the last XLogData
message has been confirmed (explicitly flushed), psycopg2 moves its flush position to the
keepalive's WAL end. That is lab 3's "confirming while idle": nothing before that point is
pending, and without it an idle slot would hold WAL back.
"""

from __future__ import annotations

import select
import time
from dataclasses import dataclass
from typing import Any

import psycopg2
import psycopg2.extras

from errors import PostgresSetupError, ReplicationError
from lsn import parse_lsn
from pg_errors import explain_postgres_error
from publication import quote


@dataclass(slots=True)
class Slot:
    name: str
    confirmed_flush_lsn: int
    created: bool


class ReplicationStream:
    def __init__(self, connection: Any, cursor: Any, slot: Slot, status_interval_s: float) -> None:
        self._connection = connection
        self._cursor = cursor
        self.slot = slot
        self._status_interval_s = status_interval_s
        self._confirmed = slot.confirmed_flush_lsn
        self._last_status = time.monotonic()
        self._closed = False

    @classmethod
    def open(cls, params: dict[str, str], slot_name: str, plugin: str, plugin_options: dict[str, str], status_interval_ms: int) -> "ReplicationStream":
        user = params.get("user")
        try:
            connection = psycopg2.connect(connection_factory=psycopg2.extras.LogicalReplicationConnection, **params)
        except psycopg2.Error as error:
            raise explain_postgres_error(error, "connect", slot_name, user) from error
        try:
            cursor = connection.cursor()
            slot = _ensure_slot(cursor, slot_name, plugin, user)
            interval_s = status_interval_ms / 1000
            try:
                cursor.start_replication(
                    slot_name=slot_name, slot_type=psycopg2.extras.REPLICATION_LOGICAL, start_lsn=0,
                    options=plugin_options, decode=False,
                    # psycopg2 sends updates on its own at most once a second; keep_alive() sends the shorter intervals.
                    status_interval=max(interval_s, 1.0),
                )
            except psycopg2.Error as error:
                raise explain_postgres_error(error, "start", slot_name, user) from error
            return cls(connection, cursor, slot, interval_s)
        except BaseException:
            connection.close()
            raise

    def fileno(self) -> int:
        return self._connection.fileno()

    def read(self) -> Any | None:
        """The next XLogData message (``payload``, ``data_start``), or None if none has arrived."""
        try:
            return self._cursor.read_message()
        except psycopg2.Error as error:
            if "no COPY in progress" in str(error):
                # The walsender ended the stream itself (CommandComplete): a server shutting down.
                raise ReplicationError(
                    "the server ended the replication stream",
                    hint="Postgres is probably shutting down; run the bridge again once it is back: it resumes from the confirmed position",
                ) from error
            raise explain_postgres_error(error, "stream", self.slot.name) from error

    def wait_readable(self, seconds: float) -> None:
        select.select([self._connection], [], [], seconds)

    @property
    def confirmed_lsn(self) -> int:
        return self._confirmed

    def confirm_flushed_lsn(self, lsn: int) -> None:
        """The consumer's promise: everything up to here is handled. Only ever moves forward;
        the next status update carries it."""
        if lsn > self._confirmed:
            self._confirmed = lsn
            self._cursor.send_feedback(flush_lsn=lsn)

    def keep_alive(self) -> None:
        """Send a status update when one is due. Called while the bridge waits for Kafka too,
        when nothing reads the socket: only these updates tell the walsender we are alive."""
        now = time.monotonic()
        if now - self._last_status >= self._status_interval_s:
            self.send_status()

    def send_status(self) -> None:
        try:
            self._cursor.send_feedback(flush_lsn=self._confirmed, force=True)
        except psycopg2.Error as error:
            raise explain_postgres_error(error, "stream", self.slot.name) from error
        self._last_status = time.monotonic()

    def close(self) -> None:
        """A last status update with the confirmed position, then goodbye. The walsender reads
        the update before it sees the connection end, so nothing confirmed is sent again."""
        if self._closed:
            return
        self._closed = True
        try:
            self.send_status()
        except Exception:  # noqa: BLE001 - the connection may already be gone; closing is all that is left
            pass
        try:
            self._connection.close()
        except Exception:  # noqa: BLE001
            pass


def _ensure_slot(cursor: Any, name: str, plugin: str, user: str | None) -> Slot:
    """Find the slot, or create it with the plugin. A slot made for another plugin is refused."""
    try:
        cursor.execute(
            "SELECT slot_type, plugin, database, current_database(), confirmed_flush_lsn::text "
            "FROM pg_replication_slots WHERE slot_name = %s", (name,))
        row = cursor.fetchone()
    except psycopg2.Error as error:
        raise explain_postgres_error(error, "query", name, user) from error
    if row is not None:
        slot_type, slot_plugin, database, current, confirmed = row
        if slot_type != "logical":
            raise PostgresSetupError(f"slot '{name}' is a {slot_type} slot, not a logical one", hint="choose another name with CDC_SLOT")
        if database != current:
            raise PostgresSetupError(
                f"slot '{name}' decodes database {database}, but DATABASE_URL points at {current}",
                hint="a logical slot belongs to one database: connect to that one, or use another name with CDC_SLOT",
            )
        if slot_plugin != plugin:
            raise PostgresSetupError(
                f"slot '{name}' was created for the plugin {slot_plugin}, and this program reads {plugin}",
                hint=f"drop it if nothing reads it (SELECT pg_drop_replication_slot('{name}')), or choose another name with CDC_SLOT",
            )
        return Slot(name, parse_lsn(confirmed) if confirmed else 0, created=False)
    try:
        # SNAPSHOT 'nothing': we stream changes only; lab 6 reads a snapshot.
        cursor.execute(f"CREATE_REPLICATION_SLOT {quote(name)} LOGICAL {quote(plugin)} (SNAPSHOT 'nothing')")
        created = cursor.fetchone()
    except psycopg2.Error as error:
        raise explain_postgres_error(error, "create-slot", name, user) from error
    return Slot(name, parse_lsn(created[1]), created=True)

