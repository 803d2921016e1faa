"""One produce request's worth of records, in stream order, plus the last commit among them.

A batch may hold no records at all, only a commit: a transaction whose records all went out in
the batch before. Its acknowledgement is then immediate, but it still comes after that one.
"""

from __future__ import annotations

from dataclasses import dataclass

from records import SerializedRecord


@dataclass(slots=True, frozen=True)
class CommitPoint:
    """A transaction's end, as the batch that carries its last record remembers it."""

    xid: int
    end_lsn: int
    """The end of the commit record: what to confirm once Kafka has every record up to here."""


@dataclass(slots=True, frozen=True)
class BatchLimits:
    max_bytes: int = 512 * 1024
    """Kafka refuses a partition's record batch above message.max.bytes (1 MiB by default): stay well below."""
    max_records: int = 5_000


DEFAULT_BATCH_LIMITS = BatchLimits()


@dataclass(slots=True)
class LargestRecord:
    topic: str
    key: bytes | None
    value: bytes | None
    bytes: int


class RecordBatch:
    def __init__(self, limits: BatchLimits = DEFAULT_BATCH_LIMITS) -> None:
        self._limits = limits
        self._records: list[SerializedRecord] = []
        self._bytes = 0
        self._commits = 0
        self._last: CommitPoint | None = None
        self._largest: LargestRecord | None = None

    def add(self, record: SerializedRecord) -> None:
        self._records.append(record)
        size = len(record.key or b"") + len(record.value or b"") + sum(len(name) + len(value) for name, value in record.headers.items())
        self._bytes += size
        # Kept as records arrive, so that a refusal can name the record at once.
        if self._largest is None or size > self._largest.bytes:
            self._largest = LargestRecord(record.topic, record.key, record.value, size)

    def commit(self, point: CommitPoint) -> None:
        self._last = point
        self._commits += 1

    @property
    def records(self) -> int:
        return len(self._records)

    @property
    def transactions(self) -> int:
        """How many transactions end in this batch."""
        return self._commits

    @property
    def last_commit(self) -> CommitPoint | None:
        """The last transaction that ends in this batch: once Kafka acknowledges the batch, it is safe."""
        return self._last

    @property
    def is_full(self) -> bool:
        return self._bytes >= self._limits.max_bytes or len(self._records) >= self._limits.max_records

    @property
    def is_empty(self) -> bool:
        """Nothing to send and nothing to confirm."""
        return not self._records and self._last is None

    def in_order(self) -> list[SerializedRecord]:
        """The records in the order they were added: for every key, the order its row changed."""
        return self._records

    def topics(self) -> list[str]:
        return list(dict.fromkeys(record.topic for record in self._records))

    def largest(self) -> LargestRecord | None:
        return self._largest
