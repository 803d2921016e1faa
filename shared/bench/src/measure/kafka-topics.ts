import { Kafka, logLevel, type Admin } from 'kafkajs';

const READ_TIMEOUT_MS = 600_000;
const LINGER_MS = 500;

/**
 * The topics a contender writes, made by the benchmark before it starts so that every contender
 * gets the same ones: the same partitions, and `message.timestamp.type=LogAppendTime`, so each
 * record carries the moment the broker appended it — the far end of the latency measurement.
 */
export class BenchTopics {
  private readonly kafka: Kafka;
  private admin: Admin | undefined;

  constructor(brokers: readonly string[], private readonly partitions: number) {
    this.kafka = new Kafka({ clientId: 'cdc-lab-bench', brokers: [...brokers], logLevel: logLevel.NOTHING });
  }

  async create(topics: readonly string[]): Promise<void> {
    const admin = await this.connectedAdmin();
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({
        topic,
        numPartitions: this.partitions,
        configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }],
      })),
    });
  }

  /**
   * Records in the topics, counted by their end offsets (high watermarks). In a topic written
   * with transactions every commit also takes an offset (its marker), so there this is an
   * upper bound; drain.ts explains how the transactional contender is judged instead.
   */
  async endOffsetTotal(topics: readonly string[]): Promise<number> {
    const admin = await this.connectedAdmin();
    let total = 0;
    for (const topic of topics) {
      for (const partition of await admin.fetchTopicOffsets(topic)) total += Number(partition.high);
    }
    return total;
  }

  /**
   * Read the topics from the start, as a read_committed consumer does, until `expected` records
   * have arrived (then a short while longer, so that extra copies are counted too), handing
   * each record's value and broker timestamp to `visit`. Returns how many records it read.
   */
  async readAll(topics: readonly string[], expected: number, visit: (value: Buffer | null, appendTimeMs: number) => void): Promise<number> {
    const consumer = this.kafka.consumer({ groupId: `cdc-lab-bench-reader-${process.pid}-${Date.now()}`, readUncommitted: false });
    await consumer.connect();
    let count = 0;
    try {
      for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
      const lastArrival = { at: Date.now() };
      await consumer.run({
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) {
            visit(message.value, Number(message.timestamp));
            count += 1;
          }
          if (batch.messages.length > 0) lastArrival.at = Date.now();
        },
      });
      const deadline = Date.now() + READ_TIMEOUT_MS;
      // Transaction markers take offsets but are never delivered, so end offsets cannot say
      // when everything has been read; the expected count can.
      while (count < expected || Date.now() - lastArrival.at < LINGER_MS) {
        if (Date.now() > deadline) throw new Error(`read ${count} of the ${expected} records expected in ${topics.join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await consumer.disconnect();
    }
    return count;
  }

  async delete(topics: readonly string[]): Promise<void> {
    const admin = await this.connectedAdmin();
    const existing = new Set(await admin.listTopics());
    const doomed = topics.filter((topic) => existing.has(topic));
    if (doomed.length > 0) await admin.deleteTopics({ topics: doomed });
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
  }

  private async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    return this.admin;
  }
}
