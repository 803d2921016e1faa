"""Stand-ins for psycopg2's replication objects, recording what the stream asks of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from slot import Slot
from stream import ReplicationStream, StreamOptions


@dataclass
class FakeMessage:
    """psycopg2's ReplicationMessage: the fields the stream reads."""

    data_start: int
    wal_end: int
    payload: bytes
    send_time: datetime = datetime(2026, 1, 5, 10, 0, 0)


@dataclass
class FakeCursor:
    """A ReplicationCursor: read_message() hands out the queue (None when empty), and each
    keepalive "read" along the way moves wal_end, as psycopg2 does."""

    queue: list[FakeMessage | int | None] = field(default_factory=list)
    wal_end: int = 0
    feedback: list[dict[str, Any]] = field(default_factory=list)

    def read_message(self) -> FakeMessage | None:
        while self.queue:
            item = self.queue.pop(0)
            if isinstance(item, int):  # a keepalive's walEnd: consumed, never returned
                self.wal_end = max(self.wal_end, item)
                continue
            if item is not None:
                self.wal_end = max(self.wal_end, item.wal_end)
            return item
        return None

    def send_feedback(self, write_lsn: int = 0, flush_lsn: int = 0, apply_lsn: int = 0, reply: bool = False, force: bool = False) -> None:
        self.feedback.append({"write": write_lsn, "flush": flush_lsn, "apply": apply_lsn, "force": force})

    @property
    def sent(self) -> list[dict[str, Any]]:
        """The status updates that went out on the wire (force=True)."""
        return [entry for entry in self.feedback if entry["force"]]


class FakeConnection:
    def __init__(self, cursor: FakeCursor) -> None:
        self.cursor = cursor
        self.closed = False

    def fileno(self) -> int:
        raise AssertionError("the tests never wait on a socket")

    @property
    def is_closed(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def explain(self, error: BaseException, step: str) -> Exception:
        return RuntimeError(f"{step}: {error}")


def started_stream(cursor: FakeCursor, confirmed: int = 1000, interval: float = 10.0) -> ReplicationStream:
    """A stream whose START_REPLICATION has been answered: the cursor is in place."""
    slot = Slot("s", "test_decoding", confirmed, created=False)
    stream = ReplicationStream(FakeConnection(cursor), slot, StreamOptions("postgres://x/y", "s", "test_decoding", status_interval_seconds=interval))  # type: ignore[arg-type]
    stream._cursor = cursor  # type: ignore[assignment]
    return stream
