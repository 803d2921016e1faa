"""The consumer: each line as it arrives, and each transaction confirmed once its COMMIT is out.

Nothing is confirmed before it is printed: a crash between the two repeats the transaction on
restart (at least once); it never loses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Protocol

from cdc_lab import todo

from line_printer import LinePrinter
from messages import XLogData
from plugin import is_commit_line

# What you will need from the given modules (python/reference/, which you may read for these):
#   XLogData(wal_start, wal_end, send_time, data)   messages.py; data is the plugin's text as bytes
#   LinePrinter.print(line)                         line_printer.py; returns once the line is written
#   is_commit_line(line) -> bool                    plugin.py; test_decoding's "COMMIT <xid>"


class ConfirmingStream(Iterable[XLogData], Protocol):
    """What the consumer needs of a ReplicationStream: its messages, and a way to confirm."""

    def confirm_flushed_lsn(self, lsn: int) -> None: ...


@dataclass(frozen=True)
class PrintOptions:
    # False with --no-confirm: print everything, confirm nothing (every transaction comes back).
    confirm: bool


def print_transactions(stream: ConfirmingStream, printer: LinePrinter, options: PrintOptions) -> None:
    # TODO: for each XLogData message of the stream, print its data as a line (it is UTF-8
    #   text), then, unless --no-confirm, hand the message and the line to confirm_printed. In
    #   which order, and what must have finished before you may confirm?
    todo("printing, then confirming", "docs/03-logical-streamer.md#confirming")


def confirm_printed(stream: ConfirmingStream, message: XLogData, line: str) -> None:
    """Confirm a transaction once its last line is out.

    When the slot is read again, Postgres skips every transaction that committed before the
    confirmed position. Lines inside a transaction confirm nothing: a half-printed transaction
    must come back whole.
    """
    # TODO: once a COMMIT line is printed (is_commit_line), confirm the position of its message
    #   with stream.confirm_flushed_lsn(...). Which of the message's two positions marks the end
    #   of the transaction? Lines inside a transaction confirm nothing.
    todo("confirming a printed transaction", "docs/03-logical-streamer.md#confirming")
