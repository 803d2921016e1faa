import { Kafka, logLevel, type Admin } from 'kafkajs';
import { classify, decodeBytes, headerText, sourcePosition, type AvroDecoder, type RecordView } from './decode.ts';
import { KafkaWire, type TopicOffsets } from './kafka-wire.ts';
import { heldBack, lag, matchesOnly, type PartitionOffsets } from './model.ts';

export interface TopicView {
  name: string;
  partitions: PartitionOffsets[];
  /** Sum over partitions of the high watermark minus the log start. */
  records: number;
  /** Some record of it was written in a Kafka transaction (so its last stable offset matters). */
  transactional: boolean;
  /** Its last stable offset trails its high watermark: a transaction is open. */
  heldBack: boolean;
  /** The latest records (newest last), or null when this topic was not sampled. */
  latest: RecordView[] | null;
}

export interface GroupView {
  groupId: string;
  state: string;
  members: number;
  partitions: Array<{ topic: string; partition: number; committed: string | null; lag: number }>;
  totalLag: number;
}

export interface KafkaView {
  brokers: string;
  topics: TopicView[];
  groups: GroupView[];
  /** How many topics exist beyond those shown (the page shows the most recently written first). */
  hiddenTopics: number;
}

export interface KafkaReadOptions {
  /** Show only topics whose name contains this text. */
  filter?: string;
}

/** Records shown per topic, and topics sampled for records, per snapshot. */
const LATEST_RECORDS = 5;
const SAMPLED_TOPICS = 8;
const SHOWN_TOPICS = 30;
/** Partitions of one topic read for its latest records. */
const SAMPLED_PARTITIONS = 6;
const SHOWN_GROUPS = 20;
const EMPTY_GROUP_REFRESH_MS = 10_000;

/**
 * Kafka as the page sees it, read-only: topic names, consumer groups and their committed
 * offsets through kafkajs's admin client (Metadata, ListGroups, DescribeGroups, OffsetFetch),
 * offsets and records through the protocol layer (kafka-wire.ts), never as a group member.
 */
