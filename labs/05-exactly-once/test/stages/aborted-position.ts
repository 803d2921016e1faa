import { Kafka, logLevel } from 'kafkajs';
import { check, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../support/bridge-run.ts';
import { expectExactlyOnce } from '../support/exactly-once.ts';
import { waitForSlotReleased } from '../support/slot.ts';
import { endOffset, offsetsTopic } from '../support/topics.ts';
import { Workload } from '../support/workload.ts';

const DOCS = 'docs/05-exactly-once.md#resuming';

/** How far ahead of the WAL the aborted position points: far past anything the stage writes. */
const AHEAD = 0x1000_0000n;

function lsnPlus(text: string, bytes: bigint): string {
  const [high, low] = text.split('/') as [string, string];
  const value = (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`) + bytes;
  return `${(value >> 32n).toString(16).toUpperCase()}/${(value & 0xffff_ffffn).toString(16).toUpperCase()}`;
}

/**
 * Only a committed position is true. Between two runs the grader writes a position for the
 * bridge's slot into the offsets topic inside a Kafka transaction of its own, and aborts it:
 * the record stays in the log, as one does after a bridge dies between sending a batch and
 * committing it. It names a transaction far ahead of the WAL. A bridge that resumes from it
 * skips every change that follows, and a read_committed consumer sees none of them.
 */
export const abortedPosition: Stage = {
  slug: 'aborted-position',
  title: 'a position left in the offsets topic by an aborted Kafka transaction is not resumed from',
  docs: DOCS,
  async run(ctx) {
    const first = await BridgeRun.start(ctx, { args: ['--status-interval', '200'] });
    await Workload.createTables(ctx.db);
    const workload = new Workload();
    const kafka = ctx.kafka();
    const client = await ctx.db.connect();
    const grader = new Kafka({ clientId: 'grader-aborted-position', brokers: kafka.brokers, logLevel: logLevel.NOTHING })
      .producer({ transactionalId: `${ctx.names.transactionalId}-grader`, idempotent: true, maxInFlightRequests: 1 });
    try {
      for (const size of [3, 7]) await workload.commit(client, workload.plan(ctx.random, size));
      await expectExactlyOnce(kafka, workload, {
        topicPrefix: ctx.names.topicPrefix, timeoutMs: 20_000, what: 'the first transactions',
        hint: 'write each batch of events in a Kafka transaction and commit it', docs: DOCS, transcript: () => first.transcript(),
      });
      await first.interrupt();
      await waitForSlotReleased(ctx.db, ctx.names.slot);

      // An aborted position, ahead of everything: in the log, never committed.
      const { rows } = await ctx.db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      const ahead = lsnPlus(rows[0]!.lsn, AHEAD);
      const topic = offsetsTopic(ctx.names.topicPrefix);
      const endBefore = await endOffset(kafka, topic);
      await grader.connect();
      const transaction = await grader.transaction();
      await transaction.send({ topic, messages: [{ key: ctx.names.slot, value: JSON.stringify({ commitLsn: ahead, index: 0, complete: true, xid: 0 }) }] });
      await transaction.abort();
      // abort() returns once the coordinator has the decision; it writes the marker into the
      // partition afterwards, on its own time. Wait for it: until then the record is not yet
      // "aborted" to a read_committed reader, only undecided.
      let end = await endOffset(kafka, topic);
      for (const deadline = Date.now() + 15_000; end < endBefore + 2n && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        end = await endOffset(kafka, topic);
      }
      check(end >= endBefore + 2n, {
        expected: `the grader's aborted record and its abort marker in ${topic} within 15 s`,
        got: `the topic ends at ${end}, ${endBefore} before the grader's transaction`,
        hint: 'this is a problem of the grader or the broker, not of your program',
        docs: DOCS,
      });

      // Changes made while the bridge is down come from the slot; one more once it runs.
      for (const size of [5, 1, 12]) await workload.commit(client, workload.plan(ctx.random, size));
      const again = await BridgeRun.start(ctx, { args: ['--status-interval', '200'], label: 'your program (second run)' });
      await workload.commit(client, workload.plan(ctx.random, 2));
      await expectExactlyOnce(kafka, workload, {
        topicPrefix: ctx.names.topicPrefix,
        timeoutMs: 20_000,
        what: `every transaction, after an aborted Kafka transaction left the position ${ahead} #0 (whole transaction) in ${topic}`,
        hint: 'resume from the last position that was committed: read the offsets topic with read_committed, which leaves out the records of aborted transactions. A position from an aborted transaction names changes no consumer will ever see, and skipping up to it loses them',
        docs: DOCS,
        transcript: () => again.transcript(),
      });
    } finally {
      await grader.disconnect().catch(() => {});
      await client.end();
    }
  },
};
