import { check, commitRecordOf, confirmsTransaction, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../grading/bridge-run.ts';
import { describeRecords, topicOf, waitForRecords, waitUntilRecords } from '../grading/kafka-watch.ts';
import { slotState, withServerSetting } from '../grading/slot-watch.ts';
import { waitFor } from '@cdc-lab/grading';
import { commit, createUsers, insertUser } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#stopping-cleanly';

/**
 * Ctrl-C: stop reading, let Kafka acknowledge what was produced, confirm it, close the stream,
 * exit 0. With no periodic status update due (--status-interval 60000), no keepalive asked for
 * (wal_sender_timeout 0) and every confirmation held back a minute (--confirm-delay 60000), only
 * the shutdown can confirm, and only if the bridge remembered what Kafka acknowledged — and the
 * position must be the end of the last commit, or the last transaction comes again.
 */
export const shutdown: Stage = {
  slug: 'shutdown',
  title: 'Ctrl-C confirms what Kafka acknowledged, exits 0, and the next run repeats nothing',
  docs: DOCS,
  async run(ctx) {
    const url = withServerSetting(ctx.db.url, 'wal_sender_timeout', '0');
    const run = await BridgeRun.start(ctx, { args: ['--status-interval', '60000', '--confirm-delay', '60000'], env: { DATABASE_URL: url } });
    await createUsers(ctx.db);
    const topic = topicOf(ctx.names.topicPrefix, 'public', 'users');
    await commit(ctx.db, [insertUser(1, 'Douglas')]);
    const last = await commit(ctx.db, [insertUser(2, 'Ada')]);
    await waitForRecords(ctx.kafka(), run, topic, 2, { what: 'both inserts' });

    await run.interrupt();
    const slot = await waitFor(run, async () => {
      const state = await slotState(ctx.db, run.slot);
      return state && !state.active ? state : undefined;
    }, { expected: 'the slot to be inactive after the bridge stopped', got: () => 'still active', timeoutMs: 5_000, whileRunning: false });
    const lastCommit = await commitRecordOf(ctx.db, last);
    check(confirmsTransaction(slot.confirmedFlushLsn, lastCommit), {
      expected: `the slot's confirmed_flush_lsn past ${lastCommit.start.toString()}, where the commit record of transaction ${last.xid} starts: Kafka acknowledged it before Ctrl-C`,
      got: `confirmed_flush_lsn ${slot.confirmedFlushLsn?.toString() ?? 'null'}`,
      hint: 'on Ctrl-C flush the producer, confirm what Kafka acknowledged without waiting out --confirm-delay (so remember it when it is acknowledged), and close the stream: close sends the last status update',
      docs: DOCS,
      transcript: run.transcript(),
    });

    const again = await BridgeRun.start(ctx, { label: 'your bridge (second run)' });
    await commit(ctx.db, [insertUser(3, 'marker')]);
    const records = await waitUntilRecords(ctx.kafka(), again, topic, (seen) => seen.some((record) => record.key === '{"id":3}'), { what: 'the marker (id 3) written after the restart' });
    check(records.length === 3 && records.map((record) => record.key).join() === '{"id":1},{"id":2},{"id":3}', {
      expected: 'users 1, 2 and the marker 3, each once: nothing acknowledged and confirmed before Ctrl-C comes again',
      got: describeRecords(records),
      hint: "confirm the end of the commit record (the Commit message's end LSN), not Begin's final LSN: Postgres resends a transaction whose commit starts at or after the confirmed position",
      docs: DOCS,
      transcript: again.transcript(),
    });
  },
};
