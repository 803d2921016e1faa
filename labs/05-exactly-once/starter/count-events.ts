import crypto from 'node:crypto';
import pg from 'pg';
import { todo } from '@cdc-lab/common';
import { kafkaClient } from './kafka-client.ts';
import type { ConsumerSettings } from '../src/settings.ts';
import type { StopSignal } from '../src/stop-signal.ts';

/**
 * The other half of exactly once: a consumer whose own writes happen once. It counts the change
 * events of each account (tombstones aside) into Postgres:
 *
 *   exactly_once.account_events    id → events applied
 *   exactly_once.consumed_offsets  (topic, partition) → the next offset to apply
 *
 * The count and the offset after it change in ONE database transaction — the bridge's rule,
 * with Postgres as the sink: the position lives with the data it describes.
 */
export async function prepareTables(db: pg.ClientBase): Promise<void> {
  await db.query('CREATE SCHEMA IF NOT EXISTS exactly_once');
  await db.query('CREATE TABLE IF NOT EXISTS exactly_once.account_events (id bigint PRIMARY KEY, events bigint NOT NULL)');
  await db.query('CREATE TABLE IF NOT EXISTS exactly_once.consumed_offsets (topic text NOT NULL, partition integer NOT NULL, next_offset bigint NOT NULL, PRIMARY KEY (topic, partition))');
}

/** partition → the next offset to apply, as stored by earlier runs. */
export async function storedOffsets(db: pg.ClientBase, topic: string): Promise<Map<number, bigint>> {
  const { rows } = await db.query<{ partition: number; next_offset: string }>('SELECT partition, next_offset FROM exactly_once.consumed_offsets WHERE topic = $1', [topic]);
  return new Map(rows.map((row) => [row.partition, BigInt(row.next_offset)]));
}

export async function countEvent(db: pg.ClientBase, id: number): Promise<void> {
  await db.query('INSERT INTO exactly_once.account_events (id, events) VALUES ($1, 1) ON CONFLICT (id) DO UPDATE SET events = account_events.events + 1', [id]);
}

export async function storeOffset(db: pg.ClientBase, topic: string, partition: number, next: bigint): Promise<void> {
  await db.query(
    'INSERT INTO exactly_once.consumed_offsets (topic, partition, next_offset) VALUES ($1, $2, $3) ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset',
    [topic, partition, next.toString()],
  );
}

/** Run `work` in one database transaction: all of it, or none of it. */
export async function inTransaction(db: pg.ClientBase, work: () => Promise<void>): Promise<void> {
  await db.query('BEGIN');
  try {
    await work();
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** The account id in a change event's key (`{"id":7}`); null for a key without one. */
export function accountIdOf(key: Buffer | null): number | null {
  try {
    const id = (JSON.parse(key?.toString() ?? 'null') as { id?: unknown } | null)?.id;
    return typeof id === 'number' && Number.isInteger(id) ? id : null;
  } catch {
    return null;
  }
}

/** A consumer group of its own: this consumer keeps its offsets in Postgres, not in Kafka. */
export function consumerGroup(): string {
  return `cdc-lab-05-count-${crypto.randomUUID()}`;
}

/**
 * Count every change event of the topic into Postgres exactly once, however often this process
 * is killed, until the stop signal. Read only what producers committed (read_committed): an
 * aborted transaction's records are in the log too. Resume after the offsets stored with the
 * counts, and apply each record together with the offset after it, in one database
 * transaction: a crash then leaves both or neither.
 */
export async function consumeExactlyOnce(settings: ConsumerSettings, stop: StopSignal): Promise<void> {
  // TODO (extension): count each change event of settings.topic into Postgres exactly once,
  //   until the stop signal, however often this process is killed. The helpers above create
  //   the tables, read and store offsets, count one event and run a database transaction.
  //   Which records may a consumer apply at all, when producers abort transactions? Where do
  //   you resume after a crash — and where must that offset be written, relative to the count
  //   it covers, so that a crash leaves both or neither? Kafka's own consumer offsets, stored
  //   separately, would leave which gap?
  return todo('consuming exactly once into Postgres', 'docs/05-exactly-once.md#an-exactly-once-consumer');
}
