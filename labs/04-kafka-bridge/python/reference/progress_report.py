"""'Kafka acknowledged 1,204 records (31 transactions, last xid 1942); confirmed 0/4950D1A8'.

A line as soon as a transaction is confirmed after a quiet spell, then at most one a second
while they keep coming, so that a busy bridge does not spend its time printing.
"""

from __future__ import annotations

import time
from typing import Callable

from record_batch import RecordBatch
from timers import Timers

_EVERY_S = 1.0
# Inside a long transaction nothing can be confirmed; say how far it got now and then.
_OPEN_TRANSACTION_EVERY_S = 5.0


class ProgressReport:
    def __init__(self, print_line: Callable[[str], None], timers: Timers) -> None:
        self._print = print_line
        self._timers = timers
        self._records = 0
        self._transactions = 0
        self._last_xid: int | None = None
        self._outcome: str | None = None
        self._last_printed = 0.0
        self._open_since: float | None = None
        self._flush_scheduled = False

    def acknowledged(self, batch: RecordBatch, outcome: str | None) -> None:
        """``outcome`` says what became of the batch's last commit ("confirmed …"); None if it has none."""
        self._records += batch.records
        self._transactions += batch.transactions
        if batch.last_commit is not None:
            self._last_xid = batch.last_commit.xid
        if outcome is not None:
            self._outcome = outcome
        now = time.monotonic()
        if self._outcome is not None:
            due = self._last_printed + _EVERY_S - now
            if due <= 0:
                self.flush()
            elif not self._flush_scheduled:
                self._flush_scheduled = True
                self._timers.later(due, self.flush)
            return
        if self._open_since is None:
            self._open_since = now
        if now - self._open_since >= _OPEN_TRANSACTION_EVERY_S and now - self._last_printed >= _OPEN_TRANSACTION_EVERY_S:
            self.flush()

    def flush(self) -> None:
        """Print what has not been reported yet."""
        self._flush_scheduled = False
        if self._records == 0 and self._transactions == 0:
            return
        if self._outcome is not None:
            self._print(f"Kafka acknowledged {_count(self._records, 'record')} ({_count(self._transactions, 'transaction')}, "
                        f"last xid {self._last_xid if self._last_xid is not None else '?'}); {self._outcome}")
        else:
            self._print(f"Kafka acknowledged {_count(self._records, 'record')} of a transaction still open; nothing to confirm before its commit")
        self._records = 0
        self._transactions = 0
        if self._outcome is not None:
            self._open_since = None
        self._outcome = None
        self._last_printed = time.monotonic()


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"
