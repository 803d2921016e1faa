"""What the stream cannot tell us and the database can.

pgoutput names a user-defined type but not whether it is an enum or a domain; it marks replica
identity columns, which under REPLICA IDENTITY FULL are all columns, not the primary key; it
says nothing of NOT NULL or defaults, which decide what a missing value becomes. Debezium looks
them up in the catalog; so does the bridge, at start and after each Relation message. These
are the queries and their rows; read_catalog runs them over the ordinary SQL connection.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class UserTypeRow:
    oid: int
    namespace: str
    name: str
    kind: str
    """pg_type.typtype: b base, e enum, d domain, r range, m multirange, c composite, p pseudo."""
    category: str
    """pg_type.typcategory: 'A' for arrays."""
    element_oid: int
    base_oid: int
    base_typmod: int
    enum_labels: list[str]


USER_TYPES_SQL = """
SELECT t.oid::bigint, n.nspname, t.typname::text, t.typtype::text, t.typcategory::text,
       t.typelem::bigint, t.typbasetype::bigint, t.typtypmod,
       ARRAY(SELECT e.enumlabel::text FROM pg_enum AS e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
  FROM pg_type AS t
  JOIN pg_namespace AS n ON n.oid = t.typnamespace
 WHERE t.oid >= 16384 AND t.typrelid = 0
 ORDER BY t.oid"""


@dataclass(slots=True)
class PrimaryKeyRow:
    schema: str
    table: str
    columns: list[str]
    """In key order."""


PRIMARY_KEYS_SQL = """
SELECT n.nspname::text, c.relname::text, array_agg(a.attname::text ORDER BY k.ord)
  FROM pg_index AS i
  JOIN pg_class AS c ON c.oid = i.indrelid
  JOIN pg_namespace AS n ON n.oid = c.relnamespace
 CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
  JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum = k.attnum
 WHERE i.indisprimary AND c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
 GROUP BY n.nspname, c.relname
 ORDER BY 1, 2"""


@dataclass(slots=True)
class ColumnRow:
    schema: str
    table: str
    column: str
    not_null: bool
    default_expression: str | None
    """pg_get_expr of the column default, as Debezium reads it."""


# NOT NULL counts a domain's NOT NULL too, as the JDBC driver's getColumns() does. A generated
# column's expression is not a default. pg_get_expr prints constants in the session's DateStyle.
COLUMNS_SQL = """
SELECT n.nspname::text, c.relname::text, a.attname::text,
       (a.attnotnull OR (t.typtype = 'd' AND t.typnotnull)),
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END
  FROM pg_attribute AS a
  JOIN pg_class AS c ON c.oid = a.attrelid
  JOIN pg_namespace AS n ON n.oid = c.relnamespace
  JOIN pg_type AS t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p')
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
 ORDER BY 1, 2, a.attnum"""


@dataclass(slots=True)
class CatalogFacts:
    primary_keys: list[PrimaryKeyRow]
    user_types: list[UserTypeRow]
    columns: list[ColumnRow]


def read_catalog(connection: Any) -> CatalogFacts:
    """Keys, user types, NOT NULL and defaults, as of now (a psycopg connection in autocommit)."""
    with connection.cursor() as cursor:
        cursor.execute(PRIMARY_KEYS_SQL)
        keys = [PrimaryKeyRow(*row) for row in cursor.fetchall()]
        cursor.execute(USER_TYPES_SQL)
        types = [UserTypeRow(*row) for row in cursor.fetchall()]
        cursor.execute(COLUMNS_SQL)
        columns = [ColumnRow(*row) for row in cursor.fetchall()]
    return CatalogFacts(keys, types, columns)


def table_key(schema: str, table: str) -> str:
    return f"{schema}.{table}"


def column_map(rows: list[ColumnRow]) -> dict[str, dict[str, ColumnRow]]:
    """Column constraints by ``schema.table``, then by column name."""
    tables: dict[str, dict[str, ColumnRow]] = {}
    for row in rows:
        tables.setdefault(table_key(row.schema, row.table), {})[row.column] = row
    return tables


def primary_key_map(rows: list[PrimaryKeyRow]) -> dict[str, list[str]]:
    return {table_key(row.schema, row.table): list(row.columns) for row in rows}
