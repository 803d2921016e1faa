import type { Message, TopicMessages } from 'kafkajs';
import type { Lsn } from '@cdc-lab/common';
import { kafkaRecordsFor, serializeRecord, type TopicRouting } from '@cdc-lab/04-kafka-bridge/envelope';
import type { TransactionItem } from '../items.ts';
import { positionAfterChange, positionAfterCommit, type Position } from '../position.ts';

// Offsets, lengths, timestamps: a record's framing in Kafka's record batch format, at most.
const RECORD_OVERHEAD_BYTES = 64;

function byteLength(text: string | null): number {
  return text === null ? 0 : Buffer.byteLength(text);
}

/**
 * What one Kafka transaction carries: the records of consecutive changes, in WAL order, and
 * where they end. Usually whole Postgres transactions — several of them when they are small —
 * but a piece of one when it is larger than a batch may hold.
 */
export class Batch {
  private readonly byTopic = new Map<string, Message[]>();
  /** Changes (events) in the batch; a delete is one change and two records (its tombstone). */
  changes = 0;
  records = 0;
  /** Roughly what the records weigh on the wire (keys, values, headers, per-record framing). */
  bytes = 0;
  /** Postgres transactions whose commit is in the batch. */
  transactions = 0;
  /** The position after the batch's last item: what the offsets topic will say once it is committed. */
  position: Position | null = null;
  /** Where the commit record of the last transaction that ends in the batch ends: what the slot may be confirmed to. */
  lastCompleteLsn: Lsn | null = null;

  constructor(private readonly routing: TopicRouting) {}

  add(item: TransactionItem): void {
    if (item.kind === 'commit') {
      this.transactions += 1;
      this.position = positionAfterCommit(item.transaction, item.changes);
      this.lastCompleteLsn = item.endLsn;
      return;
    }
    for (const record of kafkaRecordsFor(item.event, this.routing)) {
      const { topic, key, value, headers } = serializeRecord(record);
      let messages = this.byTopic.get(topic);
      if (!messages) this.byTopic.set(topic, (messages = []));
      messages.push({ key, value, headers });
      this.records += 1;
      this.bytes += RECORD_OVERHEAD_BYTES + byteLength(key) + byteLength(value);
      for (const [name, header] of Object.entries(headers)) this.bytes += byteLength(name) + byteLength(header);
    }
    this.changes += 1;
    this.position = positionAfterChange(item.transaction, item.index);
  }

  get isEmpty(): boolean {
    return this.position === null;
  }

  /** True unless the batch stops inside a transaction. */
  get endsAtCommit(): boolean {
    return this.position?.complete ?? true;
  }

  /** The event records, per topic, in the order they were added. */
  topicMessages(): TopicMessages[] {
    return [...this.byTopic].map(([topic, messages]) => ({ topic, messages }));
  }
}
