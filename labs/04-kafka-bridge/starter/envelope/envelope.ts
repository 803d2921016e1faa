import type { JsonObject } from '../json/write-json.ts';

/*
 * The change event, field for field what Debezium's Postgres connector (3.0) writes with the
 * JSON converter and schemas disabled — in its field order:
 *
 *   { "before": {…} | null, "after": {…} | null,
 *     "source": { "version", "connector", "name", "ts_ms", "snapshot", "db", "sequence",
 *                 "ts_us", "ts_ns", "schema", "table", "txId", "lsn", "xmin" },
 *     "transaction": null, "op": "c" | "u" | "d" | "t" | "r", "ts_ms", "ts_us", "ts_ns" }
 *
 * Fields Debezium declares INT64 are bigint here (ts_*, txId, lsn, xmin), so that the JSON
 * writer prints them as the exact integers Debezium prints.
 *
 * Types, not interfaces: a type literal is assignable to JsonObject, an interface is not.
 */

/** c create (insert), u update, d delete, t truncate, r read (a snapshot row, lab 6). */
export type Operation = 'c' | 'u' | 'd' | 't' | 'r';

/** Debezium's SnapshotRecord, lower-cased; streamed changes say 'false'. */
export type SnapshotMarker = 'false' | 'true' | 'first' | 'first_in_data_collection' | 'last_in_data_collection' | 'last' | 'incremental';

export type Source = {
  /** The connector's version: Debezium's own, so that lab 9 can compare like with like. */
  version: string;
  connector: 'postgresql';
  /** topic.prefix: the logical name of the source server. */
  name: string;
  /** When the transaction committed (not when we read it), milliseconds since the epoch. */
  ts_ms: bigint;
  snapshot: SnapshotMarker;
  db: string;
  /**
   * A JSON array in a string: ["<LSN of the last commit before this change>", "<LSN of this
   * change>"], both as decimal strings (the first is null until a commit has been seen).
   * Consumers use it to order and de-duplicate events.
   */
  sequence: string;
  ts_us: bigint;
  ts_ns: bigint;
  schema: string;
  table: string;
  txId: bigint | null;
  /** The WAL position of this change, as a number (not the 0/16B3748 text form). */
  lsn: bigint | null;
  /** Only with xmin.fetch.interval.ms > 0; the default leaves it null. */
  xmin: bigint | null;
};

export type Envelope = {
  before: JsonObject | null;
  after: JsonObject | null;
  source: Source;
  /** Set only with provide.transaction.metadata=true, which the bridge does not emulate. */
  transaction: null;
  op: Operation;
  /** When the event was made (processing time), not when the change happened. */
  ts_ms: bigint;
  ts_us: bigint;
  ts_ns: bigint;
};

/** One event before it becomes Kafka records: which table, its key, its value. */
export type ChangeEvent = {
  schema: string;
  table: string;
  /** The primary key columns as an object ({"id": 1}); null for truncates and tables without a key. */
  key: JsonObject | null;
  value: Envelope;
  /**
   * When an UPDATE changes the primary key, Debezium emits a delete of the old key and a
   * create of the new one, each naming the other key in a header.
   */
  headers: Record<string, JsonObject>;
};

/** The Debezium release whose output this envelope reproduces. */
export const DEBEZIUM_VERSION = '3.0.8.Final';
