import { Lsn } from '@cdc-lab/common';
import { check, crash, defineDemo, line, lookFor, narrate, showSlot, showTopic, slotReleased, sql, start, stop, waitFor } from '@cdc-lab/grading/demo';

/**
 * Lab 4's story (docs/04-kafka-bridge.md, Expected output): changes as Debezium-shaped events in
 * Kafka, then a crash between Kafka's acknowledgement and the confirmation, and the same
 * transaction produced again: at least once.
 */
const listening = line(/^Listening on slot '/, 'streaming has started');

interface Event {
  op?: string;
  before?: unknown;
  after?: unknown;
  source?: Record<string, unknown>;
}

function parse(value: string | null): Event | null {
  return value === null ? null : (JSON.parse(value) as Event);
}

/** An event as a person reads it first: op, before, after, and where in the WAL it came from. */
function summary(key: string | null, value: string | null): string {
  const event = parse(value);
  if (!event) return `key=${key} null (the tombstone: "forget this key")`;
  const source = event.source ?? {};
  return `key=${key} op=${event.op} before=${JSON.stringify(event.before)} after=${JSON.stringify(event.after)} txId=${source.txId} lsn=${source.lsn}`;
}

export default defineDemo({
  lab: 4,
  title: 'a change as a Debezium-shaped event in Kafka, a crash, and at-least-once redelivery',
  steps: (names) => {
    const topic = `${names.topicPrefix}.bridge.users`;
    return [
      narrate(`The bridge reads the slot with pgoutput, Postgres's own binary protocol, shapes each change
        as the event Debezium would write, and produces it to one topic per table. Only once Kafka
        has acknowledged a transaction does it confirm that transaction to Postgres.`),
      sql(`CREATE SCHEMA bridge;
CREATE TABLE bridge.users (id integer PRIMARY KEY, name text NOT NULL, email text)`),
      start('bridge', [], { ready: listening }),
      sql(`INSERT INTO bridge.users VALUES (1, 'Douglas')`),
      waitFor('bridge', /^Kafka acknowledged \d+ records? .*; confirmed /, 'Kafka acknowledged it, then the bridge confirmed it'),
      showTopic(topic, {
        show: (records) => JSON.stringify(parse(records[0]!.value), null, 2).split('\n'),
      }),
      lookFor(`the envelope: op "c" (create), before null, after the new row, and source — which server,
        database, table, transaction (txId) and WAL position (lsn) it came from. The key is the primary
        key, {"id":1}: every event of this row goes to the same partition, in order.`),

      narrate('An update and a delete.'),
      sql(`UPDATE bridge.users SET name = 'Douglas (Expert)' WHERE id = 1`),
      sql('DELETE FROM bridge.users WHERE id = 1'),
      showTopic(topic, {
        atLeast: 4,
        show: (records) => records.map((record) => summary(record.key, record.value)),
        expect: {
          what: 'c, u, d and a tombstone, in that order',
          problem: (records) => {
            const ops = records.map((record) => parse(record.value)?.op ?? 'tombstone').join(', ');
            return ops === 'c, u, d, tombstone' ? undefined : ops;
          },
        },
      }),
      lookFor(`the delete is two records: the event (op "d", before holds the key; the table's replica identity
        logs nothing else) and a tombstone, a null value that lets a compacted topic forget the key.`),
      stop('bridge'),

      narrate(`Now the crash window. --confirm-delay holds the confirmation back after Kafka has acknowledged,
        so a kill -9 lands between the two: Kafka has the event, Postgres was never told.`),
      start('bridge', ['--confirm-delay', '60000'], { ready: listening }),
      sql(`INSERT INTO bridge.users VALUES (3, 'Grace')`),
      waitFor('bridge', /^Kafka acknowledged \d+ records? .*; confirming .* in 60000 ms/, 'Kafka has Grace; the confirmation waits'),
      showSlot(),
      check('the slot is still before Grace\'s change: her transaction is in Kafka, not confirmed', async (ctx) => {
        const grace = (await ctx.kafka().readTopic(topic)).find((record) => record.key === '{"id":3}');
        const lsn = parse(grace?.value ?? null)?.source?.lsn;
        const slot = (await ctx.db.query<{ lsn: string }>('SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = $1', [names.slot])).rows[0]?.lsn;
        if (typeof lsn !== 'number' || !slot || Lsn.parse(slot).isAfter(Lsn.fromBigInt(BigInt(lsn)))) {
          ctx.fail({ expected: `confirmed_flush_lsn at or before Grace's change (lsn ${lsn})`, got: `confirmed_flush_lsn ${slot}`, program: 'bridge' });
        }
      }),
      lookFor('confirmed_flush_lsn lies before Grace\'s change: Postgres will send her transaction again to whoever reads the slot next.'),
      crash('bridge'),
      slotReleased(),
      narrate('The bridge starts again, without the delay. The slot sends Grace\'s transaction again.'),
      start('bridge', [], { ready: listening }),
      waitFor('bridge', /^Kafka acknowledged \d+ records? .*; confirmed /, 'the transaction produced and, this time, confirmed'),
      showTopic(topic, {
        atLeast: 6,
        show: (records) => records.slice(4).map((record) => summary(record.key, record.value)),
        expect: {
          what: 'Grace twice, with the same txId: duplicated, never missing',
          problem: (records) => {
            const grace = records.filter((record) => record.key === '{"id":3}').map((record) => parse(record.value)?.source?.txId);
            return grace.length === 2 && grace[0] === grace[1] ? undefined : `${grace.length} event(s) for id 3, txIds ${grace.join(', ')}`;
          },
        },
      }),
      lookFor(`the same transaction (same txId, same lsn), produced twice; only ts_ms differs, because the event
        was built anew. That is at least once: a consumer must tolerate the duplicate, or lab 5 removes it.`),
      stop('bridge'),
    ];
  },
});
