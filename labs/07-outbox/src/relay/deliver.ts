import { setTimeout as sleep } from 'node:timers/promises';
import type { CommittedTransaction } from './committed.ts';
import type { Confirmations } from './confirmations.ts';
import type { KafkaSink, OutboxRecord } from './kafka-sink.ts';

export interface RelayContext {
  sink: KafkaSink;
  confirmations: Confirmations;
  /** --send-delay: wait before each send, like a slow broker (a teaching aid). */
  sendDelayMs: number;
  print(line: string): void;
}

/**
 * A transaction has committed: relay its events, then confirm it. The order is the lesson.
 * Confirming tells Postgres it may forget the transaction; do it before Kafka has the events,
 * and a crash in between loses them for good. Do it after, and a crash in between only sends
 * them again (at least once) — duplicates the consumer's inbox absorbs.
 */
export async function deliverTransaction(records: readonly OutboxRecord[], transaction: CommittedTransaction, context: RelayContext): Promise<void> {
  await sendAcknowledged(records, context);
  context.confirmations.confirm(transaction);
}

/** Send records and wait for Kafka's acknowledgement of every one; then say so. */
export async function sendAcknowledged(records: readonly OutboxRecord[], context: RelayContext): Promise<void> {
  if (records.length === 0) return;
  if (context.sendDelayMs > 0) await sleep(context.sendDelayMs);
  await context.sink.send(records);
  for (const record of records) context.print(`relayed ${record.headers.type} ${record.headers.id} key ${record.key} to ${record.topic}`);
}
