from __future__ import annotations

import io
import unittest
from datetime import datetime

from line_printer import LinePrinter
from messages import XLogData
from print_transactions import PrintOptions, confirm_printed, print_transactions


def message(wal_start: int, text: str) -> XLogData:
    return XLogData(wal_start, wal_start, datetime(2026, 1, 5), text.encode())


class ListStream:
    """A stream of given messages that records, for each confirmation, what had been printed."""

    def __init__(self, messages: list[XLogData], out: io.StringIO) -> None:
        self.messages = messages
        self.out = out
        self.confirmed: list[tuple[int, str]] = []

    def __iter__(self):
        return iter(self.messages)

    def confirm_flushed_lsn(self, lsn: int) -> None:
        self.confirmed.append((lsn, self.out.getvalue()))


TRANSACTION = [message(0, "BEGIN 7"), message(500, "table public.users: INSERT: id[integer]:1 name[text]:'Ada'"), message(800, "COMMIT 7")]


class PrintTransactionsTest(unittest.TestCase):
    def test_prints_every_line_then_confirms_the_commit(self) -> None:
        out = io.StringIO()
        stream = ListStream(TRANSACTION, out)
        print_transactions(stream, LinePrinter(out), PrintOptions(confirm=True))
        self.assertEqual(out.getvalue(), "BEGIN 7\ntable public.users: INSERT: id[integer]:1 name[text]:'Ada'\nCOMMIT 7\n")
        # One confirmation, the COMMIT's walStart, made once the COMMIT line was out.
        self.assertEqual(len(stream.confirmed), 1)
        lsn, printed_by_then = stream.confirmed[0]
        self.assertEqual(lsn, 800)
        self.assertTrue(printed_by_then.endswith("COMMIT 7\n"))

    def test_no_confirm_prints_and_confirms_nothing(self) -> None:
        out = io.StringIO()
        stream = ListStream(TRANSACTION, out)
        print_transactions(stream, LinePrinter(out), PrintOptions(confirm=False))
        self.assertEqual(out.getvalue().count("\n"), 3)
        self.assertEqual(stream.confirmed, [])

    def test_a_failing_sink_confirms_nothing(self) -> None:
        class BrokenOut(io.StringIO):
            def write(self, text: str) -> int:
                raise BrokenPipeError("stdout is gone")

        stream = ListStream(TRANSACTION[2:], io.StringIO())
        with self.assertRaises(BrokenPipeError):
            print_transactions(stream, LinePrinter(BrokenOut()), PrintOptions(confirm=True))
        self.assertEqual(stream.confirmed, [])

    def test_lines_inside_a_transaction_confirm_nothing(self) -> None:
        stream = ListStream([], io.StringIO())
        for item in TRANSACTION[:2]:
            confirm_printed(stream, item, item.data.decode())
        self.assertEqual(stream.confirmed, [])

    def test_the_printer_waits_before_printing(self) -> None:
        waits: list[float] = []
        out = io.StringIO()
        LinePrinter(out, delay_seconds=1.5, wait=waits.append).print("BEGIN 7")
        self.assertEqual((waits, out.getvalue()), ([1.5], "BEGIN 7\n"))


if __name__ == "__main__":
    unittest.main()
