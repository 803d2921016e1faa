import { check, fail, type Stage } from '@cdc-lab/grading';
import { decodeWith, splitFrame } from '../support/avro-read.ts';
import { runCommand, startBridge, stageRegistry, topicOf } from '../support/bridge.ts';
import { recordCount, waitForRecords } from '../support/kafka-records.ts';

const DOCS = 'docs/08-avro-registry.md#when-the-registry-says-no';

/**
 * A change BACKWARD forbids (integer → text): the registry refuses the schema, and the bridge
 * stops with an error naming the subject and the rule — having produced nothing of that
 * transaction and confirmed nothing past it. Once the subject's rule is relaxed, the next run
 * delivers the transaction the slot held.
 */
export const incompatibleChange: Stage = {
  slug: 'incompatible-change',
  title: 'stops at a schema the registry refuses, confirms nothing past it, delivers it once allowed',
  docs: DOCS,
  timeoutMs: 90_000,
  async run(ctx) {
    const registry = stageRegistry(ctx);
    await ctx.db.query('CREATE TABLE "stock" ("id" integer PRIMARY KEY, "count" integer)');
    const bridge = await startBridge(ctx);
    await ctx.db.query('INSERT INTO "stock" VALUES (1, 10)');
    const topic = topicOf(ctx, 'stock');
    const subject = `${topic}-value`;
    await waitForRecords(ctx, bridge, topic, 1, 'the insert before the type change');
    await ctx.db.query('ALTER TABLE "stock" ALTER COLUMN "count" TYPE text');
    const before = (await ctx.db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn;
    const count = `many-${ctx.random.int(10, 99)}`;
    await ctx.db.query('INSERT INTO "stock" VALUES (2, $1)', [count]);

    // Stop, or deliver anyway: whichever comes first tells.
    const deadline = Date.now() + 30_000;
    while (!bridge.hasExited && Date.now() < deadline && (await recordCount(ctx, topic)) < 2) await new Promise((resolve) => setTimeout(resolve, 250));
    check(bridge.hasExited, {
      expected: 'the bridge to stop at the refused schema',
      got: (await recordCount(ctx, topic)) >= 2 ? 'the refused transaction delivered anyway, while the bridge kept running' : 'it kept running for 30 s',
      hint: 'an incompatible schema is refused with HTTP 409: stop, and do not produce or confirm anything of that transaction',
      transcript: bridge.transcript(),
    });
    const exit = await bridge.exited;
    const said = [...bridge.errorLines, ...bridge.lines].join('\n');
    check(exit.code !== 0 && said.includes(subject) && /BACKWARD/.test(said), {
      expected: `a non-zero exit with an error naming the subject ${subject} and the rule BACKWARD`,
      got: `exit ${exit.code ?? exit.signal}`,
      hint: 'the registry\'s own message differs between registries; read the rule from GET /config/<subject> and say it yourself',
      transcript: bridge.transcript(),
    });
    const held = await recordCount(ctx, topic);
    check(held === 1, { expected: `no record of the refused transaction in ${topic} (1 record in all)`, got: `${held} records`, hint: 'nothing of a transaction may be produced before all its schemas are registered' });
    const slot = (await ctx.db.query<{ confirmed: string; behind: boolean }>(
      'SELECT confirmed_flush_lsn::text AS confirmed, confirmed_flush_lsn <= $1::pg_lsn AS behind FROM pg_replication_slots WHERE slot_name = $2', [before, ctx.names.slot])).rows[0];
    check(slot?.behind === true, {
      expected: `the slot confirmed no further than ${before}, before the refused transaction`,
      got: slot ? `confirmed_flush_lsn ${slot.confirmed}` : 'no slot',
      hint: 'the refused transaction must stay in the slot, so that it is delivered once the conflict is resolved',
    });

    await runCommand(ctx, ['compatibility', subject, 'NONE'], `compatibility ${subject} NONE`);
    const again = await startBridge(ctx);
    const records = await waitForRecords(ctx, again, topic, 2, 'the held transaction, delivered after the rule was relaxed');
    const frame = splitFrame(records[1]!.value!);
    const schema = frame ? await registry.schemaById(frame.id) : undefined;
    if (!frame || !schema) fail({ expected: 'the delivered record in the wire format, with a registered schema id', got: records[1]!.value?.subarray(0, 6).toString('hex') ?? 'null' });
    const after = decodeWith(frame.body, schema).after;
    check(after?.id === 2 && after?.count === count, {
      expected: `the held row: id 2, count ${JSON.stringify(count)} as a string`,
      got: JSON.stringify(after),
    });
  },
};
