import { SinkError } from '@cdc-lab/common';

/** The protocol error types in an error and the errors it wraps (kafkajs nests them in `cause`, `originalError`, `errors`). */
export function kafkaErrorTypes(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 5) return [];
  const candidate = error as { type?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
  const types = typeof candidate.type === 'string' ? [candidate.type] : [];
  for (const inner of [candidate.cause, candidate.originalError, ...(Array.isArray(candidate.errors) ? candidate.errors : [])]) {
    types.push(...kafkaErrorTypes(inner, depth + 1));
  }
  return types;
}

/** Kafka refusals a person has to act on, with what to do; null for the others. */
export function explainKafkaError(error: unknown): SinkError | null {
  const types = kafkaErrorTypes(error);
  if (types.includes('MESSAGE_TOO_LARGE') || types.includes('RECORD_LIST_TOO_LARGE')) {
    return new SinkError('the broker refused a batch of records as too large (MESSAGE_TOO_LARGE)', {
      cause: error,
      hint: 'lower --batch-bytes below the broker\'s message.max.bytes (or the topic\'s max.message.bytes); if a single row is larger than that, raise those limits',
    });
  }
  return null;
}
