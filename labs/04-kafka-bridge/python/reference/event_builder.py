"""The stream side of shaping: feed it every decoded message in order, with the LSN it arrived
with, and it returns the events of the changes among them. It remembers what a change alone
does not carry: the table shapes (Relation, Type), the transaction around the change (Begin:
xid and commit time) and where the previous transaction ended (Commit), which Debezium reports
in ``source.sequence``."""

from __future__ import annotations

import time
from typing import Callable

from catalog import CatalogFacts, ColumnRow, column_map, primary_key_map, table_key
from envelope import DEBEZIUM_VERSION, ChangeEvent
from errors import ReplicationError
from messages import PgoutputMessage, RelationMessage
from shape import EventContext, shape_change
from source import ChangePosition, SourceSettings
from table_shape import TableShape, table_shape
from type_catalog import TypeCatalog


def system_clock_micros() -> int:
    return time.time_ns() // 1000


class ChangeEventBuilder:
    def __init__(
        self,
        topic_prefix: str,
        database: str,
        catalog: CatalogFacts | None = None,
        clock: Callable[[], int] = system_clock_micros,
        unknown_types: str = "omit",
    ) -> None:
        self._settings = SourceSettings(topic_prefix, database, DEBEZIUM_VERSION)
        self._relations: dict[int, RelationMessage] = {}
        self._types = TypeCatalog()
        self._shapes: dict[int, TableShape] = {}
        self._primary_keys: dict[str, list[str]] | None = None
        self._columns: dict[str, dict[str, ColumnRow]] | None = None
        self._transaction: tuple[int, int] | None = None  # (xid, commit time)
        self._last_commit: int | None = None
        self._clock = clock
        self._unknown_types = unknown_types
        if catalog is not None:
            self.update_catalog(catalog)

    @property
    def last_commit_lsn(self) -> int | None:
        return self._last_commit

    def accept(self, message: PgoutputMessage, wal_lsn: int) -> list[ChangeEvent]:
        tag = message.tag
        if tag == "begin":
            self._transaction = (message.xid, message.commit_time_us)  # type: ignore[union-attr]
            return []
        if tag == "commit":
            # The Commit arrives at the end of its transaction: what the next one reports as "last commit".
            self._last_commit = wal_lsn
            self._transaction = None
            return []
        if tag == "relation":
            self._relations[message.relation_id] = message  # type: ignore[union-attr,assignment]
            return []
        if tag == "type":
            self._types.learn(message)  # type: ignore[arg-type]
            return []
        if tag in ("origin", "message"):
            # Origins only say where a replayed transaction came from; logical messages are lab 7's.
            return []
        if self._transaction is None:
            raise ReplicationError(
                f"a {tag} arrived outside a transaction",
                hint="every change comes between a Begin and a Commit: feed the builder every message of the stream, in order",
            )
        xid, commit_time_us = self._transaction
        position = ChangePosition(wal_lsn, self._last_commit, xid, commit_time_us)
        context = EventContext(self._settings, position, self._clock())
        return shape_change(message, self._shape_of, context)  # type: ignore[arg-type]

    def update_catalog(self, catalog: CatalogFacts) -> None:
        """Catalog answers can change (a new enum, a new key): call after re-running the queries."""
        self._primary_keys = primary_key_map(catalog.primary_keys)
        self._types.add_user_types(catalog.user_types)
        self._columns = column_map(catalog.columns)
        # Shapes hold converters and keys chosen with the old answers.
        self._shapes.clear()

    def _shape_of(self, relation_id: int) -> TableShape:
        relation = self._relations.get(relation_id)
        if relation is None:
            raise ReplicationError(
                f"a change refers to relation OID {relation_id}, but no Relation message for it has been seen",
                hint="Relation messages arrive once per replication session, before the first change of each table: "
                "decode every message from the start of the session",
            )
        cached = self._shapes.get(relation_id)
        if cached is not None and cached.relation is relation:
            return cached
        table = table_key(relation.namespace, relation.name)
        primary_key = self._primary_keys.get(table) if self._primary_keys is not None else None
        columns = self._columns.get(table) if self._columns is not None else None
        shape = table_shape(relation, self._types, primary_key, columns, self._unknown_types)
        self._shapes[relation_id] = shape
        return shape
