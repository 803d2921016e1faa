/**
 * Decoding the pgoutput logical replication protocol: bytes of one XLogData payload in, a typed
 * message out (a tagged union keyed on `tag`), and the cache of table shapes that later changes
 * need. Later labs import this as @cdc-lab/04-kafka-bridge/pgoutput.
 */
export { decodePgoutput, POSTGRES_EPOCH_UNIX_MICROS } from './decode.ts';
export { RelationCache } from './relation-cache.ts';
export { BufferReader } from './buffer-reader.ts';
export type {
  BeginMessage,
  CommitMessage,
  DeleteMessage,
  InsertMessage,
  LogicalMessage,
  OldTuple,
  OriginMessage,
  PgoutputMessage,
  RelationColumn,
  RelationMessage,
  ReplicaIdentity,
  RowChangeMessage,
  TruncateMessage,
  TupleValue,
  TypeMessage,
  UpdateMessage,
} from './messages.ts';
