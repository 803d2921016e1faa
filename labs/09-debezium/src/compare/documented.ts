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
  { path: /^source\.version$/, reason: 'Debezium 3.6.1.Final runs here; lab 4 names the 3.0.8.Final it was modelled on' },
  { path: /^source\.name$/, reason: 'topic.prefix, which each pipeline has its own of' },
  { path: /^ts_(ms|us|ns)$/, reason: 'when each pipeline built the event: processing time (the commit time, source.ts_ms, is equal)' },
  // ReplicationMessageColumnValueResolver.resolveValue has no case for the type name "name":
  // AbstractColumnValue.asDefault returns null, or the text with include.unknown.datatypes=true.
  { path: /^(before|after)\.c_name$/, reason: 'type name: Debezium streams null unless include.unknown.datatypes=true (its snapshot has the text); lab 4 always sends the text' },
  // SourceInfo.ORIGIN_KEY / ORIGIN_LSN_KEY, optional fields of the source struct since 3.5: set
  // from pgoutput's Origin message (a transaction replayed under a replication origin), cleared
  // at every BEGIN, so null for a transaction written directly; the JSON converter writes the null.
  { path: /^source\.origin(_lsn)?$/, reason: 'the transaction\'s replication origin and its LSN there: Debezium 3.5+ writes both (null unless it came through one); lab 4, like 3.0.8, has neither' },
  { path: /^headers\.__debezium\.context\./, reason: 'Debezium 3.2+ names its connector, task and run in every record (extended.headers.enabled=true by default); lab 4 has none' },
];

export function documentedReason(path: string, documented: readonly DocumentedDifference[] = DOCUMENTED_DIFFERENCES): string | undefined {
  return documented.find((entry) => entry.path.test(path))?.reason;
}
