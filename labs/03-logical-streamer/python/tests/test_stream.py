from __future__ import annotations

import unittest
from unittest import mock

from tests.fakes import FakeCursor, FakeMessage, started_stream
from lsn import parse_lsn
from stream import start_replication_command


class StartReplicationCommandTest(unittest.TestCase):
    def test_options_are_identifiers_and_literals(self) -> None:
        command = start_replication_command("cdc_lab_03", 0, {"include-xids": "1", "skip-empty-xacts": "1"})
        self.assertEqual(command, """START_REPLICATION SLOT "cdc_lab_03" LOGICAL 0/0 ("include-xids" '1', "skip-empty-xacts" '1')""")

    def test_no_parentheses_without_options(self) -> None:
        self.assertEqual(start_replication_command("s", parse_lsn("16/B374D848"), {}), 'START_REPLICATION SLOT "s" LOGICAL 16/B374D848')

    def test_quotes_inside_names_and_values(self) -> None:
        command = start_replication_command('we"ird', 0, {"o'pt": "it's"})
        self.assertEqual(command, """START_REPLICATION SLOT "we""ird" LOGICAL 0/0 ("o'pt" 'it''s')""")


class ReceiveMessageTest(unittest.TestCase):
    def test_xlogdata_becomes_the_programs_message(self) -> None:
        cursor = FakeCursor([FakeMessage(2000, 2000, b"COMMIT 7")])
        message = started_stream(cursor).receive_message()
        assert message is not None
        self.assertEqual((message.wal_start, message.wal_end, message.data), (2000, 2000, b"COMMIT 7"))

    def test_keepalives_move_received_but_are_not_returned(self) -> None:
        cursor = FakeCursor([5000])
        stream = started_stream(cursor)
        self.assertIsNone(stream.receive_message())
        self.assertEqual(stream.received_lsn, 5000)
        self.assertEqual(stream.confirmed_lsn, 1000)


class PositionsTest(unittest.TestCase):
    def test_received_is_written_never_flushed(self) -> None:
        stream = started_stream(FakeCursor([FakeMessage(2000, 2000, b"BEGIN 7"), 9000]))
        stream.receive_message()
        stream.receive_message()
        status = stream.status_to_report()
        self.assertEqual((status.written, status.flushed, status.applied), (9000, 1000, 1000))

    def test_confirmed_only_moves_forward_and_is_handed_to_psycopg2(self) -> None:
        cursor = FakeCursor()
        stream = started_stream(cursor)
        stream.confirm_flushed_lsn(3000)
        stream.confirm_flushed_lsn(2000)
        self.assertEqual(stream.confirmed_lsn, 3000)
        # Handed over without sending (force=False): psycopg2's keepalive answers carry it.
        self.assertEqual(cursor.feedback[-1], {"write": 3000, "flush": 3000, "apply": 3000, "force": False})

    def test_iterating_hands_the_message_out_before_anything_is_confirmed(self) -> None:
        cursor = FakeCursor([FakeMessage(2000, 2000, b"COMMIT 7")])
        stream = started_stream(cursor)
        for message in stream:
            self.assertEqual(message.data, b"COMMIT 7")
            self.assertTrue(all(entry["flush"] == 1000 for entry in cursor.feedback))
            stream.stop()


class StatusTimerTest(unittest.TestCase):
    def test_sends_when_due_and_says_how_long_until_the_next(self) -> None:
        cursor = FakeCursor()
        stream = started_stream(cursor, interval=0.25)
        with mock.patch("stream.time.monotonic", return_value=100.0):
            stream._next_status_at = 100.1
            self.assertAlmostEqual(stream.run_status_timer(), 0.1)
            self.assertEqual(cursor.sent, [])
        with mock.patch("stream.time.monotonic", return_value=100.2):
            self.assertAlmostEqual(stream.run_status_timer(), 0.25)
            self.assertEqual(cursor.sent, [{"write": 1000, "flush": 1000, "apply": 1000, "force": True}])

    def test_close_sends_a_last_update_with_the_confirmed_position(self) -> None:
        cursor = FakeCursor()
        stream = started_stream(cursor)
        stream.confirm_flushed_lsn(4000)
        stream.close()
        self.assertEqual(cursor.sent[-1]["flush"], 4000)
        self.assertTrue(stream._connection.is_closed)


if __name__ == "__main__":
    unittest.main()
