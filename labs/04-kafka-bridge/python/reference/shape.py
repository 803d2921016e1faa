"""Shape one decoded change into Debezium's events, usually one:

  Insert    op c, before None, after the new row
  Update    op u, before the old row if Postgres sent one (FULL), else None;
            if the key changed: a delete of the old key, then a create of the new one
  Delete    op d, before the old row (under REPLICA IDENTITY DEFAULT only the key columns carry
            values), after None
  Truncate  op t, before and after None, a null key: one event per table

Pure: the tables, the position and the processing time all come in as arguments.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from envelope import ChangeEvent, Row
from json_text import write_json
from messages import RowChangeMessage, TruncateMessage
from row_image import row_image
from row_key import key_of
from source import ChangePosition, SourceSettings, source_block
from table_shape import TableShape

# Header names Debezium uses when an UPDATE of the key becomes a delete plus a create.
OLD_KEY_HEADER = "__debezium.oldkey"
NEW_KEY_HEADER = "__debezium.newkey"


@dataclass(slots=True, frozen=True)
class EventContext:
    """What every event of one change shares: the settings, the change's position, the processing time."""

    settings: SourceSettings
    position: ChangePosition
    now_us: int


def shape_change(
    message: RowChangeMessage | TruncateMessage,
    tables: Callable[[int], TableShape],
    context: EventContext,
) -> list[ChangeEvent]:
    if message.tag == "insert":
        shape = tables(message.relation_id)
        after = row_image(shape, message.new_tuple)
        return [change_event(context, shape, "c", key_of(shape, after), None, after)]
    if message.tag == "update":
        shape = tables(message.relation_id)
        # pgoutput sends the old row only under REPLICA IDENTITY FULL, or when the key changed.
        before = row_image(shape, message.old.values) if message.old is not None else None
        # The old row, when there is one, fills in the TOASTed values the new row did not resend.
        after = row_image(shape, message.new_tuple, before)
        new_key = key_of(shape, after)
        old_key = key_of(shape, before) if before is not None else None
        if old_key is None or new_key is None or _same_json(old_key, new_key):
            return [change_event(context, shape, "u", new_key, before, after)]
        # A new key is a new Kafka key, perhaps in another partition: a compacted topic must
        # forget the old key (a delete, then its tombstone) and learn the new one (a create).
        return [
            change_event(context, shape, "d", old_key, before, None, {NEW_KEY_HEADER: new_key}),
            change_event(context, shape, "c", new_key, None, after, {OLD_KEY_HEADER: old_key}),
        ]
    if message.tag == "delete":
        shape = tables(message.relation_id)
        before = row_image(shape, message.old.values)
        return [change_event(context, shape, "d", key_of(shape, before), before, None)]
    # One Truncate may name several tables (TRUNCATE a, b, or CASCADE): one keyless event each.
    return [change_event(context, tables(relation_id), "t", None, None, None) for relation_id in message.relation_ids]


def change_event(
    context: EventContext,
    shape: TableShape,
    op: str,
    key: Row | None,
    before: Row | None,
    after: Row | None,
    headers: dict[str, Row] | None = None,
) -> ChangeEvent:
    """One event: the envelope in Debezium's field order, and the table and key it is routed by."""
    schema, table = shape.relation.namespace, shape.relation.name
    now_us = context.now_us
    value: dict[str, object] = {
        "before": before,
        "after": after,
        "source": source_block(context.settings, schema, table, context.position),
        # Only with provide.transaction.metadata=true, which the bridge does not emulate.
        "transaction": None,
        "op": op,
        # When the event was made (processing time); source.ts_ms says when the change committed.
        "ts_ms": now_us // 1000,
        "ts_us": now_us,
        "ts_ns": now_us * 1000,
    }
    return ChangeEvent(schema, table, key, value, headers if headers is not None else {})


def _same_json(a: Row, b: Row) -> bool:
    """Both keys come from the same columns in the same order, so equal values print equally."""
    return write_json(a) == write_json(b)
