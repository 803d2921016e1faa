import type { Lsn } from '@cdc-lab/common';

/*
 * The logical replication messages of pgoutput, protocol version 1, as typed values. One
 * XLogData payload carries exactly one of them. Decoding (decode.ts) turns bytes into these;
 * nothing here knows about Kafka or envelopes.
 *
 * Times are kept as microseconds since the Unix epoch (bigint): pgoutput sends microseconds
 * since 2000-01-01, and a JavaScript Date would drop the last three digits.
 */

/** A transaction starts. Every change until the matching Commit belongs to it. */
export interface BeginMessage {
  tag: 'begin';
  /**
   * The LSN of the transaction's commit record — where that record starts (Postgres calls it the
   * final LSN). Known from the first message, so it names the transaction; it is not the
   * position to confirm: that is the Commit message's endLsn, just past the record.
   */
  finalLsn: Lsn;
  commitTimeUs: bigint;
  xid: number;
}

export interface CommitMessage {
  tag: 'commit';
  flags: number;
  /** The commit record itself. */
  commitLsn: Lsn;
  /** The end of the commit record: confirming this position acknowledges the transaction. */
  endLsn: Lsn;
  commitTimeUs: bigint;
}

/** The transaction was replayed from another server (it carries that server's origin name). */
export interface OriginMessage {
  tag: 'origin';
  originLsn: Lsn;
  name: string;
}

/**
 * What the replica identity of a table is: which old values UPDATE and DELETE messages carry.
 * d = default (the primary key), n = nothing, f = full (every column), i = a chosen unique index.
 */
export type ReplicaIdentity = 'd' | 'n' | 'f' | 'i';

export interface RelationColumn {
  name: string;
  typeOid: number;
  /** The type modifier: varchar length, numeric precision and scale, time precision; -1 if none. */
  typmod: number;
  /** Part of the replica identity (for REPLICA IDENTITY FULL: every column). */
  isKey: boolean;
}

/**
 * A table's shape, sent before the first change of that table in a session and again after
 * every ALTER TABLE that changes it. Changes refer to the table by `relationId` only.
 */
export interface RelationMessage {
  tag: 'relation';
  relationId: number;
  namespace: string;
  name: string;
  replicaIdentity: ReplicaIdentity;
  columns: RelationColumn[];
}

/** Names a type that is not built in (an enum, a domain, an extension's type) before a Relation uses it. */
export interface TypeMessage {
  tag: 'type';
  typeOid: number;
  namespace: string;
  name: string;
}

/** One column's value inside a tuple. */
export type TupleValue =
  | { kind: 'null' }
  /** A TOASTed value the change did not touch: Postgres does not send it again. */
  | { kind: 'unchanged-toast' }
  /** The value as Postgres's output function prints it (what psql would show). */
  | { kind: 'text'; text: string }
  /** Only with the `binary` option, which this project never asks for. */
  | { kind: 'binary'; bytes: Buffer };

/** The old row of an UPDATE or DELETE: only the replica identity columns, or every column. */
export interface OldTuple {
  identity: 'key' | 'full';
  values: TupleValue[];
}

export interface InsertMessage {
  tag: 'insert';
  relationId: number;
  newTuple: TupleValue[];
}

export interface UpdateMessage {
  tag: 'update';
  relationId: number;
  /**
   * Present with REPLICA IDENTITY FULL (identity 'full'), or when the key itself changed
   * (identity 'key'); absent for an ordinary update under the default identity.
   */
  old: OldTuple | null;
  newTuple: TupleValue[];
}

export interface DeleteMessage {
  tag: 'delete';
  relationId: number;
  old: OldTuple;
}

export interface TruncateMessage {
  tag: 'truncate';
  relationIds: number[];
  cascade: boolean;
  restartIdentity: boolean;
}

/** pg_logical_emit_message(): bytes written to the WAL for consumers, not to any table. */
export interface LogicalMessage {
  tag: 'message';
  transactional: boolean;
  lsn: Lsn;
  prefix: string;
  content: Buffer;
}

export type PgoutputMessage =
  | BeginMessage
  | CommitMessage
  | OriginMessage
  | RelationMessage
  | TypeMessage
  | InsertMessage
  | UpdateMessage
  | DeleteMessage
  | TruncateMessage
  | LogicalMessage;

export type RowChangeMessage = InsertMessage | UpdateMessage | DeleteMessage;
