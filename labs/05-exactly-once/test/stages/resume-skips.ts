import { check, withServerSetting, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../support/bridge-run.ts';
import { expectExactlyOnce } from '../support/exactly-once.ts';
import { confirmedFlushLsn, waitForSlotReleased } from '../support/slot.ts';
import { eventually } from '../support/wait.ts';
import { commitRecord, Workload, type CommittedTransaction } from '../support/workload.ts';

const DOCS = 'docs/05-exactly-once.md#resuming';

/**
 * The crash point between the Kafka commit and the slot confirmation. With a status interval of
 * ten minutes and no keepalive requests, nothing the bridge confirms reaches Postgres: after a SIGKILL the slot sends
 * every transaction again, all of them already in Kafka. The restarted bridge must skip them
 * — by the position it reads from the offsets topic — and then bring the slot level.
 */
export const resumeSkips: Stage = {
  slug: 'resume-skips',
  title: 'after a crash between the Kafka commit and the slot confirmation, the restarted bridge skips what Kafka has',
  docs: DOCS,
  async run(ctx) {
    // wal_sender_timeout 0: Postgres never asks for a reply, so no status update can come early.
    const quiet = withServerSetting(ctx.db.url, 'wal_sender_timeout', '0');
    const first = await BridgeRun.start(ctx, { args: ['--status-interval', '600000'], env: { DATABASE_URL: quiet } });
    const slotBefore = await confirmedFlushLsn(ctx.db, ctx.names.slot);
    await Workload.createTables(ctx.db);
    const workload = new Workload();
    const kafka = ctx.kafka();
    const client = await ctx.db.connect();
    try {
      const before: CommittedTransaction[] = [];
      for (const size of [1, 10, 300, 4]) before.push(await workload.commit(client, workload.plan(ctx.random, size)));
      await expectExactlyOnce(kafka, workload, {
        topicPrefix: ctx.names.topicPrefix,
        timeoutMs: 20_000,
        what: 'the first transactions, before the crash',
        hint: 'write each batch of events in a Kafka transaction and commit it',
        docs: DOCS,
        transcript: () => first.transcript(),
      });
      const slotNow = await confirmedFlushLsn(ctx.db, ctx.names.slot);
      check(slotNow !== null && slotBefore !== null && slotNow.equals(slotBefore), {
        expected: `the slot to stay at ${slotBefore?.toString() ?? '?'} with --status-interval 600000: the stage needs a slot that lags behind Kafka`,
        got: `confirmed_flush_lsn ${slotNow?.toString() ?? 'null'}`,
        hint: 'report the confirmed position in status updates on the --status-interval timer (and when Postgres asks), not after every commit',
        docs: DOCS,
        transcript: first.transcript(),
      });

      await first.process.kill();
      await waitForSlotReleased(ctx.db, ctx.names.slot);
      const again = await BridgeRun.start(ctx, { args: ['--status-interval', '200'], label: 'your program (after the crash)' });
      // Level means: confirmed up to the commit LSN the position names, where the last
      // transaction's commit record starts. Judged against that record, not the position
      // before BEGIN: a keepalive may put the confirmed position anywhere inside the transaction.
      const lastBefore = before.at(-1)!;
      const lastCommit = await commitRecord(ctx.db, lastBefore);
      const level = await eventually(async () => {
        const confirmed = await confirmedFlushLsn(ctx.db, ctx.names.slot);
        return confirmed !== null && !confirmed.isBefore(lastCommit.start);
      }, 10_000);
      check(level, {
        expected: `the restarted bridge to bring the slot level with the position it read from Kafka (confirmed up to ${lastCommit.start}, where the commit record of transaction ${lastBefore.xid} starts: the commit LSN the position names) within 10 s, with --status-interval 200`,
        got: `confirmed_flush_lsn ${(await confirmedFlushLsn(ctx.db, ctx.names.slot))?.toString() ?? 'null'}`,
        hint: 'Kafka is the source of truth and the slot may lag behind it: after reading the position, confirm its commit LSN (when the transaction is complete) so that Postgres can let go of that WAL',
        docs: DOCS,
        transcript: again.transcript(),
      });

      for (const size of [5, 1]) await workload.commit(client, workload.plan(ctx.random, size));
      await expectExactlyOnce(kafka, workload, {
        topicPrefix: ctx.names.topicPrefix,
        timeoutMs: 20_000,
        what: 'every transaction, before and after the crash',
        hint: 'after a restart the slot sends everything after its confirmed position again: skip each change whose (commit LSN, index) is not after the position read from the offsets topic',
        docs: DOCS,
        transcript: () => again.transcript(),
      });
    } finally {
      await client.end();
    }
  },
};
