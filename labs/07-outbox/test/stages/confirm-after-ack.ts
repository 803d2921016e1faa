import { confirmsTransaction, fail, firstCommitWriting, type Stage } from '@cdc-lab/grading';
import type { Lsn } from '@cdc-lab/common';
import { allRecords, currentLsn, slotState, waitForSlotReleased } from '../observe.ts';
import { Relay, runService } from '../roles.ts';

const SEND_DELAY_MS = 2_000;
/** Time for a printed line to travel through the pipe to the grader. */
const PIPE_GRACE_MS = 300;

/**
 * Confirm after Kafka acknowledged, never before. A slow broker (--send-delay) opens a window
 * between receiving a transaction and having it in Kafka; the stage waits for the slot to show
 * the transaction confirmed, requires its event to be relayed by then, crashes the relay on the
 * spot and restarts it: an event confirmed before Kafka had it is lost for good.
 */
export const confirmAfterAck: Stage = {
  slug: 'confirm-after-ack',
  title: 'confirms a transaction to the slot only after Kafka acknowledged its events, so a crash never loses one',
  docs: 'docs/07-outbox.md#confirming-after-the-acknowledgement',
  timeoutMs: 90_000,
  async run(ctx) {
    const relay = await Relay.start(ctx, 'table', { args: ['--send-delay', String(SEND_DELAY_MS), '--status-interval', '100'] });
    const before = await currentLsn(ctx.db);
    const order = await runService(ctx, ['order', 'ada', '42.00', '--variant', 'table']);
    const event = order.committed[0]!;
    const orderCommit = await firstCommitWriting(ctx.db, 'shop.orders', before);

    // Confirmed means: a restart would skip it. A keepalive's position inside the transaction,
    // confirmed while the relay was idle, does not count.
    let seen: Lsn | null | undefined;
    const confirmed = await relay.run.waitUntil(async () => {
      seen = (await slotState(ctx.db, ctx.names.slot))?.confirmed;
      return seen && confirmsTransaction(seen, orderCommit) ? seen : undefined;
    }, {
      expected: `the slot's confirmed_flush_lsn to move past order ${event.orderId}'s transaction once its event is in Kafka (--send-delay ${SEND_DELAY_MS} makes each send wait ${SEND_DELAY_MS / 1000} s)`,
      got: () => `confirmed_flush_lsn ${seen?.toString() ?? 'null'}`,
      hint: "once Kafka has acknowledged a transaction's events, confirm the transaction's end LSN; status updates carry it to the server",
      timeoutMs: 20_000,
    });
    const relayedFirst = await relayedWithin(relay, event.id, PIPE_GRACE_MS);
    await relay.run.process.kill();
    await waitForSlotReleased(ctx.db, relay.run, ctx.names.slot);

    const again = await Relay.start(ctx, 'table', { label: 'the relay (after the crash)' });
    const marker = await runService(ctx, ['order', 'grace', '7.00', '--variant', 'table'], 'the service (a later order)');
    await again.waitForRelayed(marker.committed);
    const inKafka = (await allRecords(ctx)).filter((record) => record.headers.id === event.id).length;

    if (!relayedFirst) {
      fail({
        expected: `"relayed OrderCreated ${event.id} …" printed (Kafka acknowledged) before the slot had the transaction confirmed`,
        got: `confirmed_flush_lsn ${confirmed.toString()} while the event was not relayed yet; after a crash at that moment ${inKafka > 0 ? 'it arrived anyway' : 'it never arrived: the event is lost'}`,
        hint: 'await the send (acks = all), then confirm the transaction\'s end LSN — never at the commit message itself',
        docs: ctx.stage.docs,
        transcript: relay.run.transcript(),
      });
    }
    if (inKafka !== 1) {
      fail({
        expected: `event ${event.id}, acknowledged and confirmed before the crash, exactly once in Kafka`,
        got: `${inKafka} record(s)`,
        hint: 'confirm the transaction after the acknowledgement, and report it in the status updates',
        docs: ctx.stage.docs,
        transcript: again.run.transcript(),
      });
    }
  },
};

async function relayedWithin(relay: Relay, id: string, graceMs: number): Promise<boolean> {
  const deadline = Date.now() + graceMs;
  while (!relay.relayedIds().includes(id) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return relay.relayedIds().includes(id);
}
