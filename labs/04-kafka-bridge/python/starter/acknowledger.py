"""Position tracking: what the slot may forget.

After a restart Postgres sends again every transaction whose commit lies at or after the
confirmed position, and never one before it. So the confirmed position may pass a transaction
only once Kafka holds all of its records.
"""

from __future__ import annotations

from typing import Callable, Protocol

from cdc_lab import todo

from lsn import format_lsn  # noqa: F401 - yours to use
from progress_report import ProgressReport
from record_batch import CommitPoint, RecordBatch
from timers import Timers


class Confirmable(Protocol):
    """The one thing the acknowledger needs from the replication stream."""

    def confirm_flushed_lsn(self, lsn: int) -> None: ...


class Acknowledger:
    def __init__(self, stream: Confirmable, delay_ms: int, report: Callable[[str], None], timers: Timers) -> None:
        self._stream = stream
        self._delay_ms = delay_ms
        self._report = report
        self._timers = timers
        self._acknowledged: CommitPoint | None = None
        self._confirmed: CommitPoint | None = None
        self._progress = ProgressReport(report, timers)

    def kafka_acknowledged(self, batch: RecordBatch) -> None:
        """Kafka has acknowledged ``batch``, and every batch before it (the pipeline keeps one in
        flight). THE RULE: confirm a transaction's end LSN to Postgres only here, once Kafka has
        acknowledged every record up to and including that transaction; never when the commit
        arrives, never when the batch is sent. A crash before this point repeats the transaction
        (at least once); a confirmation before Kafka's acknowledgement could lose it for good."""
        # TODO: Kafka has acknowledged this batch, and so every batch before it. Which transaction
        #   is now safe to confirm, and why is the position its CommitPoint carries (the end of the
        #   commit record) the right one? What if the batch holds no commit? With --confirm-delay the
        #   confirmation waits (self._timers.later): what must Ctrl-C still be able to confirm
        #   meanwhile? Report the acknowledgement through self._progress either way.
        todo("confirming what Kafka acknowledged", "docs/04-kafka-bridge.md#confirming-after-kafka-acknowledges")

    def confirm_acknowledged_now(self) -> int | None:
        """On the way out: confirm what Kafka has acknowledged without waiting out --confirm-delay."""
        if self._acknowledged is not None:
            self._confirm(self._acknowledged)
        self._progress.flush()
        return self._confirmed.end_lsn if self._confirmed is not None else None

    def _confirm(self, commit: CommitPoint) -> bool:
        """Confirm ``commit`` unless a later one is confirmed already; True if it moved the position."""
        if self._confirmed is not None and commit.end_lsn <= self._confirmed.end_lsn:
            return False
        self._stream.confirm_flushed_lsn(commit.end_lsn)
        self._confirmed = commit
        return True
