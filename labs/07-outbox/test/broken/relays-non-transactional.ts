/**
 * Broken on purpose: relays every message with the outbox prefix, transactional or not. A
 * non-transactional message is decoded as soon as it is written — also when its transaction
 * then rolls back — so an event that never happened reaches Kafka. The route-message stage
 * must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { eventFromMessageContent } from '../../src/outbox-event.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { outboxEventOf, type Selection } from '../../src/relay/outbox-records.ts';

const everyMessage: typeof outboxEventOf = (captured, source): Selection => {
  if (source.variant === 'message' && captured.kind === 'message' && captured.message.prefix === source.prefix) {
    return { kind: 'event', event: eventFromMessageContent(captured.message.content, `at ${captured.message.lsn.toString()}`) };
  }
  return outboxEventOf(captured, source);
};

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, outboxEventOf: everyMessage }));
