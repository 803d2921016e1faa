from __future__ import annotations

import unittest
from types import SimpleNamespace

import psycopg2

from cdc_lab import ConfigurationError
from errors import ErrorContext, PostgresSetupError, ReplicationError, SlotInvalidatedError, explain_postgres_error, sqlstate_of


class ServerError(Exception):
    """Shaped like a psycopg2 error raised for a statement: pgcode and diag."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"ERROR:  {message}\n")
        self.pgcode = code
        self.diag = SimpleNamespace(message_primary=message, message_detail=None, message_hint=None)


class Psycopg3Error(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.sqlstate = code
        self.diag = SimpleNamespace(message_primary=message, message_detail=None, message_hint=None)


def connect_failure(said: str) -> psycopg2.OperationalError:
    # What libpq gives psycopg2 at startup: text only, no SQLSTATE.
    return psycopg2.OperationalError(f'connection to server at "127.0.0.1", port 5432 failed: FATAL:  {said}\n')


class ExplainTest(unittest.TestCase):
    def test_missing_replication_attribute_names_the_role_and_the_fix(self) -> None:
        for said in ("must be superuser or replication role to start walsender", "permission denied to start WAL sender"):
            error = explain_postgres_error(connect_failure(said), ErrorContext("connect", "s", "reader"))
            self.assertIsInstance(error, PostgresSetupError)
            self.assertIn("reader", error.message)
            self.assertIn("REPLICATION", error.message)
            self.assertIn("ALTER ROLE reader REPLICATION", error.hint or "")

    def test_slot_in_use_when_starting_names_the_slot(self) -> None:
        error = explain_postgres_error(ServerError("55006", 'replication slot "s" is active for PID 14590'), ErrorContext("start", "s"))
        self.assertIsInstance(error, ReplicationError)
        self.assertEqual(error.message, "slot 's' is already being read by another process (walsender PID 14590)")

    def test_slot_in_use_when_dropping_says_active(self) -> None:
        error = explain_postgres_error(Psycopg3Error("55006", 'replication slot "s" is active for PID 1'), ErrorContext("drop", "s"))
        self.assertIn("is active", error.message)

    def test_wal_level(self) -> None:
        error = explain_postgres_error(ServerError("55000", "logical decoding requires wal_level >= logical"), ErrorContext("create-slot", "s"))
        self.assertIn("ALTER SYSTEM SET wal_level = logical", error.hint or "")

    def test_an_invalidated_slot(self) -> None:
        failure = ServerError("55000", 'can no longer get changes from replication slot "s"')
        failure.diag.message_detail = "This slot has been invalidated because it exceeded the maximum reserved size."
        error = explain_postgres_error(failure, ErrorContext("start", "s"))
        self.assertIsInstance(error, SlotInvalidatedError)
        self.assertIn("exceeded the maximum reserved size", error.message)

    def test_wrong_password_is_a_configuration_error(self) -> None:
        error = explain_postgres_error(connect_failure('password authentication failed for user "bob"'), ErrorContext("connect", "s", "bob"))
        self.assertIsInstance(error, ConfigurationError)

    def test_unknown_codes_keep_what_postgres_said(self) -> None:
        error = explain_postgres_error(ServerError("XX000", "something odd"), ErrorContext("query", "s"))
        self.assertEqual(error.message, "Postgres refused the query: something odd [SQLSTATE XX000]")

    def test_a_lost_connection_while_streaming(self) -> None:
        error = explain_postgres_error(psycopg2.OperationalError("server closed the connection unexpectedly"), ErrorContext("stream", "s"))
        self.assertTrue(error.message.startswith("the replication connection was lost"))
        self.assertIn("wal_sender_timeout", error.hint or "")

    def test_an_unreachable_server(self) -> None:
        failure = psycopg2.OperationalError('connection to server at "127.0.0.1", port 1 failed: Connection refused')
        self.assertIsInstance(explain_postgres_error(failure, ErrorContext("connect", "s")), ConfigurationError)

    def test_sqlstate_of_reads_both_drivers(self) -> None:
        self.assertEqual(sqlstate_of(ServerError("42710", "x")), "42710")
        self.assertEqual(sqlstate_of(Psycopg3Error("42710", "x")), "42710")
        self.assertIsNone(sqlstate_of(None))
        self.assertIsNone(sqlstate_of(ValueError("x")))


if __name__ == "__main__":
    unittest.main()
