import { setTimeout as sleep } from 'node:timers/promises';
import { todo } from '@cdc-lab/common';
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
 */
export async function deliverTransaction(records: readonly OutboxRecord[], transaction: CommittedTransaction, context: RelayContext): Promise<void> {
  // TODO: two steps, and their order is the lesson. Sending: sendAcknowledged(records, context)
  //   resolves once Kafka has acknowledged every record. Confirming:
  //   context.confirmations.confirm(transaction) tells the slot it may forget the transaction.
  //   What does a crash between the two lose, in one order and in the other?
  return todo('confirming a transaction after Kafka acknowledged it', 'docs/07-outbox.md#confirming-after-the-acknowledgement');
}

/** Send records and wait for Kafka's acknowledgement of every one; then say so. */
export async function sendAcknowledged(records: readonly OutboxRecord[], context: RelayContext): Promise<void> {
  if (records.length === 0) return;
  if (context.sendDelayMs > 0) await sleep(context.sendDelayMs);
  await context.sink.send(records);
  for (const record of records) context.print(`relayed ${record.headers.type} ${record.headers.id} key ${record.key} to ${record.topic}`);
}
