import unittest

import psycopg
from psycopg import errors

from database import is_connection_error, redact_url


class ConnectionErrorTest(unittest.TestCase):
    def test_retries_when_the_connection_is_gone(self) -> None:
        self.assertTrue(is_connection_error(errors.AdminShutdown("terminating connection due to administrator command")))
        self.assertTrue(is_connection_error(errors.ConnectionFailure("connection failure")))
        self.assertTrue(is_connection_error(psycopg.OperationalError("the connection is closed")))
        self.assertTrue(is_connection_error(psycopg.OperationalError("server closed the connection unexpectedly")))

    def test_stops_on_mistakes_that_retrying_cannot_fix(self) -> None:
        self.assertFalse(is_connection_error(errors.UndefinedTable('relation "poller.users" does not exist')))
        self.assertFalse(is_connection_error(errors.InsufficientPrivilege("permission denied for table users")))
        self.assertFalse(is_connection_error(ValueError("not a database error")))

    def test_hides_the_password_of_a_url(self) -> None:
        self.assertEqual(redact_url("postgres://u:secret@localhost:5432/db"), "postgres://u:***@localhost:5432/db")
        self.assertEqual(redact_url("postgres://localhost/db"), "postgres://localhost/db")


if __name__ == "__main__":
    unittest.main()
