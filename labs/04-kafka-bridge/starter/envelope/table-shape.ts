import type { JsonValue } from '../json/write-json.ts';
import type { RelationMessage } from '../pgoutput/messages.ts';
import type { ColumnRow } from './catalog.ts';
import type { TypeCatalog } from './type-catalog.ts';
import { nullValueFor } from './values/absent-value.ts';
import { converterFor, type UnknownTypePolicy, type ValueConverter } from './values/convert.ts';

/**
 * Everything needed to turn a tuple of this table into JSON, worked out once per Relation
 * message rather than once per row: per column a converter (null = Debezium leaves the column
 * out) and what a null becomes (see absent-value.ts), and the key columns.
 */
export interface TableShape {
  relation: RelationMessage;
  columns: { name: string; converter: ValueConverter | null; nullValue: JsonValue }[];
  /** Key columns in key order; empty means the events have a null key. */
  keyColumns: readonly string[];
}

/** What the catalog said about one table; undefined members mean nobody asked. */
export interface TableCatalogFacts {
  /** The primary key, or null if the table has none. */
  primaryKey?: readonly string[] | null;
  /** NOT NULL and DEFAULT per column name. */
  columns?: ReadonlyMap<string, ColumnRow>;
}

/**
 * Which columns form the Kafka key. Debezium uses the table's primary key, looked up in the
 * catalog. Without a catalog answer, the Relation message's key flags are the next best thing
 * — they mark the replica identity, which is the primary key under REPLICA IDENTITY DEFAULT
 * and a unique index under USING INDEX — but under FULL they mark every column, and under
 * NOTHING none, so those two get no key.
 */
export function keyColumnsFor(relation: RelationMessage, primaryKey: readonly string[] | null | undefined): readonly string[] {
  const names = new Set(relation.columns.map((column) => column.name));
  // A key looked up now may have columns an older Relation message does not have yet.
  if (primaryKey) return primaryKey.filter((name) => names.has(name));
  if (relation.replicaIdentity === 'f' || relation.replicaIdentity === 'n') return [];
  return relation.columns.filter((column) => column.isKey).map((column) => column.name);
}

export function tableShape(relation: RelationMessage, types: TypeCatalog, catalog: TableCatalogFacts, unknownTypes: UnknownTypePolicy): TableShape {
  return {
    relation,
    columns: relation.columns.map((column) => {
      const converter = converterFor(column.typeOid, column.typmod, types, unknownTypes);
      const facts = catalog.columns?.get(column.name);
      const type = types.get(column.typeOid);
      const nullValue = converter && facts
        ? nullValueFor(converter, { typeName: type?.name ?? '', isEnum: type?.kind === 'enum', typmod: column.typmod, notNull: facts.notNull, defaultExpression: facts.defaultExpression })
        : null;
      return { name: column.name, converter, nullValue };
    }),
    keyColumns: keyColumnsFor(relation, catalog.primaryKey),
  };
}
