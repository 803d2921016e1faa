import { Kafka, logLevel } from 'kafkajs';
import { waitUntil } from './ports.ts';

const PROBE_TOPIC = '__cdc_lab_ready';
const PROBE_ID = 'cdc-lab-readiness';

/**
 * Wait until a broker can do what the labs ask of it, not merely accept connections.
 *
 * A fresh broker creates its internal topics lazily: `__transaction_state` on the first
 * transactional producer, `__consumer_offsets` on the first consumer group. Until those are
 * loaded, a transaction that commits consumer offsets fails with NOT_COORDINATOR, and kafkajs
 * does not retry that inside a transaction. The transaction it leaves open then holds
 * back the last stable offset, and read_committed consumers see nothing. Running one such
 * transaction here, retrying until it commits, creates both topics before any test starts.
 */
export async function waitForKafkaReady(brokers: string, timeoutMs = 90_000): Promise<void> {
  const kafka = new Kafka({ clientId: PROBE_ID, brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    // The controller must have elected itself and registered the broker to create a topic.
    await waitUntil(async () => {
      try {
        await admin.createTopics({ topics: [{ topic: PROBE_TOPIC, numPartitions: 1 }], waitForLeaders: true });
        return (await admin.listTopics()).includes(PROBE_TOPIC);
      } catch {
        return false;
      }
    }, { timeoutMs, intervalMs: 500, what: 'the Kafka controller to accept a topic' });

    await waitUntil(() => commitProbeTransaction(kafka), {
      timeoutMs,
      intervalMs: 500,
      what: 'Kafka to commit a transaction with consumer offsets',
    });
    await admin.deleteTopics({ topics: [PROBE_TOPIC] });
  } finally {
    await admin.disconnect();
  }
}

async function commitProbeTransaction(kafka: Kafka): Promise<boolean> {
  const producer = kafka.producer({ transactionalId: PROBE_ID, idempotent: true, maxInFlightRequests: 1 });
  try {
    await producer.connect();
    const transaction = await producer.transaction();
    try {
      await transaction.send({ topic: PROBE_TOPIC, messages: [{ value: 'ready?' }] });
      await transaction.sendOffsets({ consumerGroupId: PROBE_ID, topics: [{ topic: PROBE_TOPIC, partitions: [{ partition: 0, offset: '1' }] }] });
      await transaction.commit();
      return true;
    } catch {
      await transaction.abort().catch(() => {});
      return false;
    }
  } catch {
    return false;
  } finally {
    await producer.disconnect().catch(() => {});
  }
}
