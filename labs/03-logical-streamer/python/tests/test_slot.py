from __future__ import annotations

import unittest
from typing import Any

from cdc_lab import CdcLabError
from errors import PostgresSetupError
from slot import ensure_slot


class DuplicateObject(Exception):
    pgcode = "42710"


EXISTING = {"slot_type": "logical", "plugin": "test_decoding", "database": "db", "current_database": "db", "confirmed_flush_lsn": "0/AA3E980"}
PG15 = [{"server_version_num": "150018"}]
PG14 = [{"server_version_num": "140023"}]
CREATED = {"slot_name": "s", "consistent_point": "0/AA3E948", "snapshot_name": None, "output_plugin": "test_decoding"}


class ScriptedConnection:
    """Answers each query with the next scripted rows (or raises the scripted error)."""

    def __init__(self, *answers: list[dict[str, Any]] | Exception) -> None:
        self.answers = list(answers)
        self.commands: list[tuple[str, str]] = []

    def query(self, text: str, step: str) -> list[dict[str, Any]]:
        self.commands.append((text, step))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def explained(cause: Exception) -> CdcLabError:
    error = CdcLabError("explained")
    error.__cause__ = cause
    return error


class EnsureSlotTest(unittest.TestCase):
    def test_an_existing_slot_is_reused_as_it_is(self) -> None:
        connection = ScriptedConnection([EXISTING])
        slot = ensure_slot(connection, "s", "test_decoding")  # type: ignore[arg-type]
        self.assertEqual((slot.created, slot.confirmed_flush_lsn), (False, 0xAA3E980))
        self.assertEqual(len(connection.commands), 1)

    def test_a_missing_slot_is_created_without_a_snapshot(self) -> None:
        connection = ScriptedConnection([], PG15, [CREATED])
        slot = ensure_slot(connection, "s", "test_decoding")  # type: ignore[arg-type]
        self.assertEqual((slot.created, slot.confirmed_flush_lsn, slot.plugin), (True, 0xAA3E948, "test_decoding"))
        self.assertEqual(connection.commands[2], ("""CREATE_REPLICATION_SLOT "s" LOGICAL "test_decoding" (SNAPSHOT 'nothing')""", "create-slot"))

    def test_postgres_14_is_asked_with_the_older_keyword(self) -> None:
        connection = ScriptedConnection([], PG14, [CREATED])
        ensure_slot(connection, "s", "test_decoding")  # type: ignore[arg-type]
        self.assertEqual(connection.commands[2], ("""CREATE_REPLICATION_SLOT "s" LOGICAL "test_decoding" NOEXPORT_SNAPSHOT""", "create-slot"))

    def test_losing_the_race_uses_the_other_creators_slot(self) -> None:
        connection = ScriptedConnection([], PG15, explained(DuplicateObject()), [EXISTING])
        slot = ensure_slot(connection, "s", "test_decoding")  # type: ignore[arg-type]
        self.assertFalse(slot.created)

    def test_other_failures_are_not_swallowed(self) -> None:
        failure = explained(RuntimeError("all replication slots are in use"))
        connection = ScriptedConnection([], PG15, failure)
        with self.assertRaises(CdcLabError) as raised:
            ensure_slot(connection, "s", "test_decoding")  # type: ignore[arg-type]
        self.assertIs(raised.exception, failure)

    def test_a_slot_of_another_plugin_is_refused(self) -> None:
        connection = ScriptedConnection([{**EXISTING, "plugin": "pgoutput"}])
        with self.assertRaises(PostgresSetupError):
            ensure_slot(connection, "s", "test_decoding")  # type: ignore[arg-type]

    def test_a_slot_of_another_database_is_refused(self) -> None:
        connection = ScriptedConnection([{**EXISTING, "database": "other"}])
        with self.assertRaises(PostgresSetupError):
            ensure_slot(connection, "s", "test_decoding")  # type: ignore[arg-type]


if __name__ == "__main__":
    unittest.main()
