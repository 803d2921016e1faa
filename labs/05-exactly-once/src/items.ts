import type { Captured } from '@cdc-lab/04-kafka-bridge/capture';

/**
 * What travels from the capture stage to the Kafka sink: each change, and each commit that
 * closes a transaction (with `endLsn`, where its commit record ends: the position to confirm).
 * Logical decoding messages (pg_logical_emit_message) are lab 7's business; this bridge lets
 * them pass without a record.
 */
export type ChangeItem = Extract<Captured, { kind: 'change' }>;
export type CommitItem = Extract<Captured, { kind: 'commit' }>;
export type TransactionItem = ChangeItem | CommitItem;
