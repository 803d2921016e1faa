import type pg from 'pg';
import type { BlockRef } from './wal-record.ts';

/**
 * The WAL names relations by their file, not by their name: `rel 1663/16384/16385` is
 * tablespace 1663 (pg_default), database 16384, relfilenode 16385 — the file
 * base/16384/16385 in the data directory. Translating back asks pg_class, in the database the
 * record belongs to:
 *
 *   - the file name is pg_class.relfilenode, except for the catalogs that are "mapped"
 *     (pg_class itself, …) whose relfilenode column is 0: pg_relation_filenode(oid) knows both;
 *   - pg_class.reltablespace is 0 for "the database's default tablespace", which the WAL
 *     spells out (1663), so that is compared through pg_database.dattablespace;
 *   - the catalogs shared by all databases have database oid 0 and are visible from any one.
 *
 * A relfilenode changes when a table is rewritten (TRUNCATE, VACUUM FULL, some ALTER TABLEs)
 * and disappears when it is dropped; such records stay unnamed. Each file is looked up once.
 */
export class RelationNames {
  private readonly cache = new Map<string, Promise<string | undefined>>();

  constructor(private readonly client: pg.Client, private readonly database: { oid: number; name: string }) {}

  nameOf(ref: BlockRef): Promise<string | undefined> {
    const key = `${ref.tablespace}/${ref.database}/${ref.relfilenode}`;
    let name = this.cache.get(key);
    if (!name) {
      name = this.lookUp(ref);
      this.cache.set(key, name);
    }
    return name;
  }

  private async lookUp(ref: BlockRef): Promise<string | undefined> {
    if (ref.database !== this.database.oid && ref.database !== 0) return this.otherDatabase(ref.database);
    const result = await this.client.query<{ name: string }>(
      `SELECT format('%s.%s', quote_ident(n.nspname), quote_ident(c.relname)) AS name
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE pg_relation_filenode(c.oid) = $1
          AND coalesce(nullif(c.reltablespace, 0), (SELECT dattablespace FROM pg_database WHERE datname = current_database())) = $2`,
      [ref.relfilenode, ref.tablespace],
    );
    return result.rows[0]?.name ?? 'unknown: dropped or rewritten since';
  }

  private async otherDatabase(oid: number): Promise<string> {
    const result = await this.client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE oid = $1', [oid]);
    return `in database ${result.rows[0]?.datname ?? oid}`;
  }
}
