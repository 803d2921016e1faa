import { check, commitRecordOf, confirmsTransaction, type Stage } from '@cdc-lab/grading';
import type { Lsn } from '@cdc-lab/common';
import { BridgeRun } from '../grading/bridge-run.ts';
import { describeRecords, topicOf, waitForRecords, waitUntilRecords } from '../grading/kafka-watch.ts';
import { activeWalsender, slotState, waitForSlotReleased, waitForStatusUpdates } from '../grading/slot-watch.ts';
import { waitFor } from '@cdc-lab/grading';
import { commit, createUsers, insertUser } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#confirming-after-kafka-acknowledges';
/** Far longer than the stage needs: the confirmation must not come while we look. */
const CONFIRM_DELAY_MS = 60_000;

/**
 * The crash between produce and confirm. --confirm-delay holds the confirmation back after
 * Kafka has acknowledged; the stage waits until the records are in Kafka and the bridge has
 * sent status updates since, checks that the slot has not moved past the transaction, kills
 * the bridge (SIGKILL) and starts it again: the transaction is produced a second time —
 * duplicated, never missing — and, without the delay, confirmed once Kafka has it.
 */
export const atLeastOnce: Stage = {
  slug: 'at-least-once',
  title: 'a crash after Kafka acknowledged but before the confirmation duplicates the transaction and loses nothing',
  docs: DOCS,
  async run(ctx) {
    const run = await BridgeRun.start(ctx, { args: ['--confirm-delay', String(CONFIRM_DELAY_MS), '--status-interval', '100'] });
    const pid = await activeWalsender(ctx.db, run);
    await createUsers(ctx.db);
    const topic = topicOf(ctx.names.topicPrefix, 'public', 'users');
    const produced = await commit(ctx.db, [insertUser(1, 'Douglas'), insertUser(2, 'Ada'), insertUser(3, 'Grace')]);
    await waitForRecords(ctx.kafka(), run, topic, 3, { what: 'the transaction\'s three records, acknowledged by Kafka' });
    await waitForStatusUpdates(ctx.db, run, pid, 2, 'status updates to keep coming after Kafka has the records (--status-interval 100)');

    // Confirmed means: a restart would skip it. A keepalive's position inside the transaction,
    // confirmed while the bridge was idle, confirms nothing of it and is allowed.
    const producedCommit = await commitRecordOf(ctx.db, produced);
    const held = (await slotState(ctx.db, run.slot))?.confirmedFlushLsn;
    check(held !== null && held !== undefined && !confirmsTransaction(held, producedCommit), {
      expected: `the slot's confirmed_flush_lsn to stay at or before ${producedCommit.start.toString()}, where the commit record of transaction ${produced.xid} starts, while the confirmation is held back (--confirm-delay ${CONFIRM_DELAY_MS})`,
      got: `confirmed_flush_lsn ${held?.toString() ?? 'null'}, past the start of that commit record: after a crash Postgres would skip the transaction`,
      hint: 'confirm a transaction only once Kafka has acknowledged its records, and after --confirm-delay: never when its commit arrives',
      docs: DOCS,
      transcript: run.transcript(),
    });

    await run.process.kill();
    await waitForSlotReleased(ctx.db, run);
    const again = await BridgeRun.start(ctx, { args: ['--status-interval', '100'], label: 'your bridge (after the crash)' });
    const marker = await commit(ctx.db, [insertUser(4, 'marker')]);
    const records = await waitUntilRecords(ctx.kafka(), again, topic, (seen) => seen.some((record) => record.key === '{"id":4}'), {
      what: 'the marker (id 4) written after the restart',
      hint: 'a transaction that was never confirmed comes again from the slot after a restart: produce it again, then what follows',
    });
    const keys = records.map((record) => record.key);
    const count = (id: number) => keys.filter((key) => key === `{"id":${id}}`).length;
    check([1, 2, 3].every((id) => count(id) === 2) && count(4) === 1, {
      expected: 'users 1, 2 and 3 twice (before and after the crash), the marker 4 once: duplicated, nothing missing',
      got: describeRecords(records, 20),
      docs: DOCS,
    });

    const markerCommit = await commitRecordOf(ctx.db, marker);
    let confirmed: Lsn | null | undefined;
    await waitFor(again, async () => {
      confirmed = (await slotState(ctx.db, run.slot))?.confirmedFlushLsn;
      return confirmsTransaction(confirmed, markerCommit) ? true : undefined;
    }, {
      expected: `the slot's confirmed_flush_lsn to move past transaction ${marker.xid} once Kafka has acknowledged it`,
      got: () => `confirmed_flush_lsn ${confirmed?.toString() ?? 'null'}`,
      hint: 'after Kafka acknowledges a batch, confirm the end LSN of the last transaction in it; the next status update reports it',
      timeoutMs: 15_000,
    });
  },
};
