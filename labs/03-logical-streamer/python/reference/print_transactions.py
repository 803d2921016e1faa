"""The consumer: each line as it arrives, and each transaction confirmed once its COMMIT is out.

Nothing is confirmed before it is printed: a crash between the two repeats the transaction on
restart (at least once); it never loses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Protocol

from line_printer import LinePrinter
from messages import XLogData
from plugin import is_commit_line


class ConfirmingStream(Iterable[XLogData], Protocol):
    """What the consumer needs of a ReplicationStream: its messages, and a way to confirm."""

    def confirm_flushed_lsn(self, lsn: int) -> None: ...


@dataclass(frozen=True)
class PrintOptions:
    # False with --no-confirm: print everything, confirm nothing (every transaction comes back).
    confirm: bool


def print_transactions(stream: ConfirmingStream, printer: LinePrinter, options: PrintOptions) -> None:
    for message in stream:
        line = message.data.decode("utf-8", errors="replace")
        printer.print(line)
        if options.confirm:
            confirm_printed(stream, message, line)


def confirm_printed(stream: ConfirmingStream, message: XLogData, line: str) -> None:
    """Confirm a transaction once its last line is out.

    When the slot is read again, Postgres skips every transaction that committed before the
    confirmed position. Lines inside a transaction confirm nothing: a half-printed transaction
    must come back whole.
    """
    if is_commit_line(line):
        stream.confirm_flushed_lsn(message.wal_start)
