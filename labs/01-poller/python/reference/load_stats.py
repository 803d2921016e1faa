"""What polling costs the database, as numbers.

A poller asks even when nothing changed: most of its queries come back empty, and each one is
still planned, executed and answered. The totals make that visible next to the work that found
something.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PollLoad:
    queries: int
    rows_read: int


@dataclass
class LoadStats:
    polls: int = 0
    queries: int = 0
    rows_read: int = 0
    # Polls that found nothing: pure overhead.
    empty_polls: int = 0

    def record(self, load: PollLoad) -> None:
        self.polls += 1
        self.queries += load.queries
        self.rows_read += load.rows_read
        if load.rows_read == 0:
            self.empty_polls += 1
