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

from cdc_lab import todo

from envelope import ChangeEvent, Row
from json_text import write_json
from messages import RowChangeMessage, TruncateMessage
from row_image import row_image  # noqa: F401 - yours to use
from row_key import key_of  # noqa: F401 - yours to use
from source import ChangePosition, SourceSettings, source_block  # noqa: F401 - yours to use
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
    # TODO: turn one Insert, Update, Delete or Truncate (message.tag) into its events. For each
    #   kind: which op is it, what is `before` and what is `after` (row_image reads a tuple with
    #   the table's converters), and which key does the event carry? An Update may bring the old
    #   row or not: when does it, and what must happen when the old key and the new key differ?
    #   Why does a Truncate have no key?
    todo("shaping a change into events", "docs/04-kafka-bridge.md#from-pgoutput-to-a-change-event")


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
    # TODO: build the envelope, a dict field for field in Debezium's order (envelope.py lists
    #   it), and wrap it in a ChangeEvent with the table and key it is routed by. Two kinds of
    #   time meet here: which one belongs in `source` (source_block), and which one is the
    #   envelope's own ts_ms, ts_us, ts_ns?
    todo("building the envelope of an event", "docs/04-kafka-bridge.md#from-pgoutput-to-a-change-event")


def _same_json(a: Row, b: Row) -> bool:
    """Both keys come from the same columns in the same order, so equal values print equally."""
    return write_json(a) == write_json(b)
