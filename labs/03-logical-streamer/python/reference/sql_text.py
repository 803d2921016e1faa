"""Quoting for the replication connection, which speaks only the simple query protocol.

A walsender takes no ``$1`` parameters, and replication commands (CREATE_REPLICATION_SLOT,
START_REPLICATION) take none at all: every name and value put into a command is quoted here,
never spliced in raw.
"""

from __future__ import annotations


def quote_identifier(name: str) -> str:
    """A name: double quotes, inner double quotes doubled."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    """A value: single quotes, inner single quotes doubled."""
    if "\0" in value:
        raise ValueError("a SQL literal cannot contain a NUL character")
    return "'" + value.replace("'", "''") + "'"
