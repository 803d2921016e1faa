import { check, commitRecordOf, commitTransaction, confirmsTransaction, fail, slotState, waitForSlotReleased, type Stage } from '@cdc-lab/grading';
import { type Decoded, decodeWith, splitFrame } from '../support/avro-read.ts';
import { lineFormats } from '../contract.ts';
import { runCommand, startBridge, stageRegistry, topicOf } from '../support/bridge.ts';
import { recordCount, waitForRecords, type RawRecord } from '../support/kafka-records.ts';
import type { GraderRegistry } from '../support/registry.ts';

const DOCS = 'docs/08-avro-registry.md#when-the-registry-says-no';

/**
 * A change BACKWARD forbids (integer → text): the registry refuses the schema, and the bridge
 * stops with an error naming the subject and the rule — having produced no record of the
 * refused change and confirmed nothing past its transaction. The transaction's earlier change
 * (of another table, whose schema is fine) may already be in Kafka: that is at least once, as
 * in lab 4. Once the subject's rule is relaxed, the next run delivers every change of the
 * transaction the slot held.
 */
export const incompatibleChange: Stage = {
  slug: 'incompatible-change',
  title: 'stops at a schema the registry refuses, confirms nothing past it, delivers it once allowed',
  docs: DOCS,
  timeoutMs: 90_000,
  async run(ctx) {
    const registry = stageRegistry(ctx);
    await ctx.db.query('CREATE TABLE "stock" ("id" integer PRIMARY KEY, "count" integer)');
    await ctx.db.query('CREATE TABLE "moves" ("id" integer PRIMARY KEY, "note" text)');
    const bridge = await startBridge(ctx);
    await ctx.db.query('INSERT INTO "stock" VALUES (1, 10)');
    const topic = topicOf(ctx, 'stock');
    const movesTopic = topicOf(ctx, 'moves');
    const subject = `${topic}-value`;
    await waitForRecords(ctx, bridge, topic, 1, 'the insert before the type change');
    await ctx.db.query('ALTER TABLE "stock" ALTER COLUMN "count" TYPE text');
    const count = `many-${ctx.random.int(10, 99)}`;
    const note = `moved-${ctx.random.int(10, 99)}`;
    // One transaction: first a change whose schema the registry accepts, then the refused one.
    const refused = await commitTransaction(ctx.db, async (client) => {
      await client.query('INSERT INTO "moves" VALUES (1, $1)', [note]);
      await client.query('INSERT INTO "stock" VALUES (2, $1)', [count]);
    });

    // Stop, or deliver anyway: whichever comes first tells.
    const deadline = Date.now() + 30_000;
    while (!bridge.hasExited && Date.now() < deadline && (await recordCount(ctx, topic)) < 2) await new Promise((resolve) => setTimeout(resolve, 250));
    check(bridge.hasExited, {
      expected: 'the bridge to stop at the refused schema',
      got: (await recordCount(ctx, topic)) >= 2 ? 'the refused change delivered anyway, while the bridge kept running' : 'it kept running for 30 s',
      hint: 'an incompatible schema is refused with HTTP 409: stop, write no record of that change, and confirm nothing of its transaction',
      transcript: bridge.transcript(),
    });
    const exit = await bridge.exited;
    const said = [...bridge.errorLines, ...bridge.lines].join('\n');
    check(exit.code !== 0 && said.includes(subject) && lineFormats.refusedRule.pattern.test(said), {
      expected: `a non-zero exit with an error naming the subject ${subject} and the rule BACKWARD`,
      got: `exit ${exit.code ?? exit.signal}`,
      hint: 'the registry\'s own message differs between registries; read the rule from GET /config/<subject> and say it yourself',
      transcript: bridge.transcript(),
    });
    const held = await recordCount(ctx, topic);
    check(held === 1, { expected: `no record of the refused change in ${topic} (1 record in all)`, got: `${held} records`, hint: 'a change whose schema the registry refused has no schema id to be written with' });
    // Confirmed means: a restart would skip it. A keepalive's position inside the transaction,
    // confirmed while the bridge was idle, confirms nothing of it and is allowed. The last status
    // update, sent as the stream closes, may reach the walsender after the process has gone:
    // read the slot once the walsender has let go of it (and only then start the next run).
    await waitForSlotReleased(ctx.db, { slot: ctx.names.slot, process: bridge, label: 'the bridge', docs: DOCS, drained: async () => {}, transcript: () => bridge.transcript() });
    const refusedCommit = await commitRecordOf(ctx.db, refused);
    const confirmed = (await slotState(ctx.db, ctx.names.slot))?.confirmedFlushLsn;
    check(!confirmsTransaction(confirmed, refusedCommit), {
      expected: `the slot confirmed no further than ${refusedCommit.start.toString()}, where the commit record of the refused transaction ${refused.xid} starts`,
      got: `confirmed_flush_lsn ${confirmed?.toString() ?? 'null'}: a restart would skip the refused transaction`,
      hint: 'the refused transaction must stay in the slot, so that it is delivered once the conflict is resolved: confirm a commit only once Kafka acknowledged all its records',
    });

    await runCommand(ctx, ['compatibility', subject, 'NONE'], `compatibility ${subject} NONE`);
    const again = await startBridge(ctx);
    const stock = await waitForRecords(ctx, again, topic, 2, 'the held change, delivered after the rule was relaxed');
    const heldRow = await findRow(registry, stock, 2);
    check(heldRow?.count === count, {
      expected: `the held row in ${topic}: id 2, count ${JSON.stringify(count)} as a string`,
      got: JSON.stringify(heldRow ?? null),
    });
    // At least once: the accepted change may have been in Kafka before the stop, and comes again.
    const moves = await waitForRecords(ctx, again, movesTopic, 1, 'the held transaction\'s other change');
    const moved = await findRow(registry, moves, 1);
    check(moved?.note === note, {
      expected: `the held transaction's other change in ${movesTopic}: id 1, note ${JSON.stringify(note)}`,
      got: JSON.stringify(moved ?? null),
    });
  },
};

/** The `after` of the record of row `id`, decoded with the schema its header names (the last, if several). */
async function findRow(registry: GraderRegistry, records: readonly RawRecord[], id: number): Promise<Decoded> {
  let found: Decoded;
  for (const record of records) {
    const frame = record.value ? splitFrame(record.value) : undefined;
    const schema = frame ? await registry.schemaById(frame.id) : undefined;
    if (!frame || !schema) fail({ expected: 'every record in the wire format, with a registered schema id', got: record.value?.subarray(0, 6).toString('hex') ?? 'null' });
    const after = decodeWith(frame.body, schema).after;
    if (after?.id === id) found = after;
  }
  return found;
}
