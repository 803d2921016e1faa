import { Kafka, logLevel, type logCreator } from 'kafkajs';

/** kafkajs speaks only when something is wrong, on stderr, so that stdout stays the program's. */
const stderrLogs: logCreator = () => ({ namespace, log }) => {
  process.stderr.write(`[kafkajs${namespace ? ` ${namespace}` : ''}] ${log.message}\n`);
};

export function kafkaClient(brokers: string[], clientId: string): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.ERROR, logCreator: stderrLogs, retry: { retries: 5 } });
}

/**
 * Create a topic unless it exists, with the broker's default partitions. Relying on the
 * broker's auto-creation works too, but costs the first send a round of "leader not
 * available" retries, and depends on a broker setting.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) await admin.createTopics({ topics: missing.map((topic) => ({ topic })), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}
