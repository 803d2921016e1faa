"""The change event, field for field what Debezium's Postgres connector (3.0) writes with the JSON
converter and schemas disabled, in its field order:

  { "before": {…} | null, "after": {…} | null,
    "source": { "version", "connector", "name", "ts_ms", "snapshot", "db", "sequence",
                "ts_us", "ts_ns", "schema", "table", "txId", "lsn", "xmin" },
    "transaction": null, "op": "c" | "u" | "d" | "t" | "r", "ts_ms", "ts_us", "ts_ns" }

In Python the envelope is a plain dict: dicts keep insertion order, which is the field order,
and json_text.write_json prints it as Debezium does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The Debezium release whose output this envelope reproduces.
DEBEZIUM_VERSION = "3.0.8.Final"

Row = dict[str, object]


@dataclass(slots=True)
class ChangeEvent:
    """One event before it becomes Kafka records: which table, its key, its value."""

    schema: str
    table: str
    key: Row | None
    """The primary key columns as an object ({"id": 1}); None for truncates and keyless tables."""
    value: dict[str, object]
    """The envelope."""
    headers: dict[str, Row] = field(default_factory=dict)
    """When an UPDATE changes the key: the other key, under __debezium.oldkey or __debezium.newkey."""
