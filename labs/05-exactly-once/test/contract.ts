import { defineLineFormats } from '@cdc-lab/grading';

/**
 * Lab 5's contract in code: every pattern a stage matches against what the program prints,
 * with a line of a real run of the reference that it accepts. The chapter's "Contract"
 * section shows each example. Lines are matched on stdout, except the errors, which the
 * stages look for in stdout and stderr together. What the stages check in Kafka (the event
 * topics, the offsets topic, commit markers) is described in the chapter, not here.
 */
export const lineFormats = defineLineFormats({
  listening: {
    name: 'the line that says the bridge streams, starting with the slot (CDC_SLOT)',
    pattern: /^Listening on slot '([^']*)'/,
    example: "Listening on slot 'cdc_lab_05' (publication 'cdc_lab_05'): events to cdc-lab-05.<schema>.<table> in Kafka transactions",
  },
  committed: {
    name: 'the line printed after each Kafka transaction commits',
    pattern: /^Committed/,
    example: 'Committed 2 events (1 transaction) up to 0/A4DBCA0 #1 (whole transaction, xid 1764)',
  },
  consuming: {
    name: 'the line that says the consumer (the consume command) reads, starting with its topic',
    pattern: /^Consuming '([^']*)'/,
    example: "Consuming 'cdc-lab-05.exactly_once.accounts' (read_committed) into exactly_once.account_events, from the offsets in exactly_once.consumed_offsets",
  },
  fenced: {
    name: 'the error of an instance fenced by a newer one: it says "fenced"',
    pattern: /fenced/i,
    example: "error: this bridge was fenced: another instance with transactional id 'cdc-lab-05.cdc_lab_05' has taken over (Kafka said INVALID_PRODUCER_EPOCH)",
  },
  oversizedKey: {
    name: 'the error for an event larger than the topic accepts: it names the key (here id 1)',
    pattern: /"id"\s*:\s*1\b|\bid\s*=\s*1\b/,
    example: 'error: Kafka refused a change event of table public.docs, key {"id":1}: it is 80.5 kB (82396 bytes) and topic cdc-lab-05.public.docs accepts at most 64.0 kB (max.message.bytes = 65536)',
  },
});

/** Whether `line` is the listening line for `slot`. */
export function listensOn(line: string, slot: string): boolean {
  return lineFormats.listening.pattern.exec(line)?.[1] === slot;
}
