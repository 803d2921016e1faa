import crypto from 'node:crypto';
import { check, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../grading/bridge-run.ts';
import { describeRecords, topicOf, waitForRecords } from '../grading/kafka-watch.ts';
import { commit } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#null-defaults-and-toast';
const PLACEHOLDER = '__debezium_unavailable_value';

/** md5 of 1..300 concatenated: 9,600 characters, computed here the way the SQL builds it. */
const BIG = Array.from({ length: 300 }, (_, index) => crypto.createHash('md5').update(String(index + 1)).digest('hex')).join('');
const BIG_SQL = "(SELECT string_agg(md5(i::text), '' ORDER BY i) FROM generate_series(1, 300) AS i)";

/**
 * A big value is stored out of line (TOAST), and an UPDATE that leaves it alone does not send
 * it again: pgoutput marks it "unchanged". Under REPLICA IDENTITY DEFAULT nothing else knows
 * it, and Debezium writes a placeholder; under FULL the old row carries it, and `after` takes
 * it from there.
 */
export const toast: Stage = {
  slug: 'toast',
  extension: true,
  title: 'an unchanged TOASTed value becomes the placeholder under REPLICA IDENTITY DEFAULT and the old value under FULL',
  docs: DOCS,
  async run(ctx) {
    const run = await BridgeRun.start(ctx);
    for (const table of ['toasty', 'toasty_full']) {
      await ctx.db.query(`CREATE TABLE ${table} (id integer PRIMARY KEY, counter integer NOT NULL, big text)`);
      // EXTERNAL: out of line and uncompressed, so the value is TOASTed whatever its content.
      await ctx.db.query(`ALTER TABLE ${table} ALTER COLUMN big SET STORAGE EXTERNAL`);
    }
    await ctx.db.query('ALTER TABLE toasty_full REPLICA IDENTITY FULL');
    await commit(ctx.db, [`INSERT INTO toasty VALUES (1, 1, ${BIG_SQL})`, `INSERT INTO toasty_full VALUES (1, 1, ${BIG_SQL})`]);
    await commit(ctx.db, ['UPDATE toasty SET counter = 2', 'UPDATE toasty_full SET counter = 2']);

    const plain = await waitForRecords(ctx.kafka(), run, topicOf(ctx.names.topicPrefix, 'public', 'toasty'), 2, { what: 'the insert and the update of toasty' });
    const full = await waitForRecords(ctx.kafka(), run, topicOf(ctx.names.topicPrefix, 'public', 'toasty_full'), 2, { what: 'the insert and the update of toasty_full' });
    const inserted = plain[0]?.event?.after?.big;
    check(inserted === BIG, {
      expected: 'the insert to carry the whole 9,600-character value',
      got: typeof inserted === 'string' ? `${inserted.length} characters` : JSON.stringify(inserted),
      docs: DOCS,
    });

    const update = plain[1]?.event;
    check(update?.op === 'u' && update.before === null && update.after?.counter === 2 && update.after.big === PLACEHOLDER, {
      expected: `toasty's update (REPLICA IDENTITY DEFAULT): before null, after.counter 2, after.big "${PLACEHOLDER}"`,
      got: `${describeRecords(plain)}; before ${JSON.stringify(update?.before)}, after.big ${JSON.stringify(update?.after?.big)?.slice(0, 60)}`,
      hint: "a column of kind 'u' (unchanged TOASTed value) was not sent; with no old row to take it from, write Debezium's placeholder",
      docs: DOCS,
    });

    const fullUpdate = full[1]?.event;
    check(fullUpdate?.op === 'u' && fullUpdate.before?.big === BIG && fullUpdate.before.counter === 1 && fullUpdate.after?.big === BIG && fullUpdate.after.counter === 2, {
      expected: "toasty_full's update (REPLICA IDENTITY FULL): before the whole old row, after.big the old value (not the placeholder)",
      got: `${describeRecords(full)}; before.counter ${JSON.stringify(fullUpdate?.before?.counter)}, before.big ${describe(fullUpdate?.before?.big)}, after.big ${describe(fullUpdate?.after?.big)}`,
      hint: "under FULL the old row arrives with every value: an unchanged TOASTed column of the new row takes the old row's value",
      docs: DOCS,
    });
  },
};

function describe(value: unknown): string {
  if (value === BIG) return 'the old value';
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : JSON.stringify(value);
}
