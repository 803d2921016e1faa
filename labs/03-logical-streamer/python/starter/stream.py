"""The replication transport: it moves messages and positions and knows nothing of what they mean.

    ReplicationStream.open()   connect, make sure the slot exists, START_REPLICATION
    for message in stream      XLogData messages, in WAL order
    confirm_flushed_lsn()      the consumer's explicit promise: "everything up to here is handled"
    close()                    report the position one last time, disconnect

Two positions are kept apart on purpose. ``received_lsn`` is how far the server has sent;
``confirmed_lsn`` is how far the consumer has confirmed. Only the second is ever reported as
flushed, in every status update, because the server treats it as the slot's new restart point
and will never send older changes again.

What psycopg2 does here, and what it leaves to us. ReplicationCursor.read_message() never blocks:
it returns the next XLogData message, or None when nothing has arrived, in which case we wait on
the socket with select(). Inside read_message() psycopg2 also reads the keepalives and answers
those that ask, with the positions we last handed it through send_feedback(). So we hand them
over whenever they change (send_feedback without force only stores them), and we send a status
update ourselves (force=True) on our own timer and when closing.

One thing psycopg2 adds on its own: when a keepalive comes after the last message read_message()
returned has been confirmed, it moves the flushed position up to the keepalive's walEnd (the
chapter's "Confirming when caught up"). It judges keepalives in the order they arrived, and only
when we call read_message() again, that is once the message before has been handled.
"""

from __future__ import annotations

import select
import time
from dataclasses import dataclass, field
from typing import Iterator, Mapping

import psycopg2
import psycopg2.extras
from cdc_lab import StopRequest, todo

from connection import ReplicationConnection
from lsn import format_lsn
from messages import StandbyStatus, XLogData
from slot import Slot, ensure_slot
from sql_text import quote_identifier, quote_literal

# What you will need from the given modules (python/reference/, which you may read for these):
#   XLogData(wal_start, wal_end, send_time, data)   messages.py; psycopg2's message.data_start is
#                                                   the wal_start, message.payload the data
#   StandbyStatus(written, flushed, applied)        messages.py; positions as ints
#   format_lsn(int) -> "0/AA3E980"                  lsn.py
#   Slot(name, plugin, confirmed_flush_lsn, created) and ensure_slot(connection, name, plugin)   slot.py

DEFAULT_STATUS_INTERVAL_SECONDS = 10.0

# select() is not cut short by Ctrl-C: Python runs the signal handler and restarts the wait
# (PEP 475). So the loop never sleeps longer than this before it looks at the stop request.
STOP_POLL_SECONDS = 0.2

# While the consumer is busy with a message (a slow sink), nobody calls read_message(), so no
# keepalive is answered: the stream speaks up unasked at least this often meanwhile, well inside
# any sensible wal_sender_timeout (the walsender hangs up after that much silence).
SLOW_SINK_STATUS_SECONDS = 0.5


@dataclass(frozen=True)
class StreamOptions:
    connection_string: str
    slot: str
    # The output plugin: test_decoding here.
    plugin: str
    # Options for the plugin, passed in START_REPLICATION.
    plugin_options: Mapping[str, str] = field(default_factory=dict)
    # How often to tell the server our position unasked. Postgres's own standbys use 10 s.
    status_interval_seconds: float = DEFAULT_STATUS_INTERVAL_SECONDS
    # Where to start; 0 (0/0) means "where the slot's confirmed position is".
    start_lsn: int = 0


