import { todo } from '@cdc-lab/common';
import { Kafka, logLevel, type Producer } from 'kafkajs';

/**
 * kafkajs, quiet: its own log lines would mix with the bridge's, and every failure that matters
 * reaches the bridge as an error anyway.
 */
export function kafkaClient(brokers: string[]): Kafka {
  return new Kafka({ clientId: 'cdc-lab-05', brokers, logLevel: logLevel.NOTHING });
}

/**
 * A transactional producer. The transactional id is the producer's identity across restarts:
 * Kafka keeps, per id, an epoch that each new instance bumps, and refuses writes from any
 * older epoch. Transactions require idempotence (sequence numbers per partition, so a retried
 * request is not written twice) and one request in flight at a time in kafkajs.
 */
export function transactionalProducer(kafka: Kafka, transactionalId: string): Producer {
  // TODO: create the producer this bridge writes with. What makes it the same producer across
  //   restarts, so that Kafka can fence an older copy of it? What else does kafkajs insist on
  //   before it lets a producer run transactions? (PRODUCER_RETRY below is for its retries.)
  return todo('creating a transactional producer', 'docs/05-exactly-once.md#what-a-kafka-transaction-is');
}

/**
 * A commit returns once the coordinator has decided it; the markers are written just after,
 * and until they are, the next transaction's first request is answered CONCURRENT_TRANSACTIONS
 * — a retriable error. kafkajs's first retry waits 300 ms by default, longer than ten small
 * transactions take; Kafka's Java producer waits 20 ms in this case. Ten retries from 20 ms
 * still cover more than twenty seconds of a broker being away.
 */
const PRODUCER_RETRY = { initialRetryTime: 20, retries: 10 };
