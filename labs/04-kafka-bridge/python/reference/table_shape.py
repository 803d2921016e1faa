"""Everything needed to turn a tuple of one table into JSON, worked out once per Relation
message rather than once per row: per column a converter (None: Debezium leaves the column out)
and what a null becomes, and the key columns."""

from __future__ import annotations

from dataclasses import dataclass

from absent_value import ColumnFacts, null_value_for
from catalog import ColumnRow
from messages import RelationMessage
from type_catalog import TypeCatalog
from value_convert import ValueConverter, converter_for


@dataclass(slots=True)
class ShapedColumn:
    name: str
    converter: ValueConverter | None
    null_value: object


@dataclass(slots=True)
class TableShape:
    relation: RelationMessage
    columns: list[ShapedColumn]
    key_columns: list[str]
    """Key columns in key order; empty means the events have a null key."""


def key_columns_for(relation: RelationMessage, primary_key: list[str] | None) -> list[str]:
    """The table's primary key from the catalog; without one, the replica identity's key flags
    (the primary key under DEFAULT, a unique index under USING INDEX), but not under FULL (they
    mark every column) or NOTHING (none)."""
    names = {column.name for column in relation.columns}
    if primary_key:
        # A key looked up now may have columns an older Relation message does not have yet.
        return [name for name in primary_key if name in names]
    if relation.replica_identity in ("f", "n"):
        return []
    return [column.name for column in relation.columns if column.is_key]


def table_shape(relation: RelationMessage, types: TypeCatalog, primary_key: list[str] | None,
                columns: dict[str, ColumnRow] | None, unknown_types: str) -> TableShape:
    shaped: list[ShapedColumn] = []
    for column in relation.columns:
        converter = converter_for(column.type_oid, column.typmod, types, unknown_types)
        facts = columns.get(column.name) if columns is not None else None
        null_value: object = None
        if converter is not None and facts is not None:
            type_ = types.get(column.type_oid)
            null_value = null_value_for(converter, ColumnFacts(
                type_name=type_.name if type_ is not None else "",
                is_enum=type_ is not None and type_.kind == "enum",
                typmod=column.typmod,
                not_null=facts.not_null,
                default_expression=facts.default_expression,
            ))
        shaped.append(ShapedColumn(column.name, converter, null_value))
    return TableShape(relation, shaped, key_columns_for(relation, primary_key))
