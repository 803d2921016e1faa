import { defineLineFormats } from '@cdc-lab/grading';

/*
 * Lab 7's contract in code: every line of the program's output a stage reads, with a real
 * example. The chapter's Contract section (docs/07-outbox.md#contract) shows each example.
 * What the stages check in Kafka (topic, key, headers, value) is written there too; it is
 * not a line, so it is not here.
 */

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export const lineFormats = defineLineFormats({
  relayReady: {
    name: 'the relay\'s line once it streams from its slot',
    pattern: /Listening on slot '[^']*'\.\.\./,
    example: "Listening on slot 'cdc_lab_07_table'...",
  },
  placed: {
    name: 'the service\'s line for an order it committed',
    pattern: new RegExp(`^order (\\d+) placed for (\\S+): ([\\d.]+) \\(event (\\w+) (${UUID})\\)$`),
    example: 'order 1 placed for ada: 89.19 (event OrderCreated 5d73274d-0b1c-4765-bcaa-aefbf6210001)',
  },
  cancelled: {
    name: 'the service\'s line for a cancellation it committed',
    pattern: new RegExp(`^order (\\d+) cancelled \\(event (\\w+) (${UUID})\\)$`),
    example: 'order 2 cancelled (event OrderCancelled d4c46f37-8750-48b6-9cbd-bacc633d9871)',
  },
  rolledBack: {
    name: 'the service\'s line for an order (or a cancellation) rolled back on purpose',
    pattern: new RegExp(`^order (\\d+) (?:cancellation )?rolled back on purpose after writing event (\\w+) (${UUID})`),
    example: 'order 3 rolled back on purpose after writing event OrderCreated fb67eaad-b666-4236-878f-9e93083218e6: no order, no event',
  },
  relayed: {
    name: 'the relay\'s line once Kafka acknowledged an event',
    pattern: new RegExp(`^relayed (\\S+) (${UUID}) key (\\S+) to (\\S+)$`),
    example: 'relayed OrderCreated 5d73274d-0b1c-4765-bcaa-aefbf6210001 key 1 to lab07.outbox.event.order',
  },
  consumerReady: {
    name: 'the consumer\'s line once it has subscribed',
    pattern: /Consuming /,
    example: "Consuming lab07.outbox.event.order as group 'lab07-billing'...",
  },
  handled: {
    name: 'the consumer\'s line for each record: applied, or skipped as a duplicate',
    pattern: new RegExp(`^(applied|skipped duplicate) (\\S+) (${UUID})`),
    example: 'skipped duplicate OrderCreated 3202aa6a-ac94-4f85-b87d-2561c36270e4 (order 10): the inbox has it already',
  },
  claimCheck: {
    name: 'the oversized-event error\'s remedy of keeping the payload small (anywhere in stdout or stderr)',
    pattern: /reference|claim.?check/i,
    example: 'or keep events small: store the large document elsewhere and put a reference to it in the payload',
  },
});

/** The relay's ready line as a stage waits for it: this text, with the stage's slot, anywhere in a line. */
export function relayReadyText(slot: string): string {
  return `Listening on slot '${slot}'...`;
}

/** The consumer's ready line as a stage waits for it: a line with this text in it. */
export const CONSUMER_READY_TEXT = 'Consuming ';
