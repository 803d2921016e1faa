import type { Lsn } from '@cdc-lab/common';
import type { Message, TopicMessages } from 'kafkajs';

/**
 * A record ready for Kafka. Lab 4's are JSON text (SerializedRecord); a bridge that writes a
 * binary format (a later lab's Avro) hands over bytes, which go into the batch as they are.
 */
export interface ProducedRecord {
  topic: string;
  key: string | Buffer | null;
  /** null: a tombstone. */
  value: string | Buffer | null;
  headers: Record<string, string>;
  /** Which change this is, in words, for a record whose key or value is not readable text (Avro). */
  origin?: RecordOrigin;
}

export interface RecordOrigin {
  /** schema.table */
  table: string;
  /** The key as JSON text. */
  key: string;
}

/** A transaction's end, as the batch that carries its last record remembers it. */
export interface CommitPoint {
  xid: number;
  /** The end of the commit record: what to confirm once Kafka has every record up to here. */
  endLsn: Lsn;
}

export interface BatchLimits {
  /** Kafka refuses a partition's record batch above message.max.bytes (1 MiB by default): stay well below. */
  maxBytes: number;
  maxRecords: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxBytes: 512 * 1024, maxRecords: 5_000 };

/**
 * One produce request's worth of records, in stream order, plus the last commit among them.
 * Records are grouped by topic for kafkajs; within a topic (and so within a partition, and so
 * for every key) they keep the order they were added in.
 *
 * A batch may hold no records at all, only a commit: a transaction whose records all went out
 * in the batch before. Its acknowledgement is then immediate, but it still comes after that one.
 */
export class RecordBatch {
  private readonly byTopic = new Map<string, Message[]>();
  private recordCount = 0;
  private byteCount = 0;
  private commits = 0;
  private last: CommitPoint | null = null;
  private biggest: LargestRecord | null = null;

  constructor(private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS) {}

  add(record: ProducedRecord): void {
    const key = bytesOf(record.key);
    const value = bytesOf(record.value);
    let messages = this.byTopic.get(record.topic);
    if (!messages) this.byTopic.set(record.topic, (messages = []));
    messages.push({ key, value, headers: record.headers });
    this.recordCount += 1;
    const bytes = (key?.length ?? 0) + (value?.length ?? 0) + headerBytes(record.headers);
    this.byteCount += bytes;
    // Kept as records arrive (one comparison each) so that a refusal can name the record at once.
    if (!this.biggest || bytes > this.biggest.bytes) this.biggest = { topic: record.topic, key, value, bytes, origin: record.origin };
  }

  commit(point: CommitPoint): void {
    this.last = point;
    this.commits += 1;
  }

  get records(): number {
    return this.recordCount;
  }

  get bytes(): number {
    return this.byteCount;
  }

  /** How many transactions end in this batch. */
  get transactions(): number {
    return this.commits;
  }

  /** The last transaction that ends in this batch: once Kafka acknowledges the batch, it is safe. */
  get lastCommit(): CommitPoint | null {
    return this.last;
  }

  get isFull(): boolean {
    return this.byteCount >= this.limits.maxBytes || this.recordCount >= this.limits.maxRecords;
  }

  /** Nothing to send and nothing to confirm. */
  get isEmpty(): boolean {
    return this.recordCount === 0 && this.last === null;
  }

  topics(): string[] {
    return [...this.byTopic.keys()];
  }

  topicMessages(): TopicMessages[] {
    return [...this.byTopic].map(([topic, messages]) => ({ topic, messages }));
  }

  /** The biggest record (key, value and headers), to name it when Kafka refuses the batch as too large. */
  largest(): LargestRecord | null {
    return this.biggest;
  }
}

export interface LargestRecord {
  topic: string;
  key: Buffer | null;
  value: Buffer | null;
  bytes: number;
  origin: RecordOrigin | undefined;
}

/** Text is encoded as UTF-8; bytes are used as they are, not copied. */
function bytesOf(data: string | Buffer | null): Buffer | null {
  if (data === null) return null;
  return typeof data === 'string' ? Buffer.from(data) : data;
}

function headerBytes(headers: Record<string, string>): number {
  let bytes = 0;
  for (const name in headers) bytes += name.length + headers[name]!.length;
  return bytes;
}
