import type { CatalogFacts } from '@cdc-lab/04-kafka-bridge/capture';
import { tableKey, type PgType, type TypeCatalog } from '@cdc-lab/04-kafka-bridge/envelope';
import type { RelationMessage } from '@cdc-lab/04-kafka-bridge/pgoutput';
import { avroKindOf, type ColumnFacts } from './column-types.ts';
import { constantDefault } from './defaults.ts';

/**
 * The facts avroColumn needs about each column of a Relation message: its type named through
 * the type catalog (a domain followed down to its base type), and from the catalog NOT NULL and
 * the default, which the Relation message does not carry. Key columns are NOT NULL whatever
 * the catalog says.
 */
export function columnFacts(relation: RelationMessage, types: TypeCatalog, catalog: CatalogFacts, keyColumns: readonly string[]): ColumnFacts[] {
  const table = tableKey(relation.namespace, relation.name);
  const constraints = new Map(catalog.columns.filter((row) => tableKey(row.schema, row.table) === table).map((row) => [row.column, row]));
  return relation.columns.map((column) => {
    const { type, typmod } = resolveType(column.typeOid, column.typmod, types);
    const constraint = constraints.get(column.name);
    const notNull = keyColumns.includes(column.name) || constraint?.notNull === true;
    const facts: ColumnFacts = { name: column.name, type, typmod, notNull };
    const defaultValue = notNull ? constantDefault(avroKindOf(facts), constraint?.defaultExpression) : undefined;
    return defaultValue === undefined ? facts : { ...facts, defaultValue };
  });
}

/** Domains down to their base type; a domain's own modifier applies when the column has none. */
function resolveType(typeOid: number, typmod: number, types: TypeCatalog): { type: PgType | undefined; typmod: number } {
  let type = types.get(typeOid);
  let modifier = typmod;
  for (let depth = 0; type && depth < 16; depth += 1) {
    if (type.kind === 'domain' && type.baseOid !== undefined) {
      if (modifier < 0) modifier = type.baseTypmod ?? -1;
      type = types.get(type.baseOid);
    } else if (type.kind === 'named' && type.namespace === '') {
      // A Type message names a domain by its base type in pg_catalog.
      return { type: types.builtIn(type.name) ?? type, typmod: modifier };
    } else {
      break;
    }
  }
  return { type, typmod: modifier };
}
