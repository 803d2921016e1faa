import { fail, TestDatabase, waitFor, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../grading/bridge-run.ts';
import { topicOf, waitForRecords } from '../grading/kafka-watch.ts';
import { commit, createUsers, insertUser } from '../grading/workload.ts';

const MB = 1024 * 1024;
/** WAL written elsewhere while the bridge's table is quiet: another table, another database. */
const NOISE_BYTES = 64 * MB;
/** What the slot may still hold once the bridge has confirmed the keepalives that followed. */
const BOUND_BYTES = 16 * MB;

/**
 * A bridge whose tables are quiet while the rest of the server writes. Its own transactions
 * are the only positions it confirms from data; everything else reaches it only as keepalives.
 * Confirming a keepalive's position once caught up is what lets the slot's restart LSN follow
 * the server; without it the slot holds all of that WAL back, for as long as its tables stay
 * quiet. Run on a Postgres of its own: other tests' open transactions would hold the restart
 * LSN back on a shared server, whatever the bridge confirms.
 */
export const quietTables: Stage = {
  slug: 'quiet-tables',
  extension: true,
  title: 'while 64 MB of WAL are written to other tables and another database, a bridge with quiet tables keeps its slot\'s retained WAL under 16 MB',
  docs: 'docs/04-kafka-bridge.md#quiet-tables',
  timeoutMs: 120_000,
  async run(ctx) {
    const stack = await ctx.privateStack(['postgres']);
    const db = await TestDatabase.create(stack.env.DATABASE_URL!, ctx.names.database);
    ctx.onCleanup(() => db.drop());
    const elsewhere = await TestDatabase.create(stack.env.DATABASE_URL!, `${ctx.names.database}_other`);
    ctx.onCleanup(() => elsewhere.drop());
    await createUsers(db);
    await db.query('CREATE TABLE "public"."audit" ("id" bigint PRIMARY KEY, "body" text NOT NULL)');
    await elsewhere.query('CREATE TABLE "public"."events" ("id" bigint PRIMARY KEY, "body" text NOT NULL)');

    const run = await BridgeRun.start(ctx, { args: ['--tables', 'users', '--status-interval', '1000'], env: { DATABASE_URL: db.url } });
    await commit(db, [insertUser(1, 'Ada')]);
    await waitForRecords(ctx.kafka(), run, topicOf(ctx.names.topicPrefix, 'public', 'users'), 1, { what: 'the one change of the captured table' });

    // The noise, half in a table outside the publication, half in another database, in
    // transactions of about 4 MB. Checkpoints log the running transactions, which is what lets
    // logical decoding move a slot's restart LSN.
    const before = await currentLsn(db);
    const rows = Math.ceil(NOISE_BYTES / 2 / 1100);
    for (const [target, table] of [[db, 'audit'], [elsewhere, 'events']] as const) {
      for (let from = 1; from <= rows; from += 4_000) {
        await target.query(`INSERT INTO "public"."${table}" SELECT g, repeat(md5(g::text), 32) FROM generate_series($1::bigint, $2::bigint) AS g`, [from, Math.min(from + 3_999, rows)]);
      }
    }
    const written = Number((await db.query<{ bytes: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::bigint::text AS bytes', [before])).rows[0]!.bytes);
    if (written < NOISE_BYTES * 0.75) fail({ expected: `${NOISE_BYTES / MB} MB of WAL written elsewhere`, got: `${(written / MB).toFixed(1)} MB`, hint: 'the stage\'s own writes came short', docs: ctx.stage.docs });

    let last = await retained(db, run.slot);
    await waitFor(run, async () => {
      // A running-transactions record after the confirmed position is what moves the restart LSN.
      await db.query('CHECKPOINT');
      last = await retained(db, run.slot);
      return last.bytes < BOUND_BYTES ? true : undefined;
    }, {
      expected: `the slot's retained WAL (pg_current_wal_lsn() − restart_lsn) under ${BOUND_BYTES / MB} MB within 25 s of ${NOISE_BYTES / MB} MB written elsewhere`,
      got: () => `${(last.bytes / MB).toFixed(1)} MB retained (confirmed_flush_lsn ${last.confirmed}, restart_lsn ${last.restart})`,
      hint: 'nothing of that WAL is for the bridge, and Postgres says so with keepalives: once every change received has been acknowledged by Kafka and confirmed, confirm the keepalive\'s position too',
      docs: ctx.stage.docs,
      timeoutMs: 25_000,
    });
    await commit(db, [insertUser(2, 'Grace')]);
    await waitForRecords(ctx.kafka(), run, topicOf(ctx.names.topicPrefix, 'public', 'users'), 2, { what: 'a change of the captured table after the noise' });
  },
};

async function currentLsn(db: TestDatabase): Promise<string> {
  return (await db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn;
}

async function retained(db: TestDatabase, slot: string): Promise<{ bytes: number; confirmed: string; restart: string }> {
  const result = await db.query<{ bytes: string | null; confirmed: string | null; restart: string | null }>(
    'SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint::text AS bytes, confirmed_flush_lsn::text AS confirmed, restart_lsn::text AS restart FROM pg_replication_slots WHERE slot_name = $1',
    [slot],
  );
  const row = result.rows[0];
  return { bytes: Number(row?.bytes ?? 0), confirmed: row?.confirmed ?? '-', restart: row?.restart ?? '-' };
}
