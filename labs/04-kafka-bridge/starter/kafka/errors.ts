import { CdcLabError, SinkError } from '@cdc-lab/common';

/**
 * What kafkajs said, turned into what to do. kafkajs wraps the last failure of a retried
 * operation (KafkaJSNumberOfRetriesExceeded → cause → …); the innermost error with a Kafka
 * error type or a socket code is the one worth naming.
 */
export function explainKafkaError(error: unknown, brokers: readonly string[]): CdcLabError {
  if (error instanceof CdcLabError) return error;
  const root = innermost(error);
  const message = root instanceof Error ? root.message : String(root);
  const type = (root as { type?: unknown }).type;
  if (isUnreachable(root)) {
    return new SinkError(`cannot reach Kafka at ${brokers.join(',')}: ${message}`, {
      cause: error,
      retriable: true,
      hint: 'is the broker running? `pnpm stack status` shows it; KAFKA_BROKERS must name host:port of a broker listener (eval "$(pnpm -s stack env)" sets the stack\'s)',
    });
  }
  if (type === 'MESSAGE_TOO_LARGE' || type === 'RECORD_LIST_TOO_LARGE') {
    return new SinkError(`Kafka refused a batch: ${message}`, {
      cause: error,
      hint: "a single change event is larger than the broker accepts: raise the topic's max.message.bytes (and the broker's message.max.bytes), or leave the big column out of the publication",
    });
  }
  if (type === 'TOPIC_AUTHORIZATION_FAILED' || type === 'CLUSTER_AUTHORIZATION_FAILED') {
    return new SinkError(`Kafka refused the bridge: ${message}`, {
      cause: error,
      hint: 'the bridge needs to describe and create topics, write to them, and (as an idempotent producer) IdempotentWrite on the cluster',
    });
  }
  return new SinkError(`Kafka failed: ${message}${typeof type === 'string' ? ` (${type})` : ''}`, { cause: error });
}

function innermost(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 10; depth += 1) {
    const next = (current as { originalError?: unknown; cause?: unknown } | null)?.originalError ?? (current as { cause?: unknown } | null)?.cause;
    if (next === undefined || next === null) return current;
    current = next;
  }
  return current;
}

function isUnreachable(error: unknown): boolean {
  const name = (error as { name?: unknown }).name;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : '';
  return name === 'KafkaJSConnectionError'
    || name === 'KafkaJSNoBrokerAvailableError'
    || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH'
    || /ECONNREFUSED|ENOTFOUND|Connection timeout|Failed to connect/i.test(message);
}
