import type { ReplicationStream } from '@cdc-lab/03-logical-streamer/replication';
import type { Captured } from '@cdc-lab/04-kafka-bridge/capture';
import type { SizeTally } from '../sizes/size-tally.ts';
import type { frame } from '../wire-format.ts';
import { avroRecordsFor, type AvroRecord } from './avro-records.ts';
import type { KafkaSink } from './kafka-sink.ts';
import type { RegisteredTables } from './registered-tables.ts';

/** A transaction with a million changes is sent in pieces; only its commit is confirmed. */
const MAX_BATCH = 500;

export interface ForwardContext {
  stream: ReplicationStream;
  sink: KafkaSink;
  tables: RegisteredTables;
  topicPrefix: string;
  frame: typeof frame;
  sizes: SizeTally;
  print(line: string): void;
}

/**
 * The loop, one transaction at a time, in commit order: each change becomes Avro records
 * (registering its table's schemas first if its shape is new), and at the commit the records
 * go to Kafka; only once Kafka has acknowledged them is the commit confirmed to Postgres.
 *
 * A schema the registry refuses throws out of avroRecordsFor, before anything of that
 * transaction is sent or confirmed: the slot keeps it, and the next run meets it again.
 */
export async function forwardTransactions(captured: AsyncIterable<Captured>, context: ForwardContext): Promise<void> {
  let pending: AvroRecord[] = [];
  let sent = 0;
  for await (const item of captured) {
    if (item.kind === 'message') continue;
    if (item.kind === 'change') {
      pending.push(...(await avroRecordsFor(item.event, context.topicPrefix, context.tables, context.frame)));
      if (pending.length >= MAX_BATCH) {
        await send(pending, context);
        sent += pending.length;
        pending = [];
      }
      continue;
    }
    await send(pending, context);
    sent += pending.length;
    pending = [];
    // Kafka has every record of the transaction (acks = all): now, and not before, the slot may forget it.
    context.stream.confirmFlushedLsn(item.endLsn);
    if (sent > 0) context.print(`Kafka acknowledged ${sent} record${sent === 1 ? '' : 's'} of transaction ${item.transaction.xid}; confirmed ${item.endLsn.toString()}`);
    sent = 0;
  }
}

async function send(records: AvroRecord[], context: ForwardContext): Promise<void> {
  if (records.length === 0) return;
  await context.sink.send(records);
  context.sizes.add(records);
  context.sizes.save();
}
