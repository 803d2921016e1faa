import { Kafka, logLevel } from 'kafkajs';
import { check, confirmsTransaction, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../support/bridge-run.ts';
import { expectExactlyOnce } from '../support/exactly-once.ts';
import { CommitWatch, confirmedFlushLsn, waitForSlotReleased } from '../support/slot.ts';
import { eventually } from '../support/wait.ts';
import { commitRecord, Workload } from '../support/workload.ts';

const DOCS = 'docs/05-exactly-once.md#confirm-after-commit';

/**
 * A Kafka transaction that fails must leave the slot where it was. The grader makes one fail
 * for certain: it takes the bridge's transactional id itself (InitProducerId), so the bridge's
 * next transaction is refused. A bridge that confirmed that transaction to Postgres before
 * committing it has told the slot to forget changes Kafka never got — and its last status
 * update, when it stops, carries that position to the server.
 */
export const confirmAfterCommit: Stage = {
  slug: 'confirm-after-commit',
  title: 'a transaction whose Kafka commit fails is not confirmed to Postgres, and comes again',
  docs: DOCS,
  async run(ctx) {
    const run = await BridgeRun.start(ctx, { args: ['--status-interval', '100'] });
    await Workload.createTables(ctx.db);
    const watch = await CommitWatch.create(ctx.db, `${ctx.names.id}_watch`);
    const workload = new Workload();
    const kafka = ctx.kafka();
    const client = await ctx.db.connect();
    const usurper = new Kafka({ clientId: 'grader-usurper', brokers: kafka.brokers, logLevel: logLevel.NOTHING })
      .producer({ transactionalId: ctx.names.transactionalId, idempotent: true, maxInFlightRequests: 1 });
    try {
      const t1 = await workload.commit(client, workload.plan(ctx.random, 5));
      const t1End = await watch.commitEnd(t1.xid);
      await expectExactlyOnce(kafka, workload, {
        topicPrefix: ctx.names.topicPrefix, timeoutMs: 20_000, what: 'the first transaction',
        hint: 'write each batch of events in a Kafka transaction and commit it', docs: DOCS, transcript: () => run.transcript(),
      });
      const confirmed = await eventually(async () => !((await confirmedFlushLsn(ctx.db, ctx.names.slot))?.isBefore(t1End) ?? true), 5_000);
      check(confirmed, {
        expected: `the slot to be confirmed up to the end of transaction ${t1.xid}'s commit record (${t1End}) within 5 s of its Kafka commit (--status-interval 100)`,
        got: `confirmed_flush_lsn ${(await confirmedFlushLsn(ctx.db, ctx.names.slot))?.toString() ?? 'null'}`,
        hint: 'after each commit, confirm the commit LSN of the last transaction that ended in the batch (stream.confirmFlushedLsn); the stream reports it at the next status update',
        docs: DOCS,
        transcript: run.transcript(),
      });

      // Take the transactional id: from now on the bridge's transactions are refused.
      await usurper.connect();
      await (await usurper.transaction()).abort();
      const t2 = await workload.commit(client, workload.plan(ctx.random, 3));
      await run.process.waitForExit({
        timeoutMs: 15_000,
        what: 'your program to stop once another producer took its transactional id (its Kafka transaction was refused)',
        hint: 'a Kafka error INVALID_PRODUCER_EPOCH or PRODUCER_FENCED means a newer producer has the transactional id: stop, do not retry',
        docs: 'docs/05-exactly-once.md#fencing',
      });
      // The last status update, sent as the stream closes, may reach the walsender after the
      // process has gone: read the slot once its walsender has let go of it.
      await waitForSlotReleased(ctx.db, ctx.names.slot);
      const t2Commit = await commitRecord(ctx.db, t2);
      const slot = await confirmedFlushLsn(ctx.db, ctx.names.slot);
      check(slot !== null && !confirmsTransaction(slot, t2Commit), {
        expected: `the slot to stay at or before ${t2Commit.start}, where transaction ${t2.xid}'s commit record starts: its Kafka transaction was refused`,
        got: `confirmed_flush_lsn ${slot?.toString() ?? 'null'}: Postgres will not send transaction ${t2.xid} again and Kafka never got it — the transaction is lost`,
        hint: 'confirm a transaction to the slot only after the Kafka transaction that holds it has committed',
        docs: DOCS,
        transcript: run.transcript(),
      });
      await usurper.disconnect();

      const again = await BridgeRun.start(ctx, { label: 'your program (started again)' });
      await expectExactlyOnce(kafka, workload, {
        topicPrefix: ctx.names.topicPrefix, timeoutMs: 20_000, what: 'both transactions, the refused one written by the next run',
        hint: 'a transaction that was not committed to Kafka must come again from the slot', docs: DOCS, transcript: () => again.transcript(),
      });
    } finally {
      await usurper.disconnect().catch(() => {});
      await client.end();
    }
  },
};
