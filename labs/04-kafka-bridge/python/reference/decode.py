"""Decode one pgoutput message (protocol version 1): the bytes of one XLogData payload in, a
typed message (messages.py) out."""

from __future__ import annotations

from typing import Callable

from buffer_reader import BufferReader
from errors import ReplicationError
from messages import (
    BeginMessage, CommitMessage, DeleteMessage, InsertMessage, LogicalMessage, OldTuple, OriginMessage,
    PgoutputMessage, RelationColumn, RelationMessage, TruncateMessage, TypeMessage, UpdateMessage,
)
from tuple_data import read_tuple_data

# Microseconds from 1970-01-01 to 2000-01-01, the epoch of Postgres timestamps.
POSTGRES_EPOCH_UNIX_MICROS = 946_684_800_000_000

_TRUNCATE_CASCADE = 1
_TRUNCATE_RESTART_IDENTITY = 2
_RELATION_COLUMN_IS_KEY = 1
_MESSAGE_TRANSACTIONAL = 1
_STREAMING_TAGS = {ord("S"), ord("E"), ord("c"), ord("A")}


def decode_pgoutput(data: bytes) -> PgoutputMessage:
    if len(data) == 0:
        raise ReplicationError("empty pgoutput message", hint="every XLogData payload of a pgoutput slot starts with a message tag")
    tag = data[0]
    decoder = _DECODERS.get(tag)
    if decoder is not None:
        name, decode = decoder
        reader = BufferReader(data, name)
        reader.char()  # the tag, already dispatched on
        return decode(reader)
    if tag in _STREAMING_TAGS:
        raise ReplicationError(
            f"pgoutput sent a streaming message ({_describe_tag(tag)}), which protocol version 1 never sends",
            hint="start replication with proto_version '1' and without streaming 'on': the bridge decodes whole transactions only",
        )
    raise ReplicationError(
        f"unknown pgoutput message tag {_describe_tag(tag)}",
        hint="is the slot really using the pgoutput plugin? A test_decoding slot sends text lines, not pgoutput messages",
    )


def _lsn(r: BufferReader) -> int:
    return r.uint64()


def _time(r: BufferReader) -> int:
    return r.int64() + POSTGRES_EPOCH_UNIX_MICROS


def _begin(r: BufferReader) -> BeginMessage:
    message = BeginMessage(final_lsn=_lsn(r), commit_time_us=_time(r), xid=r.uint32())
    r.expect_end()
    return message


def _commit(r: BufferReader) -> CommitMessage:
    message = CommitMessage(flags=r.int8(), commit_lsn=_lsn(r), end_lsn=_lsn(r), commit_time_us=_time(r))
    r.expect_end()
    return message


def _origin(r: BufferReader) -> OriginMessage:
    message = OriginMessage(origin_lsn=_lsn(r), name=r.cstring())
    r.expect_end()
    return message


def _relation(r: BufferReader) -> RelationMessage:
    relation_id = r.uint32()
    namespace = r.cstring()
    name = r.cstring()
    identity = r.char()
    if identity not in ("d", "n", "f", "i"):
        raise r.malformed(f"replica identity {identity!r}, expected d, n, f or i")
    columns: list[RelationColumn] = []
    for _ in range(r.int16()):
        flags = r.int8()
        columns.append(RelationColumn(name=r.cstring(), type_oid=r.uint32(), typmod=r.int32(), is_key=(flags & _RELATION_COLUMN_IS_KEY) != 0))
    r.expect_end()
    return RelationMessage(relation_id, namespace, name, identity, columns)  # type: ignore[arg-type]


def _type(r: BufferReader) -> TypeMessage:
    message = TypeMessage(type_oid=r.uint32(), namespace=r.cstring(), name=r.cstring())
    r.expect_end()
    return message


def _insert(r: BufferReader) -> InsertMessage:
    relation_id = r.uint32()
    marker = r.char()
    if marker != "N":
        raise r.malformed(f"tuple marker {marker!r}, expected 'N'")
    message = InsertMessage(relation_id, read_tuple_data(r))
    r.expect_end()
    return message


def _update(r: BufferReader) -> UpdateMessage:
    relation_id = r.uint32()
    marker = r.char()
    old: OldTuple | None = None
    if marker in ("K", "O"):
        old = OldTuple("key" if marker == "K" else "full", read_tuple_data(r))
        marker = r.char()
    if marker != "N":
        raise r.malformed(f"tuple marker {marker!r} where the new tuple ('N') belongs")
    message = UpdateMessage(relation_id, old, read_tuple_data(r))
    r.expect_end()
    return message


def _delete(r: BufferReader) -> DeleteMessage:
    relation_id = r.uint32()
    marker = r.char()
    if marker not in ("K", "O"):
        raise r.malformed(f"tuple marker {marker!r}, expected the old key ('K') or old row ('O')")
    message = DeleteMessage(relation_id, OldTuple("key" if marker == "K" else "full", read_tuple_data(r)))
    r.expect_end()
    return message


def _truncate(r: BufferReader) -> TruncateMessage:
    count = r.int32()
    options = r.int8()
    relation_ids = [r.uint32() for _ in range(count)]
    r.expect_end()
    return TruncateMessage(relation_ids, (options & _TRUNCATE_CASCADE) != 0, (options & _TRUNCATE_RESTART_IDENTITY) != 0)


def _logical_message(r: BufferReader) -> LogicalMessage:
    transactional = (r.int8() & _MESSAGE_TRANSACTIONAL) != 0
    position = _lsn(r)
    prefix = r.cstring()
    content = r.bytes(r.int32())
    r.expect_end()
    return LogicalMessage(transactional, position, prefix, content)


_DECODERS: dict[int, tuple[str, Callable[[BufferReader], PgoutputMessage]]] = {
    ord("B"): ("Begin message", _begin),
    ord("C"): ("Commit message", _commit),
    ord("O"): ("Origin message", _origin),
    ord("R"): ("Relation message", _relation),
    ord("Y"): ("Type message", _type),
    ord("I"): ("Insert message", _insert),
    ord("U"): ("Update message", _update),
    ord("D"): ("Delete message", _delete),
    ord("T"): ("Truncate message", _truncate),
    ord("M"): ("Message message", _logical_message),
}


def _describe_tag(tag: int) -> str:
    letter = f" '{chr(tag)}'" if 0x20 <= tag < 0x7F else ""
    return f"0x{tag:02x}{letter}"
