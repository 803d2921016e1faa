import { check, confirmsTransaction, firstCommitWriting, type Stage } from '@cdc-lab/grading';
import { allRecords, byEventId, consumerBalances, currentLsn, describeBalances, inboxIds, slotState, truthBalances, waitForSlotReleased } from '../observe.ts';
import type { Variant } from '../program-run.ts';
import { Consumer, Relay, runService } from '../roles.ts';

const CONFIRM_DELAY_MS = 120_000;

/**
 * At least once, then exactly once in effect. The relay runs with --confirm-delay, so that it
 * has sent the events but confirmed nothing when it is killed (SIGKILL). Restarted, it must
 * send them all again — duplicates in Kafka, by design. The consumer then reads every copy and
 * must end with the balances the orders table says, every event in its inbox once.
 */
export function relayCrashStage(variant: Variant): Stage {
  return {
    slug: `relay-crash-${variant}`,
    title: `(${variant} variant) a relay killed between send and confirm sends again; the consumer applies each event once`,
    docs: 'docs/07-outbox.md#a-crash-between-send-and-confirm',
    timeoutMs: 90_000,
    async run(ctx) {
      const relay = await Relay.start(ctx, variant, { args: ['--confirm-delay', String(CONFIRM_DELAY_MS), '--status-interval', '100'] });
      const before = await currentLsn(ctx.db);
      const service = await runService(ctx, ['demo', '--variant', variant, '--orders', String(ctx.random.int(3, 4)), '--fail-every', '0', '--cancel-every', '2']);
      await relay.waitForRelayed(service.committed);
      // An idle relay may confirm a keepalive's position, even one inside a transaction still
      // being written; what it may not do is confirm a commit: the first one decides.
      const firstCommit = await firstCommitWriting(ctx.db, 'shop.orders', before);
      const slot = await slotState(ctx.db, ctx.names.slot);
      check(slot?.confirmed !== null && slot?.confirmed !== undefined && !confirmsTransaction(slot.confirmed, firstCommit), {
        expected: `the slot's confirmed_flush_lsn to stay at or before ${firstCommit.start.toString()}, where the commit record of the service's first transaction starts: with --confirm-delay ${CONFIRM_DELAY_MS} none of its transactions is confirmed yet`,
        got: `confirmed_flush_lsn ${slot?.confirmed?.toString() ?? 'null'}`,
        hint: '--confirm-delay <ms>: confirm each transaction that long after Kafka acknowledged it',
        docs: 'docs/07-outbox.md#confirming-after-the-acknowledgement',
        transcript: relay.run.transcript(),
      });
      await relay.run.process.kill();
      await waitForSlotReleased(ctx.db, relay.run, ctx.names.slot);

      const again = await Relay.start(ctx, variant, { label: 'the relay (after the crash)' });
      await again.waitForRelayed(service.committed, { hint: 'nothing was confirmed before the crash: the slot sends every transaction again, and the relay must relay them again' });
      const records = await allRecords(ctx);
      const { copies } = byEventId(records, service.committed.map((event) => event.id));
      const twice = [...copies.values()].filter((list) => list.length >= 2).length;
      check(twice === service.committed.length, {
        expected: `each of the ${service.committed.length} events twice in Kafka: sent before the crash, and again after it`,
        got: `${twice} event(s) with two or more copies`,
        docs: ctx.stage.docs,
        transcript: again.run.transcript(),
      });

      const consumer = await Consumer.start(ctx);
      const handled = await consumer.waitForHandled(records.length);
      const truth = await truthBalances(ctx.db);
      const state = await consumerBalances(ctx.db, consumer.run);
      check(JSON.stringify(state) === JSON.stringify(truth), {
        expected: `billing.customer_balances to match the orders table: ${describeBalances(truth)}`,
        got: `${describeBalances(state)} — after ${handled.filter((line) => line.outcome === 'applied').length} applied and ${handled.filter((line) => line.outcome === 'skipped duplicate').length} skipped of ${records.length} records`,
        hint: 'a redelivered event must not be applied again: claim its id in the inbox in the same transaction as the balance change, and skip it when the claim fails',
        docs: 'docs/07-outbox.md#the-consumer',
        transcript: consumer.run.transcript(),
      });
      const inbox = await inboxIds(ctx.db);
      check(inbox.length === service.committed.length, {
        expected: `${service.committed.length} event ids in billing.inbox, one per event`,
        got: `${inbox.length}`,
        docs: 'docs/07-outbox.md#the-consumer',
        transcript: consumer.run.transcript(),
      });
    },
  };
}
