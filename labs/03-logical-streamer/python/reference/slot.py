"""A replication slot: the consumer's bookmark, kept by Postgres.

The slot holds the plugin that decodes for it and how far its reader has confirmed. While it
exists, Postgres keeps every WAL segment its reader may still need, whether anyone reads or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from connection import ReplicationConnection
from errors import PostgresSetupError, sqlstate_of
from lsn import parse_lsn
from sql_text import quote_identifier, quote_literal


@dataclass(frozen=True)
class Slot:
    name: str
    plugin: str
    # Where the stream resumes: everything committed before it has been confirmed.
    confirmed_flush_lsn: int
    # True when this run created the slot.
    created: bool


DUPLICATE_OBJECT = "42710"


def ensure_slot(connection: ReplicationConnection, name: str, plugin: str) -> Slot:
    """Find the slot, or create it with the plugin. A slot made for another plugin is refused."""
    existing = find_slot(connection, name)
    if existing is not None:
        return check_slot(existing, name, plugin)
    try:
        return create_slot(connection, name, plugin)
    except Exception as error:
        # Another process created it between our look and our CREATE: use theirs. The
        # explained error keeps Postgres's own as its __cause__, with the SQLSTATE.
        if sqlstate_of(error.__cause__) != DUPLICATE_OBJECT:
            raise
        raced = find_slot(connection, name)
        if raced is None:
            raise
        return check_slot(raced, name, plugin)


def find_slot(connection: ReplicationConnection, name: str) -> dict[str, Any] | None:
    rows = connection.query(
        "SELECT slot_type, plugin, database, current_database() AS current_database,"
        " confirmed_flush_lsn::text AS confirmed_flush_lsn"
        f" FROM pg_replication_slots WHERE slot_name = {quote_literal(name)}",
        "query",
    )
    return rows[0] if rows else None


def no_snapshot_option(connection: ReplicationConnection) -> str:
    """The option that says "changes only, no snapshot", spelled the way the server takes it.

    Postgres 15 moved replication commands' options into parentheses; 14 only knows the older
    keyword. (Newer servers accept both, but teach the parenthesised form.)
    """
    rows = connection.query("SHOW server_version_num", "query")
    version = int(rows[0]["server_version_num"]) if rows else 0
    return "(SNAPSHOT 'nothing')" if version >= 150000 else "NOEXPORT_SNAPSHOT"


def create_slot(connection: ReplicationConnection, name: str, plugin: str) -> Slot:
    """CREATE_REPLICATION_SLOT, the replication-protocol twin of pg_create_logical_replication_slot().

    Postgres waits for the transactions running at that moment to finish, so that the slot
    starts at a point where it knows every transaction's fate: on a busy server this can take a
    while. SNAPSHOT 'nothing': we stream changes only, we do not read a snapshot of the data
    (lab 6 does). (psycopg2's create_replication_slot() cannot pass that option.)
    """
    rows = connection.query(
        f"CREATE_REPLICATION_SLOT {quote_identifier(name)} LOGICAL {quote_identifier(plugin)} {no_snapshot_option(connection)}",
        "create-slot",
    )
    if not rows:
        raise PostgresSetupError(f"CREATE_REPLICATION_SLOT for '{name}' returned nothing")
    row = rows[0]
    return Slot(name, row["output_plugin"], parse_lsn(row["consistent_point"]), created=True)


def check_slot(row: dict[str, Any], name: str, plugin: str) -> Slot:
    if row["slot_type"] != "logical":
        raise PostgresSetupError(
            f"slot '{name}' is a {row['slot_type']} slot, not a logical one",
            "it belongs to a physical standby or backup; choose another name with CDC_SLOT",
        )
    if row["database"] != row["current_database"]:
        raise PostgresSetupError(
            f"slot '{name}' decodes database {row['database'] or '?'}, but DATABASE_URL points at {row['current_database']}",
            "a logical slot belongs to one database: connect to that one, or use another name with CDC_SLOT",
        )
    if row["plugin"] != plugin:
        raise PostgresSetupError(
            f"slot '{name}' was created for the plugin {row['plugin'] or '?'}, and this program reads {plugin}",
            f"a slot's plugin is fixed when it is created: drop it if nothing reads it (SELECT pg_drop_replication_slot('{name}')), or choose another name with CDC_SLOT",
        )
    confirmed = row["confirmed_flush_lsn"]
    return Slot(name, plugin, parse_lsn(confirmed) if confirmed else 0, created=False)
