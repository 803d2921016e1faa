"""One row as the JSON object of ``before`` or ``after``: every column of the table in table
order, except those Debezium leaves out (types it does not map).

``previous`` is the old row of the same change, if it has one. An unchanged TOASTed value in
the new row takes the old row's value when the old row has it (under REPLICA IDENTITY FULL it
does) and Debezium's placeholder otherwise.
"""

from __future__ import annotations

from errors import ReplicationError
from messages import TupleValue
from table_shape import TableShape


def row_image(shape: TableShape, values: list[TupleValue], previous: dict[str, object] | None = None) -> dict[str, object]:
    columns = shape.columns
    if len(values) != len(columns):
        relation = shape.relation
        raise ReplicationError(
            f"a row of {relation.namespace}.{relation.name} has {len(values)} columns, but its Relation message lists {len(columns)}",
            hint="a change is always preceded by the Relation message for its table shape; a mismatch means a Relation "
            "message was missed or applied to the wrong table",
        )
    row: dict[str, object] = {}
    for column, value in zip(columns, values):
        converter = column.converter
        if converter is None:
            continue
        kind = value.kind
        if kind == "text":
            row[column.name] = converter.from_text(value.text)  # type: ignore[union-attr]
        elif kind == "null":
            # Null, unless a default or NOT NULL says otherwise (absent_value.py).
            row[column.name] = column.null_value
        elif kind == "unchanged-toast":
            old = previous.get(column.name) if previous is not None else None
            row[column.name] = converter.unavailable if old is None else old
        else:
            raise ReplicationError(
                f"column {column.name} arrived in binary format",
                hint="start replication without the binary 'true' option: the converters read the text format",
            )
    return row
