import type pg from 'pg';
import {
  COLUMNS_SQL, PRIMARY_KEYS_SQL, USER_TYPES_SQL,
  type ColumnRow, type PrimaryKeyRow, type UserTypeRow,
} from '../envelope/index.ts';

export interface CatalogFacts {
  primaryKeys: PrimaryKeyRow[];
  userTypes: UserTypeRow[];
  columns: ColumnRow[];
}

/**
 * What a Relation message does not say but the event needs: each table's primary key (the
 * Kafka key), user types (enums, domains), and NOT NULL and defaults (what a null becomes).
 * Read over an ordinary connection, so the answers are as of now, not as of the change being
 * decoded. A column added later would already be known, which does no harm. A column dropped
 * since then is missing from the event, as in Debezium.
 */
export async function readCatalog(client: pg.ClientBase): Promise<CatalogFacts> {
  const [primaryKeys, userTypes, columns] = [
    await client.query<PrimaryKeyRow>(PRIMARY_KEYS_SQL),
    await client.query<UserTypeRow>(USER_TYPES_SQL),
    await client.query<ColumnRow>(COLUMNS_SQL),
  ];
  return { primaryKeys: primaryKeys.rows, userTypes: userTypes.rows, columns: columns.rows };
}
