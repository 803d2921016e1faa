/**
 * The replication transport, for this lab and the ones that build on it (labs 4 and 5 import
 * it as @cdc-lab/03-logical-streamer/replication with pgoutput instead of test_decoding).
 */
export { ReplicationStream, DEFAULT_STATUS_INTERVAL_MS, startReplicationCommand, type ReplicationStreamOptions } from './stream.ts';
export { ReplicationConnection } from './connection.ts';
export { ensureSlot, type Slot } from './slot.ts';
export {
  decodeKeepalive,
  decodeServerMessage,
  decodeXLogData,
  encodeStandbyStatusUpdate,
  type PrimaryKeepalive,
  type ServerMessage,
  type StandbyStatus,
  type XLogData,
} from './messages.ts';
export { explainPostgresError, SlotInvalidatedError, type ErrorContext } from './errors.ts';
export { fromPostgresMicros, toPostgresMicros } from './postgres-time.ts';
export { quoteIdentifier, quoteLiteral } from './sql-text.ts';
export { snapshotOption } from './snapshot-option.ts';
