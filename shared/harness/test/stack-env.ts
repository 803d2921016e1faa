import { inject } from 'vitest';

/** The Kafka brokers of the stack the test run's global setup started or found. */
export function brokersFromEnv(): string[] {
  const brokers = inject('stackEnv').KAFKA_BROKERS;
  if (!brokers) throw new Error('the stack has no Kafka; this file must run in the "stack" project');
  return brokers.split(',');
}
