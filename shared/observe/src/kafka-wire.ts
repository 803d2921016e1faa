import { createRequire } from 'node:module';

/**
 * Reading Kafka without being a consumer. kafkajs's public API has no way to say "ListOffsets
 * with isolation read_uncommitted" (its admin asks read_committed, so `fetchTopicOffsets`
 * returns the last stable offset, not the high watermark) nor to fetch records without joining a
 * consumer group. Its own protocol layer does both: a Cluster and its brokers speak ListOffsets
 * and Fetch with whatever isolation level we pass, and a Fetch names partitions and offsets
 * directly (as a Java consumer's assign() + seek() does), so no group is created and nothing is
 * committed. kafkajs is pinned (2.2.4, patched in this repository), so these internal modules
 * cannot move under us; the types below are the part of them this file uses.
 *
 *   ListOffsets (v2+) => replica_id isolation_level [topic [partition timestamp]]
 *     timestamp -1 = latest, -2 = earliest; isolation 0 = read_uncommitted (high watermark),
 *     1 = read_committed (last stable offset)
 *   Fetch (v4+) => … isolation_level [topic [partition fetch_offset max_bytes]]
 *     each partition answers with high_watermark, last_stable_offset, aborted_transactions, records
 */
export const READ_UNCOMMITTED = 0;
export const READ_COMMITTED = 1;
const LATEST = -1;
const EARLIEST = -2;

export interface WireMessage {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[] | undefined>;
  isControlRecord?: boolean;
  batchContext?: { producerId: string; inTransaction: boolean; isControlBatch: boolean };
}

export interface WireFetchPartition {
  partition: number;
  errorCode: number;
  highWatermark: string;
  lastStableOffset: string;
  abortedTransactions: Array<{ producerId: string; firstOffset: string }>;
  messages: WireMessage[];
}

interface WireBroker {
  listOffsets(request: { isolationLevel: number; topics: Array<{ topic: string; partitions: Array<{ partition: number; timestamp: number }> }> }): Promise<{
    responses: Array<{ topic: string; partitions: Array<{ partition: number; offset: string; errorCode: number }> }>;
  }>;
  fetch(request: {
    isolationLevel: number; maxWaitTime: number; minBytes: number; maxBytes: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; fetchOffset: string; maxBytes: number }> }>;
  }): Promise<{ responses: Array<{ topicName: string; partitions: WireFetchPartition[] }> }>;
}

interface WireCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  findTopicPartitionMetadata(topic: string): Array<{ partitionId: number; leader: number }>;
  findBroker(args: { nodeId: string }): Promise<WireBroker>;
}

type ClusterConstructor = new (options: Record<string, unknown>) => WireCluster;

const require = createRequire(import.meta.url);

export interface TopicOffsets {
  topic: string;
  partitions: Array<{ partition: number; low: string; high: string; lastStable: string }>;
}

export class KafkaWire {
  private cluster: WireCluster | undefined;

  constructor(private readonly brokers: string[]) {}

  /** Log start, high watermark and last stable offset of every partition of these topics. */
  async offsets(topics: string[]): Promise<TopicOffsets[]> {
    if (topics.length === 0) return [];
    const cluster = await this.connected();
    await cluster.addMultipleTargetTopics(topics);
    const byLeader = new Map<number, Array<{ topic: string; partition: number }>>();
    for (const topic of topics) {
      for (const partition of cluster.findTopicPartitionMetadata(topic)) {
        const list = byLeader.get(partition.leader) ?? [];
        list.push({ topic, partition: partition.partitionId });
        byLeader.set(partition.leader, list);
      }
    }
    const found = new Map<string, { low?: string; high?: string; lastStable?: string }>();
    const key = (topic: string, partition: number) => `${partition}\u0000${topic}`;
    await Promise.all([...byLeader].map(async ([leader, partitions]) => {
      const broker = await cluster.findBroker({ nodeId: String(leader) });
      const ask = async (isolationLevel: number, timestamp: number, field: 'low' | 'high' | 'lastStable') => {
        const grouped = new Map<string, Array<{ partition: number; timestamp: number }>>();
        for (const { topic, partition } of partitions) grouped.set(topic, [...(grouped.get(topic) ?? []), { partition, timestamp }]);
        const answer = await broker.listOffsets({ isolationLevel, topics: [...grouped].map(([topic, list]) => ({ topic, partitions: list })) });
        for (const response of answer.responses) {
          for (const partition of response.partitions) {
            const entry = found.get(key(response.topic, partition.partition)) ?? {};
            entry[field] = partition.offset;
            found.set(key(response.topic, partition.partition), entry);
          }
        }
      };
      await ask(READ_UNCOMMITTED, EARLIEST, 'low');
      await ask(READ_UNCOMMITTED, LATEST, 'high');
      await ask(READ_COMMITTED, LATEST, 'lastStable');
    }));
    return topics.map((topic) => ({
      topic,
      partitions: cluster.findTopicPartitionMetadata(topic)
        .map((partition) => {
          const entry = found.get(key(topic, partition.partitionId)) ?? {};
          return { partition: partition.partitionId, low: entry.low ?? '0', high: entry.high ?? '0', lastStable: entry.lastStable ?? entry.high ?? '0' };
        })
        .sort((a, b) => a.partition - b.partition),
    }));
  }

  /** The records of one partition from `fromOffset` on, read_uncommitted (open and aborted transactions included). */
  async fetch(topic: string, partition: number, fromOffset: string): Promise<WireFetchPartition | undefined> {
    const cluster = await this.connected();
    const leader = cluster.findTopicPartitionMetadata(topic).find((candidate) => candidate.partitionId === partition)?.leader;
    if (leader === undefined) return undefined;
    const broker = await cluster.findBroker({ nodeId: String(leader) });
    const answer = await broker.fetch({
      isolationLevel: READ_UNCOMMITTED,
      maxWaitTime: 0,
      minBytes: 0,
      maxBytes: 256 * 1024,
      topics: [{ topic, partitions: [{ partition, fetchOffset: fromOffset, maxBytes: 128 * 1024 }] }],
    });
    return answer.responses[0]?.partitions[0];
  }

  private async connected(): Promise<WireCluster> {
    if (this.cluster) return this.cluster;
    const Cluster = require('kafkajs/src/cluster/index.js') as ClusterConstructor;
    const { createLogger, LEVELS } = require('kafkajs/src/loggers/index.js') as { createLogger: (options: unknown) => unknown; LEVELS: { NOTHING: number } };
    const logCreator = require('kafkajs/src/loggers/console.js') as unknown;
    const socketFactory = (require('kafkajs/src/network/socketFactory.js') as () => unknown)();
    const cluster = new Cluster({
      logger: createLogger({ level: LEVELS.NOTHING, logCreator }),
      brokers: this.brokers,
      clientId: 'cdc-lab-observe',
      socketFactory,
      offsets: new Map(),
      isolationLevel: READ_UNCOMMITTED,
      allowAutoTopicCreation: false,
      connectionTimeout: 3_000,
      requestTimeout: 5_000,
      enforceRequestTimeout: true,
      retry: { retries: 1 },
    });
    await cluster.connect();
    this.cluster = cluster;
    return cluster;
  }

  async close(): Promise<void> {
    const cluster = this.cluster;
    this.cluster = undefined;
    await cluster?.disconnect().catch(() => {});
  }
}
