"""The Kafka key of a row."""

from __future__ import annotations

from cdc_lab import todo

from table_shape import TableShape


def key_of(shape: TableShape, row: dict[str, object]) -> dict[str, object] | None:
    """The key object from a row, or None if the table has no key."""
    # TODO: the Kafka key of a row: a dict of the key columns (shape.key_columns) and their
    #   values in the row. In which order must the columns come, and why does it matter to the
    #   partition? What is the key of a table without key columns?
    todo("building the key of a row", "docs/04-kafka-bridge.md#keys-topics-and-tombstones")
