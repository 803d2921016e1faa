import type { Lsn } from '@cdc-lab/common';
import type { Source } from './envelope.ts';
import { floorDiv } from './values/calendar.ts';

/** Settings that are the same for every event of one bridge. */
export interface SourceSettings {
  /** topic.prefix: names the source in `source.name` and starts every topic name. */
  topicPrefix: string;
  /** The database the slot decodes. */
  database: string;
  /** Defaults to DEBEZIUM_VERSION. */
  version?: string;
}

/** Where a change sits in the stream: what the transport and the transaction around it say. */
export interface ChangePosition {
  /** The XLogData position the change arrived with. */
  lsn: Lsn;
  /** The end LSN of the last transaction committed before this one; null if none seen yet. */
  lastCommitLsn: Lsn | null;
  xid: number;
  /** From the Begin message, microseconds since the Unix epoch. */
  commitTimeUs: bigint;
}

/** The `source` block: which database, table and transaction a change came from, and where in the WAL. */
export function sourceBlock(settings: SourceSettings & { version: string }, schema: string, table: string, position: ChangePosition): Source {
  return {
    version: settings.version,
    connector: 'postgresql',
    name: settings.topicPrefix,
    // When the transaction committed (Begin says), not when the bridge read it: a consumer
    // compares it with the envelope's own ts_ms to see the lag.
    ts_ms: floorDiv(position.commitTimeUs, 1000n),
    snapshot: 'false',
    db: settings.database,
    sequence: sequenceOf(position),
    ts_us: position.commitTimeUs,
    ts_ns: position.commitTimeUs * 1000n,
    schema,
    table,
    // Every change of one transaction carries its xid: how a consumer knows they belong together.
    txId: BigInt(position.xid),
    // The WAL position as a number, not the 0/16B3748 text: consumers order and de-duplicate by it.
    lsn: position.lsn.value,
    xmin: null,
  };
}

/** Debezium writes a two-element list of decimal strings with Jackson, no spaces: ["123","456"] or [null,"456"]. */
export function sequenceOf({ lastCommitLsn, lsn }: ChangePosition): string {
  return `[${lastCommitLsn === null ? 'null' : `"${lastCommitLsn.value}"`},"${lsn.value}"]`;
}
