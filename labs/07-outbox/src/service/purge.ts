import { withClient } from '../database.ts';
import { ensureServiceSchema, OUTBOX_TABLE, qualified } from '../schema.ts';
import type { Command } from '../settings.ts';

/**
 * The periodic clean-up: delete outbox rows older than a given age. It is safe whether or not
 * the relay has read them yet — the relay reads the WAL, where each insert stays until the
 * slot has confirmed it, not the table. (A relay that polled the table would lose every row
 * purged before it got there.) The deletes reach the relay too, which ignores them.
 */
export async function purge(command: Extract<Command, { kind: 'purge' }>): Promise<void> {
  await withClient(command.connectionString, async (client) => {
    await ensureServiceSchema(client);
    const result = await client.query<{ cutoff: string; count: string }>(
      `WITH "purged" AS (
         DELETE FROM ${qualified(OUTBOX_TABLE)} WHERE "created_at" < now() - $1::bigint * interval '1 millisecond' RETURNING 1
       )
       SELECT (now() - $1::bigint * interval '1 millisecond')::text AS "cutoff", (SELECT count(*) FROM "purged")::text AS "count"`,
      [command.olderThanMs],
    );
    const row = result.rows[0]!;
    console.log(`purged ${row.count} outbox row(s) created before ${row.cutoff} (older than ${command.olderThan})`);
  });
}
