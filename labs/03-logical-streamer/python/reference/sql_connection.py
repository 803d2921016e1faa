"""An ordinary (non-replication) connection for the status and drop commands, with psycopg 3."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import psycopg

from connection import user_of
from errors import ErrorContext, explain_postgres_error


@contextmanager
def sql_connection(connection_string: str, slot: str) -> Iterator[psycopg.Connection]:
    user = user_of(connection_string)
    try:
        # autocommit: each statement on its own, nothing left open while we look at a slot.
        connection = psycopg.connect(connection_string, autocommit=True)
    except psycopg.Error as error:
        raise explain_postgres_error(error, ErrorContext("connect", slot, user)) from error
    try:
        yield connection
    except psycopg.Error as error:
        raise explain_postgres_error(error, ErrorContext("query", slot, user)) from error
    finally:
        connection.close()
