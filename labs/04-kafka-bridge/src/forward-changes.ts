import type { ReplicationStream } from '@cdc-lab/03-logical-streamer/replication';
import { captureTransactions, type Captured, type CaptureOptions } from './capture/index.ts';
import type { kafkaRecordsFor, serializeRecord, TopicRouting } from './envelope/index.ts';
import type { decodePgoutput } from './pgoutput/index.ts';
import type { Pipeline } from './produce/pipeline.ts';

/** A transaction's commit, as captureTransactions hands it over. */
export type CommitItem = Extract<Captured, { kind: 'commit' }>;

/** What the loop has at hand when a commit arrives. */
export interface LoopContext {
  pipeline: Pipeline;
  stream: ReplicationStream;
}

/**
 * The steps of the loop, each a function of its own so that the grader's broken variants can
 * swap one and keep the rest (BridgeParts holds them, with the reference's in program.ts).
 */
export interface ForwardingSteps {
  /** Receive → decode: the bytes of one XLogData payload to a pgoutput message. */
  decode: typeof decodePgoutput;
  /** The records one change event becomes: the event, and a tombstone after a delete. */
  kafkaRecordsFor: typeof kafkaRecordsFor;
  /** A record as Kafka stores it: key, value and headers as JSON text. */
  serializeRecord: typeof serializeRecord;
  /** What happens when a transaction's commit arrives (commitArrived below). */
  commitArrived: (commit: CommitItem, loop: LoopContext) => void;
}

export interface Forwarding extends Pick<CaptureOptions, 'builder' | 'onRelation'> {
  stream: ReplicationStream;
  pipeline: Pipeline;
  routing: TopicRouting;
  steps: ForwardingSteps;
}

/**
 * The path of one change, top to bottom: receive, decode and shape (captureTransactions),
 * turn into Kafka records (kafkaRecordsFor: the event, and a tombstone after a delete), produce
 * (the pipeline batches and sends), and — only once Kafka has acknowledged — confirm (the
 * pipeline hands acknowledged batches to the Acknowledger). Nothing in this loop confirms.
 */
export async function forwardChanges({ stream, builder, onRelation, pipeline, routing, steps }: Forwarding): Promise<void> {
  for await (const captured of captureTransactions(stream, { builder, onRelation, decode: steps.decode })) {
    switch (captured.kind) {
      case 'change':
        // Waits here while Kafka is behind: this is where backpressure reaches the stream.
        await pipeline.add(steps.kafkaRecordsFor(captured.event, routing).map(steps.serializeRecord));
        break;
      case 'commit':
        steps.commitArrived(captured, { pipeline, stream });
        break;
      case 'message':
        // pg_logical_emit_message() output is lab 7's business; the bridge passes it by.
        break;
    }
  }
}

/**
 * A transaction's commit arrived: mark where it ends among the records — at the end of its
 * commit record, `endLsn`, the position a restart resumes after. Confirming it waits for Kafka:
 * the Acknowledger confirms once the batch carrying this mark is acknowledged, never here.
 */
export function commitArrived(commit: CommitItem, { pipeline }: LoopContext): void {
  pipeline.commit({ xid: commit.transaction.xid, endLsn: commit.endLsn });
}