export class KafkaReader {
  private readonly kafka: Kafka;
  private admin: Admin | undefined;
  private readonly wire: KafkaWire;
  /** When each topic's end last moved, so the busiest topics come first. */
  private readonly lastMoved = new Map<string, { high: string; at: number }>();
  private readonly transactional = new Set<string>();
  /** Latest records per topic-partition, kept until its offsets move. */
  private readonly cache = new Map<string, { stamp: string; records: RecordView[] }>();
  /** Committed offsets per group, with when they were asked. */
  private readonly committed = new Map<string, { at: number; topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }> }>();

  constructor(private readonly brokers: string, private readonly avro: AvroDecoder | undefined) {
    const list = brokers.split(',').map((broker) => broker.trim()).filter(Boolean);
    this.kafka = new Kafka({ clientId: 'cdc-lab-observe', brokers: list, logLevel: logLevel.NOTHING, connectionTimeout: 3_000, requestTimeout: 5_000, retry: { retries: 1 } });
    this.wire = new KafkaWire(list);
  }

  async read(options: KafkaReadOptions = {}): Promise<KafkaView> {
    try {
      return await this.readOnce(options);
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  private async readOnce({ filter }: KafkaReadOptions): Promise<KafkaView> {
    const admin = await this.connectedAdmin();
    const names = (await admin.listTopics())
      .filter((name) => !name.startsWith('__') && matchesOnly(name, filter))
      .sort();
    const offsets = await this.wire.offsets(names);
    const now = Date.now();
    for (const topic of offsets) {
      const high = topic.partitions.map((partition) => partition.high).join(',');
      const before = this.lastMoved.get(topic.topic);
      if (!before || before.high !== high) this.lastMoved.set(topic.topic, { high, at: before ? now : 0 });
    }
    for (const name of this.lastMoved.keys()) if (!names.includes(name)) this.lastMoved.delete(name);
    const ordered = [...offsets].sort((a, b) => (this.lastMoved.get(b.topic)?.at ?? 0) - (this.lastMoved.get(a.topic)?.at ?? 0) || a.topic.localeCompare(b.topic));
    const shown = ordered.slice(0, SHOWN_TOPICS);
    const topics: TopicView[] = [];
    for (const [index, topic] of shown.entries()) {
      const latest = index < SAMPLED_TOPICS ? await this.latest(topic) : null;
      if (heldBack(topic.partitions)) this.transactional.add(topic.topic);
      topics.push({
        name: topic.topic,
        partitions: topic.partitions,
        records: topic.partitions.reduce((sum, partition) => sum + Number(BigInt(partition.high) - BigInt(partition.low)), 0),
        transactional: this.transactional.has(topic.topic),
        heldBack: heldBack(topic.partitions),
        latest,
      });
    }
    const groups = await this.groups(admin, offsets, filter);
    return { brokers: this.brokers, topics, groups, hiddenTopics: offsets.length - shown.length };
  }

  /** The last few records of a topic across its partitions, newest last. */
  private async latest(topic: TopicOffsets): Promise<RecordView[]> {
    const records: RecordView[] = [];
    for (const partition of topic.partitions.slice(0, SAMPLED_PARTITIONS)) {
      const cacheKey = `${partition.partition}\u0000${topic.topic}`;
      const stamp = `${partition.low}/${partition.high}/${partition.lastStable}`;
      const cached = this.cache.get(cacheKey);
      if (cached?.stamp === stamp) {
        records.push(...cached.records);
        continue;
      }
      const high = BigInt(partition.high);
      const low = BigInt(partition.low);
      // Control records take offsets too: read a little further back so a few data records remain.
      const from = high - BigInt(LATEST_RECORDS * 3) > low ? high - BigInt(LATEST_RECORDS * 3) : low;
      const fetched = high > low ? await this.wire.fetch(topic.topic, partition.partition, from.toString()) : undefined;
      const partitionRecords: RecordView[] = [];
      for (const { message, state } of fetched ? classify(fetched) : []) {
        if (message.batchContext?.inTransaction) this.transactional.add(topic.topic);
        const value = state === 'commit-marker' || state === 'abort-marker' ? { kind: 'null' as const } : await decodeBytes(message.value, this.avro);
        partitionRecords.push({
          partition: partition.partition,
          offset: message.offset,
          timestamp: new Date(Number(message.timestamp)).toISOString(),
          state,
          key: state === 'commit-marker' || state === 'abort-marker' ? { kind: 'null' } : await decodeBytes(message.key, this.avro),
          value,
          headers: headerText(message.headers),
          source: sourcePosition(value),
        });
      }
      const kept = partitionRecords.slice(-LATEST_RECORDS * 2);
      this.cache.set(cacheKey, { stamp, records: kept });
      records.push(...kept);
    }
    for (const key of this.cache.keys()) if (key.endsWith(`\u0000${topic.topic}`) && !topic.partitions.some((p) => key === `${p.partition}\u0000${topic.topic}`)) this.cache.delete(key);
    return records.sort((a, b) => a.timestamp.localeCompare(b.timestamp) || Number(BigInt(a.offset) - BigInt(b.offset))).slice(-LATEST_RECORDS * 2);
  }

  /**
   * Consumer groups with their committed offsets and lag. A group that is Empty (its consumers
   * gone) keeps its offsets, and its lag grows: that is worth seeing, but its offsets change
   * only when a consumer comes back, so they are asked again every 10 s rather than every second.
   * Groups with no member and no offset on a topic shown (graders leave many) are left out.
   */
  private async groups(admin: Admin, offsets: TopicOffsets[], filter: string | undefined): Promise<GroupView[]> {
    const listed = (await admin.listGroups()).groups.filter((group) => group.protocolType === 'consumer' || group.protocolType === '');
    if (listed.length === 0) return [];
    const described = await admin.describeGroups(listed.map((group) => group.groupId));
    const byTopic = new Map(offsets.map((topic) => [topic.topic, topic]));
    const now = Date.now();
    const views: GroupView[] = [];
    for (const group of described.groups) {
      if (group.state === 'Dead') continue;
      let committed = this.committed.get(group.groupId);
      if (!committed || group.state !== 'Empty' || now - committed.at > EMPTY_GROUP_REFRESH_MS) {
        committed = { at: now, topics: await admin.fetchOffsets({ groupId: group.groupId }) };
        this.committed.set(group.groupId, committed);
      }
      const partitions: GroupView['partitions'] = [];
      for (const topic of committed.topics) {
        const ends = byTopic.get(topic.topic);
        if (!ends || !matchesOnly(topic.topic, filter)) continue;
        for (const partition of topic.partitions) {
          const end = ends.partitions.find((candidate) => candidate.partition === partition.partition);
          const offset = partition.offset === '-1' ? null : partition.offset;
          if (offset === null && group.members.length === 0) continue;
          partitions.push({ topic: topic.topic, partition: partition.partition, committed: offset, lag: end ? lag(end.high, offset, end.low) : 0 });
        }
      }
      if (partitions.length === 0 && (filter !== undefined || group.members.length === 0)) continue;
      views.push({ groupId: group.groupId, state: group.state, members: group.members.length, partitions, totalLag: partitions.reduce((sum, p) => sum + p.lag, 0) });
    }
    const listedIds = new Set(listed.map((group) => group.groupId));
    for (const id of this.committed.keys()) if (!listedIds.has(id)) this.committed.delete(id);
    return views.sort((a, b) => b.members - a.members || b.totalLag - a.totalLag || a.groupId.localeCompare(b.groupId)).slice(0, SHOWN_GROUPS);
  }

  private async connectedAdmin(): Promise<Admin> {
    if (this.admin) return this.admin;
    const admin = this.kafka.admin();
    await admin.connect();
    this.admin = admin;
    return admin;
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => {});
    await this.wire.close();
  }
}
