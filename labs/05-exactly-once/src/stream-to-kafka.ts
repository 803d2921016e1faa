import type { Producer } from 'kafkajs';
import { captureTransactions, type CaptureOptions } from '@cdc-lab/04-kafka-bridge/capture';
import type { TopicRouting } from '@cdc-lab/04-kafka-bridge/envelope';
import type { Batch } from './batches/batch.ts';
import { Handoff } from './batches/handoff.ts';
import { nextBatch, type BatchLimits } from './batches/next-batch.ts';
import type { BridgeStream } from '@cdc-lab/04-kafka-bridge/capture';
import type { TransactionItem } from './items.ts';
import type { BridgeParts } from './parts.ts';
import type { OffsetsTopic } from './offsets-topic.ts';
import type { Position } from './position.ts';

export interface StreamToKafkaOptions extends CaptureOptions {
  producer: Producer;
  offsets: OffsetsTopic;
  /** What Kafka already has (read back at the start of the session). */
  position: Position | null;
  limits: BatchLimits;
  routing: TopicRouting;
  parts: BridgeParts;
  onSkipped(count: number): void;
  onCommitted(batch: Batch): void;
  /** Say what Kafka refused in a batch (an event too large for its topic); null if it is not that. */
  explainRefusal(error: unknown, batch: Batch): Promise<Error | null>;
}

/**
 * The path of one change, in two loops joined by a bounded queue:
 *
 *   capture   receive → decode → shape (lab 4) → skip what Kafka already has → queue
 *   sink      queue → batch → ONE Kafka transaction: events + position → commit → confirm
 *
 * The capture loop keeps reading while the sink waits for a commit, and the sink takes
 * everything that arrived meanwhile into its next transaction. Returns when the stream ends
 * (stop() on Ctrl-C) and everything received has been written; throws on the first failure
 * of either loop, having confirmed nothing that was not committed.
 */
export async function streamToKafka(stream: BridgeStream, options: StreamToKafkaOptions): Promise<void> {
  const { parts, producer, offsets, limits, routing } = options;
  // Two batches' worth: one being written, one gathering.
  const handoff = new Handoff<TransactionItem>(2 * limits.changes + 2 * limits.transactions);
  const capturing = capture(stream, handoff, options).then(() => handoff.end(), (error: unknown) => handoff.end(error));
  try {
    for (;;) {
      const batch = await nextBatch(handoff, limits, routing);
      if (!batch) break;
      await parts.commitThenConfirm(stream, batch, async (ready) => {
        try {
          await parts.writeBatch(producer, ready, offsets);
        } catch (error) {
          throw (await options.explainRefusal(error, ready)) ?? error;
        }
      });
      options.onCommitted(batch);
    }
  } catch (error) {
    // Stop the capture loop too: it may be waiting for the stream or for room in the queue.
    stream.stop();
    handoff.end(error);
    throw error;
  } finally {
    await capturing;
  }
}

async function capture(stream: BridgeStream, handoff: Handoff<TransactionItem>, options: StreamToKafkaOptions): Promise<void> {
  let skipped = 0;
  for await (const item of captureTransactions(stream, options)) {
    if (item.kind === 'message') continue;
    if (options.parts.alreadyInKafka(options.position, item)) {
      if (item.kind === 'change') skipped += 1;
      // Nothing of it is waiting to be written: the slot may forget it now.
      else stream.confirmFlushedLsn(item.endLsn);
      continue;
    }
    if (skipped > 0) {
      options.onSkipped(skipped);
      skipped = 0;
    }
    await handoff.push(item);
  }
  if (skipped > 0) options.onSkipped(skipped);
}
