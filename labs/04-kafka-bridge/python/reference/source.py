"""The ``source`` block: which database, table and transaction a change came from, and where in the WAL."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, frozen=True)
class SourceSettings:
    """The same for every event of one bridge."""

    topic_prefix: str
    """topic.prefix: names the source in ``source.name`` and starts every topic name."""
    database: str
    """The database the slot decodes."""
    version: str


@dataclass(slots=True, frozen=True)
class ChangePosition:
    """Where a change sits in the stream: what the transport and the transaction around it say."""

    lsn: int
    """The XLogData position the change arrived with."""
    last_commit_lsn: int | None
    """Where the last transaction committed before this one ended; None if none seen yet."""
    xid: int
    commit_time_us: int
    """From the Begin message, microseconds since the Unix epoch."""


def source_block(settings: SourceSettings, schema: str, table: str, position: ChangePosition) -> dict[str, object]:
    return {
        "version": settings.version,
        "connector": "postgresql",
        "name": settings.topic_prefix,
        # When the transaction committed (Begin says), not when the bridge read it: a consumer
        # compares it with the envelope's own ts_ms to see the lag.
        "ts_ms": position.commit_time_us // 1000,
        "snapshot": "false",
        "db": settings.database,
        "sequence": sequence_of(position),
        "ts_us": position.commit_time_us,
        "ts_ns": position.commit_time_us * 1000,
        "schema": schema,
        "table": table,
        # Every change of one transaction carries its xid: how a consumer knows they belong together.
        "txId": position.xid,
        # The WAL position as a number, not the 0/16B3748 text: consumers order and de-duplicate by it.
        "lsn": position.lsn,
        "xmin": None,
    }


def sequence_of(position: ChangePosition) -> str:
    """Debezium's ["<last commit>","<this change>"], decimal strings in a JSON array, no spaces."""
    last = "null" if position.last_commit_lsn is None else f'"{position.last_commit_lsn}"'
    return f'[{last},"{position.lsn}"]'
