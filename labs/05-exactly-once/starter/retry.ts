import { CdcLabError, todo } from '@cdc-lab/common';
import { kafkaErrorTypes } from '../src/kafka-errors.ts';

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
  // TODO: say whether a new session may get past this failure. The bridge's own errors say so
  //   themselves. For a Kafka error, which refusals would the same request meet again however
  //   often it were sent (PERMANENT_KAFKA_ERRORS)? And a Postgres connection that was lost or a
  //   server shutting down or starting: how does node-postgres report those
  //   (POSTGRES_GOING_AWAY), and what if one of the bridge's own errors wraps such an error as
  //   its cause? Anything you do not recognise: is retrying it safe, and does it help?
  return todo('deciding which failures a new session may get past', 'docs/05-exactly-once.md#when-something-fails');
}

/** One line for a log: the error's message and, for Kafka, the protocol error it carries. */
export function briefly(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const types = kafkaErrorTypes(error);
  return types.length > 0 && !message.includes(types[0]!) ? `${message} (${types[0]})` : message;
}
