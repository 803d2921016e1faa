/**
 * The differences between Debezium's events and lab 4's that are expected, each with its
 * reason. Everything the diff finds that is not here is a bug in one of the two — in
 * practice, in lab 4 — and `pnpm lab 9 compare` fails. The chapter explains each entry
 * (docs/09-debezium.md#the-comparison).
 */
export interface DocumentedDifference {
  /** The field's path in the record: `source.version`, `headers.<name>`. */
  path: RegExp;
  reason: string;
}

export const DOCUMENTED_DIFFERENCES: readonly DocumentedDifference[] = [
  { path: /^source\.version$/, reason: 'the connector\'s version: the stack runs Debezium 3.4.3.Final, lab 4 says the 3.0.8.Final it was modelled on' },
  { path: /^source\.name$/, reason: 'the topic prefix (topic.prefix): each pipeline writes under its own' },
  { path: /^ts_(ms|us|ns)$/, reason: 'when each pipeline made the event: processing time, different by nature' },
  { path: /^(before|after)\.c_name$/, reason: 'a column of type name (the workload\'s c_name): Debezium 3.4.3 sends null for it; lab 4 sends the text, and its grader expects that, so lab 4 is left as it is' },
  { path: /^headers\.__debezium\.context\./, reason: 'Debezium 3.x adds headers naming the connector, task and run (3.0.8 had none); they describe Kafka Connect, not the change' },
];

export function documentedReason(path: string, documented: readonly DocumentedDifference[] = DOCUMENTED_DIFFERENCES): string | undefined {
  return documented.find((entry) => entry.path.test(path))?.reason;
}
