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

/** node-postgres's codes for a lost socket, and the SQLSTATEs of a server shutting down or starting. */
const POSTGRES_GOING_AWAY = /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|57P0[123])$/;

/**
 * Whether a new session may succeed where this one failed: a lost connection, a broker or a
 * Postgres server restarting, a coordinator that moved or is still loading
 * (NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, CONCURRENT_TRANSACTIONS on a fresh broker).
 * A session restart is always safe here — it resumes from the position in Kafka — so the
 * question is only whether it can help.
 */
export function worthRetrying(error: unknown): boolean {
  // A Postgres server going away, whether the error is node-postgres's own or an explanation
  // wrapped around it (a server still shutting down answers a new connection with 57P03).
  for (const candidate of [error, error instanceof CdcLabError ? error.cause : undefined]) {
    const code = (candidate as { code?: unknown } | null | undefined)?.code;
    if (typeof code === 'string' && POSTGRES_GOING_AWAY.test(code)) return true;
  }
  if (error instanceof CdcLabError) return error.retriable;
  if (error instanceof Error && error.name.startsWith('KafkaJS')) {
    return !kafkaErrorTypes(error).some((type) => PERMANENT_KAFKA_ERRORS.has(type));
  }
  return false;
}

/** One line for a log: the error's message and, for Kafka, the protocol error it carries. */
export function briefly(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const types = kafkaErrorTypes(error);
  return types.length > 0 && !message.includes(types[0]!) ? `${message} (${types[0]})` : message;
}
