"""Dropping a slot releases the WAL it holds back, and forgets its position for good.

Changes made afterwards are recorded for nobody. A slot that is being read is not ours to drop.
"""

from __future__ import annotations

import psycopg

from errors import ErrorContext, ReplicationError, explain_postgres_error
from settings import DropCommand
from sql_connection import sql_connection
from status import read_slot_status


def drop_slot(command: DropCommand) -> None:
    with sql_connection(command.connection_string, command.slot) as connection:
        status = read_slot_status(connection, command.slot)
        if status is None:
            print(f"There is no slot '{command.slot}': nothing to drop.", flush=True)
            return
        if status.active:
            raise ReplicationError(
                f"slot '{command.slot}' is active: walsender PID {status.active_pid if status.active_pid is not None else '?'} is reading it",
                "stop the streamer first (Ctrl-C in its terminal); dropping a slot while it is read would pull the ground from under its reader",
            )
        try:
            connection.execute("SELECT pg_drop_replication_slot(%s)", (command.slot,))
        except psycopg.Error as error:
            # A streamer may have started between our look and the drop: Postgres refuses with 55006.
            raise explain_postgres_error(error, ErrorContext("drop", command.slot)) from error
    print(f"Dropped slot '{command.slot}'. Postgres no longer keeps WAL for it.", flush=True)
