import { todo } from '@cdc-lab/common';
import type { Lsn } from '@cdc-lab/common';
import type { Source } from '../../src/envelope/envelope.ts';
import { floorDiv } from '../../src/envelope/values/calendar.ts';

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
  // TODO: say where the change came from: which connector and server (the topic prefix),
  //   database, schema and table; which transaction; when it committed, in ms, µs and ns; and
  //   where in the WAL it sits, as a number, with its sequence (sequenceOf). Debezium's field
  //   order is in envelope.ts. Which of these does a consumer need to tell a repeated change
  //   from a new one after the bridge restarts?
  return todo('filling in the source block', 'docs/04-kafka-bridge.md#the-source-block');
}

/** Debezium writes a two-element list of decimal strings with Jackson, no spaces: ["123","456"] or [null,"456"]. */
export function sequenceOf({ lastCommitLsn, lsn }: ChangePosition): string {
  return `[${lastCommitLsn === null ? 'null' : `"${lastCommitLsn.value}"`},"${lsn.value}"]`;
}
