import pg from 'pg';
import { Lsn } from '@cdc-lab/common';
import { kafkaClient } from './kafka-client.ts';
import { offsetsTopicFor, readPosition } from './offsets-topic.ts';
import { describePosition } from './position.ts';
import type { Names } from './settings.ts';

/**
 * `pnpm lab 5 position`: the two bookmarks side by side. Kafka's is the truth; the slot's may
 * lag behind it (the bridge confirms after each commit, and Postgres hears of it at the next
 * status update) but never run ahead. Read-only: it fences nobody, and a transaction still
 * open is not counted.
 */
export async function showPosition(names: Names): Promise<void> {
  const kafka = kafkaClient(names.brokers);
  const admin = kafka.admin();
  await admin.connect();
  const offsets = offsetsTopicFor(names.topicPrefix, names.slot);
  try {
    const exists = (await admin.listTopics()).includes(offsets.topic);
    const position = exists ? await readPosition(kafka, admin, offsets) : null;
    console.log(`Kafka (${offsets.topic}, key ${offsets.key}): ${position ? describePosition(position) : 'no position yet'}`);
  } finally {
    await admin.disconnect();
  }
  const client = new pg.Client({ connectionString: names.connectionString });
  client.on('error', () => {});
  await client.connect();
  try {
    const result = await client.query<{ confirmed_flush_lsn: string | null; active: boolean }>(
      'SELECT confirmed_flush_lsn::text, active FROM pg_replication_slots WHERE slot_name = $1', [names.slot]);
    const slot = result.rows[0];
    if (!slot) console.log(`Slot '${names.slot}': does not exist`);
    else console.log(`Slot '${names.slot}': confirmed up to ${slot.confirmed_flush_lsn ? Lsn.parse(slot.confirmed_flush_lsn).toString() : '?'} (${slot.active ? 'being read' : 'not being read'})`);
  } finally {
    await client.end();
  }
}