class ReplicationStream:
    def __init__(self, connection: ReplicationConnection, slot: Slot, options: StreamOptions, stop: StopRequest | None = None) -> None:
        self._connection = connection
        self.slot = slot
        self._options = options
        self._stop = stop
        self._stopping = False
        self._failed = False
        self._closed = False
        self._received = slot.confirmed_flush_lsn
        self._confirmed = slot.confirmed_flush_lsn
        self._cursor: psycopg2.extras.ReplicationCursor | None = None
        # When the next status update is due, and when the last one went out (time.monotonic()).
        self._next_status_at = 0.0
        self._last_status_at = 0.0

    @classmethod
    def open(cls, options: StreamOptions, stop: StopRequest | None = None) -> ReplicationStream:
        connection = ReplicationConnection.open(options.connection_string, options.slot)
        try:
            slot = ensure_slot(connection, options.slot, options.plugin)
            stream = cls(connection, slot, options, stop)
            stream._start()
            return stream
        except BaseException:
            connection.close()
            raise

    @property
    def received_lsn(self) -> int:
        """How far the server has sent (XLogData and keepalives). Never reported as flushed."""
        return self._received

    @property
    def confirmed_lsn(self) -> int:
        """How far the consumer has confirmed: what the slot will resume from after a restart."""
        return self._confirmed

    def confirm_flushed_lsn(self, lsn: int) -> None:
        """The consumer's promise: everything up to ``lsn`` is safely handled (printed, produced…).

        The server hears about it at the next status update: within the status interval, at once
        if it asks, and at close. Positions only move forward: an older LSN is ignored rather
        than rewinding the slot.
        """
        if lsn > self._confirmed:
            self._confirmed = lsn
            self._share_positions()

    def __iter__(self) -> Iterator[XLogData]:
        """XLogData messages, in order, until stop() or a stop request (Ctrl-C)."""
        while not self._stop_requested():
            try:
                message = self.receive_message()
                self._share_positions()
                due_in = self.run_status_timer()
            except psycopg2.Error as error:
                self._failed = True
                raise self._connection.explain(error, "stream") from error
            if message is not None:
                yield message
                continue
            self._wait_for_server(min(due_in, STOP_POLL_SECONDS))

    def idle(self, seconds: float) -> None:
        """Let ``seconds`` pass while the consumer is busy, without falling silent.

        The status timer keeps running, and an update goes out at least every
        SLOW_SINK_STATUS_SECONDS: psycopg2 answers keepalives only inside read_message(). Each
        update says only what was confirmed, so speaking up here confirms nothing new.
        """
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                due_in = self.run_status_timer()
                if time.monotonic() - self._last_status_at >= SLOW_SINK_STATUS_SECONDS:
                    self.send_status_update()
            except psycopg2.Error as error:
                self._failed = True
                raise self._connection.explain(error, "stream") from error
            time.sleep(max(0.0, min(remaining, due_in, SLOW_SINK_STATUS_SECONDS)))

    def stop(self) -> None:
        """Let the consumer's loop end after the message it is handling."""
        self._stopping = True

    def close(self) -> None:
        """Say goodbye properly: a last status update with the confirmed position, then disconnect.

        Without the last update, whatever was confirmed since the previous one comes again on the
        next run. psycopg2 has no call that sends CopyDone; closing sends Terminate instead, and
        the walsender reads it after the update before it. The slot is inactive once its
        walsender has gone, a moment later.
        """
        if self._closed:
            return
        self._closed = True
        try:
            if self._cursor is not None and not self._failed and not self._connection.is_closed:
                self.send_status_update()
        except psycopg2.Error:
            pass  # the connection is gone: the server keeps what the last update it read said
        finally:
            self._connection.close()

    # ——— the protocol, step by step ———

    def _start(self) -> None:
        command = start_replication_command(self._options.slot, self._options.start_lsn, self._options.plugin_options)
        self._cursor = self._connection.start_copy_both(command)
        # psycopg2's own positions start at 0/0: hand it ours before it says anything, and tell
        # the server at once where we stand. The timer counts from the start of streaming.
        self._share_positions()
        self.send_status_update()
        self._next_status_at = time.monotonic() + self._options.status_interval_seconds

    def receive_message(self) -> XLogData | None:
        """One turn of the read loop: the next XLogData message, or None when nothing has arrived.

        Both kinds of message say how far the server has sent; only XLogData carries something
        for the consumer.
        """
        # TODO: ask the cursor (self._require_cursor()) for the next message without blocking.
        #   Keepalives never come out of it: psycopg2 reads them (and answers those that ask)
        #   inside the same call. Both kinds say how far the server has sent: which attribute of
        #   the cursor keeps that, where do you record it, and why is it never what you report as
        #   flushed? Nothing there yet: return None (the loop then waits on the socket).
        #   Otherwise turn psycopg2's ReplicationMessage into this program's XLogData: which of
        #   its fields is walStart?
        todo("dispatching the server's messages", "docs/03-logical-streamer.md#streaming-changes")

    def run_status_timer(self) -> float:
        """Send a status update when one is due; return the seconds until the next one is due.

        The loop has no timer thread: its select() waits at most that long, so the update goes
        out on time whether or not anything arrives (with wal_sender_timeout = 0 the server
        never asks).
        """
        # TODO: when the time in self._next_status_at has come, send a status update (the
        #   stream's own method for it) and set the next one an interval later
        #   (self._options.status_interval_seconds). Either way, say how long the loop may wait
        #   before the next is due. Which clock cannot jump backwards when the system's does?
        todo("sending status updates on a timer", "docs/03-logical-streamer.md#status-updates")

    def status_to_report(self) -> StandbyStatus:
        """What every status update says: periodic, asked for, or the last one.

        Flushed becomes the slot's confirmed_flush_lsn, so it may only be what the consumer
        confirmed; written is informational, so it may run ahead.
        """
        # TODO: the three positions of a status update (psycopg2 adds the clock). Which of the
        #   stream's two positions may be reported as flushed, knowing that it becomes the slot's
        #   restart point? Which may be reported as written? (Neither may go backwards.)
        todo("choosing the positions to report", "docs/03-logical-streamer.md#status-updates")

    def send_status_update(self) -> None:
        """A standby status update, now (psycopg2 encodes it and stamps the clock)."""
        status = self.status_to_report()
        self._require_cursor().send_feedback(
            write_lsn=status.written, flush_lsn=status.flushed, apply_lsn=status.applied, force=True
        )
        self._last_status_at = time.monotonic()

    def _share_positions(self) -> None:
        """Hand psycopg2 the positions without sending them: its answers to keepalives carry them.

        psycopg2 keeps the furthest of each it has been given, so a position handed over once
        can never be taken back.
        """
        status = self.status_to_report()
        self._require_cursor().send_feedback(write_lsn=status.written, flush_lsn=status.flushed, apply_lsn=status.applied)

    def _wait_for_server(self, seconds: float) -> None:
        select.select([self._connection], [], [], seconds)

    def _stop_requested(self) -> bool:
        return self._stopping or (self._stop is not None and self._stop.requested)

    def _require_cursor(self) -> psycopg2.extras.ReplicationCursor:
        if self._cursor is None:
            raise RuntimeError("the stream has not started: call ReplicationStream.open()")
        return self._cursor


def start_replication_command(slot: str, start_lsn: int, plugin_options: Mapping[str, str]) -> str:
    """START_REPLICATION SLOT "s" LOGICAL 0/0 ("option" 'value', …)"""
    # TODO: the START_REPLICATION command for a logical slot, with the start position and the
    #   plugin's options in parentheses (leave the parentheses out when there are none). Which
    #   parts are identifiers and which are literals (sql_text.py quotes each kind), and how is
    #   a position written (lsn.py)?
    todo("starting replication", "docs/03-logical-streamer.md#streaming-changes")
