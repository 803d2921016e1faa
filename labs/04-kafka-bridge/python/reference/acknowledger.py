"""Position tracking: what the slot may forget.

After a restart Postgres sends again every transaction whose commit lies at or after the
confirmed position, and never one before it. So the confirmed position may pass a transaction
only once Kafka holds all of its records.
"""

from __future__ import annotations

from typing import Callable, Protocol

from lsn import format_lsn
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
        commit = batch.last_commit
        if commit is None:
            self._progress.acknowledged(batch, None)
            return
        self._acknowledged = commit
        if self._delay_ms == 0:
            self._confirm(commit)
            self._progress.acknowledged(batch, f"confirmed {format_lsn(commit.end_lsn)}")
            return
        self._progress.acknowledged(batch, f"confirming {format_lsn(commit.end_lsn)} in {self._delay_ms} ms (--confirm-delay)")

        def confirm_later() -> None:
            if self._confirm(commit):
                self._report(f"confirmed {format_lsn(commit.end_lsn)} (after --confirm-delay)")

        self._timers.later(self._delay_ms / 1000, confirm_later)

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
