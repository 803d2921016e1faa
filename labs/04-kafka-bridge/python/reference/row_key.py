"""The Kafka key of a row."""

from __future__ import annotations

from table_shape import TableShape


def key_of(shape: TableShape, row: dict[str, object]) -> dict[str, object] | None:
    """The key object from a row, or None if the table has no key."""
    # No key columns, a null key: the record may land in any partition, and compaction keeps nothing.
    if not shape.key_columns:
        return None
    # Key order, not table order: {"order_no":7,"line":1} must be the same bytes every time,
    # because the bytes pick the partition.
    return {name: row.get(name) for name in shape.key_columns}
