"""The logical replication messages of pgoutput, protocol version 1, as typed values.

One XLogData payload carries exactly one of them; decode.py turns bytes into these. Nothing
here knows about Kafka or envelopes. Times are microseconds since the Unix epoch (pgoutput
sends microseconds since 2000-01-01; decode.py shifts them). LSNs are ints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union


@dataclass(slots=True)
class BeginMessage:
    """A transaction starts. Every change until the matching Commit belongs to it."""

    final_lsn: int
    """Where the transaction's commit record starts. It names the transaction; it is not the
    position to confirm (that is the Commit message's end_lsn, just past the record)."""
    commit_time_us: int
    xid: int
    tag: Literal["begin"] = "begin"


@dataclass(slots=True)
class CommitMessage:
    flags: int
    commit_lsn: int
    end_lsn: int
    """The end of the commit record: confirming this position acknowledges the transaction."""
    commit_time_us: int
    tag: Literal["commit"] = "commit"


@dataclass(slots=True)
class OriginMessage:
    origin_lsn: int
    name: str
    tag: Literal["origin"] = "origin"


ReplicaIdentity = Literal["d", "n", "f", "i"]


@dataclass(slots=True)
class RelationColumn:
    name: str
    type_oid: int
    typmod: int
    """varchar length, numeric precision and scale, time precision; -1 if none."""
    is_key: bool
    """Part of the replica identity (under REPLICA IDENTITY FULL: every column)."""


@dataclass(slots=True)
class RelationMessage:
    """A table's shape, sent before its first change in a session and after each ALTER TABLE."""

    relation_id: int
    namespace: str
    name: str
    replica_identity: ReplicaIdentity
    columns: list[RelationColumn]
    tag: Literal["relation"] = "relation"


@dataclass(slots=True)
class TypeMessage:
    """Names a type that is not built in (an enum, a domain) before a Relation uses it."""

    type_oid: int
    namespace: str
    name: str
    tag: Literal["type"] = "type"


@dataclass(slots=True, frozen=True)
class NullValue:
    kind: Literal["null"] = "null"


@dataclass(slots=True, frozen=True)
class UnchangedToast:
    """A TOASTed value the change did not touch: Postgres does not send it again."""

    kind: Literal["unchanged-toast"] = "unchanged-toast"


@dataclass(slots=True, frozen=True)
class TextValue:
    """The value as its type's output function prints it (what psql would show)."""

    text: str
    kind: Literal["text"] = "text"


@dataclass(slots=True, frozen=True)
class BinaryValue:
    """Only with the ``binary`` option, which this project never asks for."""

    data: bytes
    kind: Literal["binary"] = "binary"


TupleValue = Union[NullValue, UnchangedToast, TextValue, BinaryValue]


@dataclass(slots=True)
class OldTuple:
    """The old row of an UPDATE or DELETE: only the replica identity columns, or every column."""

    identity: Literal["key", "full"]
    values: list[TupleValue]


@dataclass(slots=True)
class InsertMessage:
    relation_id: int
    new_tuple: list[TupleValue]
    tag: Literal["insert"] = "insert"


@dataclass(slots=True)
class UpdateMessage:
    relation_id: int
    old: OldTuple | None
    """Present under REPLICA IDENTITY FULL, or when the key itself changed; absent otherwise."""
    new_tuple: list[TupleValue]
    tag: Literal["update"] = "update"


@dataclass(slots=True)
class DeleteMessage:
    relation_id: int
    old: OldTuple
    tag: Literal["delete"] = "delete"


@dataclass(slots=True)
class TruncateMessage:
    relation_ids: list[int]
    cascade: bool
    restart_identity: bool
    tag: Literal["truncate"] = "truncate"


@dataclass(slots=True)
class LogicalMessage:
    """pg_logical_emit_message(): bytes written to the WAL for consumers, not to any table."""

    transactional: bool
    lsn: int
    prefix: str
    content: bytes
    tag: Literal["message"] = "message"


PgoutputMessage = Union[
    BeginMessage, CommitMessage, OriginMessage, RelationMessage, TypeMessage,
    InsertMessage, UpdateMessage, DeleteMessage, TruncateMessage, LogicalMessage,
]
RowChangeMessage = Union[InsertMessage, UpdateMessage, DeleteMessage]
