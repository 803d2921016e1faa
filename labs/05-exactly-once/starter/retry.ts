import { CdcLabError } from '@cdc-lab/common';
import { kafkaErrorTypes } from './kafka-errors.ts';

// Kafka errors that the same request will meet again however often it is retried.
const PERMANENT_KAFKA_ERRORS = new Set([
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_TOPIC_EXCEPTION',
  'INVALID_TRANSACTION_TIMEOUT',
  'UNSUPPORTED_VERSION',
  'UNSUPPORTED_FOR_MESSAGE_FORMAT',
]);

/**
 * Whether a new session may succeed where this one failed: a lost connection, a broker or a
 * Postgres server restarting, a coordinator that moved or is still loading
 * (NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, CONCURRENT_TRANSACTIONS on a fresh broker).
 * A session restart is always safe here — it resumes from the position in Kafka — so the
 * question is only whether it can help.
 */
export function worthRetrying(error: unknown): boolean {
  if (error instanceof CdcLabError) return error.retriable;
  if (error instanceof Error && error.name.startsWith('KafkaJS')) {
    return !kafkaErrorTypes(error).some((type) => PERMANENT_KAFKA_ERRORS.has(type));
  }
  // node-postgres reports a lost connection as a plain Error.
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|57P0[123])$/.test(code);
}

/** One line for a log: the error's message and, for Kafka, the protocol error it carries. */
export function briefly(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const types = kafkaErrorTypes(error);
  return types.length > 0 && !message.includes(types[0]!) ? `${message} (${types[0]})` : message;
}
