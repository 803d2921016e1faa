"""The ``source`` block: which database, table and transaction a change came from, and where in the WAL."""

from __future__ import annotations

from dataclasses import dataclass

from cdc_lab import todo


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
    # TODO: say where the change came from, as a dict in Debezium's field order (envelope.py
    #   lists it): which connector and server (the topic prefix), database, schema and table;
    #   which transaction; when it committed, in ms, µs and ns; and where in the WAL it sits, as a
    #   number, with its sequence (sequence_of). Which of these does a consumer need to tell a
    #   repeated change from a new one after the bridge restarts?
    todo("filling in the source block", "docs/04-kafka-bridge.md#the-source-block")


def sequence_of(position: ChangePosition) -> str:
    """Debezium's ["<last commit>","<this change>"], decimal strings in a JSON array, no spaces."""
    last = "null" if position.last_commit_lsn is None else f'"{position.last_commit_lsn}"'
    return f'[{last},"{position.lsn}"]'
