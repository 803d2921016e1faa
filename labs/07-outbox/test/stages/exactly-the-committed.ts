import { check, fail, type StageContext } from '@cdc-lab/grading';
import { allRecords, byEventId, describeRecord } from '../observe.ts';
import type { Relay, ServiceEvent } from '../roles.ts';

/**
 * Kafka must hold each committed event exactly once and nothing else — the check behind the
 * clean-up stages, whose deletes must neither become events nor take events away.
 */
export async function expectExactlyTheCommitted(ctx: StageContext, committed: readonly ServiceEvent[], relay: Relay, what: { hint: string }): Promise<void> {
  const records = await allRecords(ctx);
  const { copies, strays } = byEventId(records, committed.map((event) => event.id));
  if (strays.length > 0) {
    fail({
      expected: `only the ${committed.length} committed event(s) in Kafka`,
      got: `${strays.length} other record(s), e.g. ${describeRecord(strays[0]!)}: the DELETE of an outbox row was relayed as if it were an event`,
      hint: what.hint,
      docs: 'docs/07-outbox.md#what-the-relay-relays',
      transcript: relay.run.transcript(),
    });
  }
  for (const event of committed) {
    const found = copies.get(event.id)!;
    // The DELETE of a row carries the row's id too: a copy under another type, or without a value, is one.
    const impostor = found.find((record) => record.headers.type !== event.type || record.value === null);
    check(found.length === 1, {
      expected: `${event.type} ${event.id} of order ${event.orderId} exactly once in Kafka`,
      got: `${found.length} record(s)${impostor ? `, among them ${describeRecord(impostor)}: the DELETE of an outbox row was relayed as if it were an event` : ''}`,
      hint: what.hint,
      docs: ctx.stage.docs,
      transcript: relay.run.transcript(),
    });
  }
}
