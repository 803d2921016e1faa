/**
 * What the stream cannot tell us and the database can. pgoutput names a user-defined type (a
 * Type message) but not whether it is an enum or a domain over numeric; it marks replica
 * identity columns, which under REPLICA IDENTITY FULL are all columns, not the primary key;
 * it says nothing of NOT NULL or defaults, which decide what a missing value becomes.
 * Debezium looks both up in the catalog; so does the bridge, once at start and after a
 * Relation message for a table it has not seen. These are the queries and their row shapes;
 * running them is the program's job (this module stays free of connections).
 */

/** One user-defined type (OID ≥ 16384): enums with their labels, domains with their base type, arrays with their element. */
export interface UserTypeRow {
  oid: number;
  namespace: string;
  name: string;
  /** pg_type.typtype: b base, e enum, d domain, r range, m multirange, c composite, p pseudo. */
  kind: string;
  /** pg_type.typcategory: 'A' for arrays (whose typtype says only 'b'). */
  category: string;
  elementOid: number;
  baseOid: number;
  baseTypmod: number;
  enumLabels: string[];
}

export const USER_TYPES_SQL = `
SELECT t.oid AS "oid", n.nspname AS "namespace", t.typname AS "name", t.typtype::text AS "kind", t.typcategory::text AS "category",
       t.typelem AS "elementOid", t.typbasetype AS "baseOid", t.typtypmod AS "baseTypmod",
       ARRAY(SELECT e.enumlabel::text FROM pg_enum AS e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS "enumLabels"
  FROM pg_type AS t
  JOIN pg_namespace AS n ON n.oid = t.typnamespace
 WHERE t.oid >= 16384 AND t.typrelid = 0
 ORDER BY t.oid`;

/** One table's primary key, columns in key order. */
export interface PrimaryKeyRow {
  schema: string;
  table: string;
  columns: string[];
}

export const PRIMARY_KEYS_SQL = `
SELECT n.nspname AS "schema", c.relname AS "table",
       array_agg(a.attname::text ORDER BY k.ord) AS "columns"
  FROM pg_index AS i
  JOIN pg_class AS c ON c.oid = i.indrelid
  JOIN pg_namespace AS n ON n.oid = c.relnamespace
 CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
  JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum = k.attnum
 WHERE i.indisprimary AND c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
 GROUP BY n.nspname, c.relname
 ORDER BY 1, 2`;

/** One column's constraints: whether it may be null, and its default (as pg_get_expr prints it). */
export interface ColumnRow {
  schema: string;
  table: string;
  column: string;
  notNull: boolean;
  defaultExpression: string | null;
}

/*
 * NOT NULL counts a domain's NOT NULL too, as the JDBC driver's getColumns() does. Generated
 * columns keep their expression in pg_attrdef as well; it is not a default.
 * pg_get_expr prints constants in the session's DateStyle: run this with DateStyle ISO.
 */
export const COLUMNS_SQL = `
SELECT n.nspname AS "schema", c.relname AS "table", a.attname::text AS "column",
       (a.attnotnull OR (t.typtype = 'd' AND t.typnotnull)) AS "notNull",
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS "defaultExpression"
  FROM pg_attribute AS a
  JOIN pg_class AS c ON c.oid = a.attrelid
  JOIN pg_namespace AS n ON n.oid = c.relnamespace
  JOIN pg_type AS t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p')
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
 ORDER BY 1, 2, a.attnum`;

/** Column constraints by `schema.table`, then by column name. */
export function columnMap(rows: readonly ColumnRow[]): Map<string, Map<string, ColumnRow>> {
  const tables = new Map<string, Map<string, ColumnRow>>();
  for (const row of rows) {
    const key = tableKey(row.schema, row.table);
    let columns = tables.get(key);
    if (!columns) tables.set(key, (columns = new Map()));
    columns.set(row.column, row);
  }
  return tables;
}

/** Primary keys by `schema.table`, the form the envelope builder looks them up in. */
export function primaryKeyMap(rows: readonly PrimaryKeyRow[]): Map<string, readonly string[]> {
  return new Map(rows.map((row) => [tableKey(row.schema, row.table), row.columns]));
}

export function tableKey(schema: string, table: string): string {
  return `${schema}.${table}`;
}
