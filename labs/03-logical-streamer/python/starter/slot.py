"""A replication slot: the consumer's bookmark, kept by Postgres.

The slot holds the plugin that decodes for it and how far its reader has confirmed. While it
exists, Postgres keeps every WAL segment its reader may still need, whether anyone reads or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cdc_lab import todo

from connection import ReplicationConnection
from errors import PostgresSetupError, sqlstate_of
from lsn import parse_lsn
from sql_text import quote_identifier, quote_literal

# What you will need from the given modules (python/reference/, which you may read for these):
#   connection.query(text, step) -> list[dict]      connection.py; step names what failed ("query", "create-slot")
#   sqlstate_of(error.__cause__)                    errors.py; the SQLSTATE behind an explained error
#   parse_lsn("0/AA3E980") -> int                   lsn.py


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
    # TODO: reuse the slot if it exists (find_slot, then check_slot refuses a wrong one), else
    #   create it. Why must an existing slot never be dropped and made again? And when another
    #   process creates the same slot between your look and your CREATE, Postgres answers
    #   SQLSTATE 42710 (DUPLICATE_OBJECT; the error connection.query raises keeps Postgres's own
    #   as its __cause__, and sqlstate_of reads it): what should happen then, and only then?
    todo("finding or creating the slot", "docs/03-logical-streamer.md#slots")


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
    # TODO: create a logical slot for the plugin with the replication command (not SQL), through
    #   connection.query with the step "create-slot". Names go through quote_identifier. Which
    #   snapshot option says "changes only, no snapshot" (no_snapshot_option spells it for your
    #   server)? Which column of the answer is the
    #   slot's first confirmed position (it comes as text: lsn.py reads it)?
    todo("creating the slot", "docs/03-logical-streamer.md#slots")


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
