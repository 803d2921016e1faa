import { Kafka, logLevel } from 'kafkajs';
import { check, command, defineDemo, line, lookFor, narrate, showSlot, sql, start, stop, waitFor, type DemoContext } from '@cdc-lab/grading/demo';
import { ConnectClient } from '../src/connect/client.ts';
import { removeConnector } from '../src/lifecycle/remove.ts';

/**
 * Lab 9's story (docs/09-debezium.md, Running it and The comparison): Debezium registered from
 * its settings, its snapshot and a streamed insert, and lab 4's bridge beside it on a
 * slot of its own — the same change as both pipelines wrote it, field by field.
 */
type Json = null | boolean | number | string | Json[] | { [field: string]: Json };

/** Fields that differ by design (docs/09-debezium.md#the-comparison), with the reason. */
const EXPECTED_DIFFERENCES: Record<string, string> = {
  'source.version': 'the Debezium version that runs here, against the one lab 4 was modelled on',
  'source.name': 'each pipeline\'s own topic.prefix',
  'source.origin': 'the transaction\'s replication origin: Debezium 3.5+ writes it, null for a direct write; lab 4 has none',
  'source.origin_lsn': 'the transaction\'s LSN at its replication origin: as source.origin',
  'source.sequence': 'its first element is the previous commit each pipeline saw, from its own start',
  ts_ms: 'processing time: when each pipeline built the event',
  ts_us: 'processing time',
  ts_ns: 'processing time',
};

function flatten(value: Json, path = '', into = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [field, inner] of Object.entries(value)) flatten(inner, path ? `${path}.${field}` : field, into);
  } else {
    into.set(path, JSON.stringify(value));
  }
  return into;
}

function connectorName(ctx: DemoContext): string {
  return `${ctx.names.topicPrefix}-postgres`;
}

export default defineDemo({
  lab: 9,
  title: 'Debezium\'s event next to the bridge\'s',
  // A connector lives in Kafka Connect, not in this process: remove it with its offsets, and the
  // heartbeat topic Debezium names outside the prefix.
  async reset(ctx) {
    await removeConnector(new ConnectClient(ctx.stack.CONNECT_URL!), connectorName(ctx));
    const admin = new Kafka({ brokers: ctx.stack.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const heartbeat = (await admin.listTopics()).filter((topic) => topic === `__debezium-heartbeat.${ctx.names.topicPrefix}`);
      if (heartbeat.length > 0) await admin.deleteTopics({ topics: heartbeat });
    } finally {
      await admin.disconnect();
    }
  },
  steps: (names) => {
    const debeziumTopic = `${names.topicPrefix}.debezium.users`;
    const bridgePrefix = `${names.topicPrefix}-lab04`;
    const bridgeTopic = `${bridgePrefix}.debezium.users`;
    return [
      narrate(`Debezium does what labs 3 to 8 did by hand; you only describe it. The program registers the
        connector from its settings in src/connector/debezium-settings.ts, with this demo's database, slot,
        publication and topic prefix, waits until Kafka Connect runs it, and shows every record it writes.`),
      sql(`CREATE SCHEMA IF NOT EXISTS debezium;
CREATE TABLE debezium.users (id integer PRIMARY KEY, name text NOT NULL, email text);
INSERT INTO debezium.users VALUES (1, 'Ada', 'ada@example.com')`),
      start('debezium', ['run'], { ready: line(/^Connector '.*' is RUNNING /, 'the connector and its task are RUNNING', { timeoutMs: 90_000 }) }),
      waitFor('debezium', /^Showing the records of /, 'the program follows the connector\'s topics'),
      waitFor('debezium', /^event \S+\.debezium\.users op=r key=\{"id":1\} /, 'Ada, read by the connector\'s snapshot (op=r)', { timeoutMs: 60_000 }),
      lookFor('the snapshot comes first: Debezium read the table before streaming, as lab 6 did.'),

      narrate(`Beside it, lab 4's bridge, on a slot, publication and topic prefix of its own: both read the same
        WAL, share nothing, and write the same change each its own way.`),
      start('bridge', ['--tables', 'debezium.users'], {
        lab: 4,
        env: { CDC_SLOT: `${names.slot}_lab04`, CDC_PUBLICATION: `${names.publication}_lab04`, CDC_TOPIC_PREFIX: bridgePrefix },
        ready: line(/^Listening on slot '/, 'the bridge streams'),
      }),
      sql(`INSERT INTO debezium.users VALUES (2, 'Grace', 'grace@example.com')`),
      waitFor('debezium', /^event \S+\.debezium\.users op=c key=\{"id":2\} /, 'Debezium\'s event for Grace', { timeoutMs: 60_000 }),
      waitFor('bridge', /^Kafka acknowledged \d+ records? /, 'the bridge\'s event for Grace'),
      check('the two events agree on everything but the documented fields', async (ctx) => {
        const eventOf = async (topic: string) => {
          const record = (await ctx.kafka().waitForRecords(topic, 1, { timeoutMs: 30_000 })).find((seen) => seen.key === '{"id":2}');
          if (!record?.value) return ctx.fail({ expected: `the event of {"id":2} in ${topic}`, got: 'none' });
          return flatten(JSON.parse(record.value) as Json);
        };
        const debezium = await eventOf(debeziumTopic);
        const bridge = await eventOf(bridgeTopic);
        const fields = [...new Set([...debezium.keys(), ...bridge.keys()])];
        const equal = fields.filter((field) => debezium.get(field) === bridge.get(field));
        const differing = fields.filter((field) => debezium.get(field) !== bridge.get(field));
        ctx.show(`equal in both (${equal.length} fields): ${equal.join(', ')}`);
        for (const field of differing) {
          ctx.show(`differs: ${field}: Debezium ${debezium.get(field) ?? '(none)'}, lab 4 ${bridge.get(field) ?? '(none)'} — ${EXPECTED_DIFFERENCES[field] ?? 'not expected'}`);
        }
        const unexpected = differing.filter((field) => !(field in EXPECTED_DIFFERENCES));
        if (unexpected.length > 0 || !equal.includes('op') || !equal.some((field) => field.startsWith('after.'))) {
          ctx.fail({ expected: 'op, after and the source position equal in both events', got: `different: ${unexpected.join(', ') || 'op or after'}` });
        }
      }),
      lookFor(`op, after, and in source the database, table, txId, lsn and commit time (source.ts_ms) are the same:
        lab 4 writes Debezium's events. What differs says who wrote the event and when, not what changed.
        \`pnpm lab 9 compare\` does this for every type, a TOAST value, a key change and a truncate.`),
      stop('bridge'),
      stop('debezium'),
      lookFor('stopping the program stops showing; the connector keeps running in Kafka Connect, and its slot keeps WAL.'),
      command('delete', ['delete', '--drop-slot'], { timeoutMs: 60_000 }),
      showSlot(),
      check('the connector is gone, and its slot with it', async (ctx) => {
        if (await new ConnectClient(ctx.stack.CONNECT_URL!).status(connectorName(ctx))) ctx.fail({ expected: `no connector ${connectorName(ctx)}`, got: 'it is still registered' });
        const slots = await ctx.db.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [names.slot]);
        if (slots.rowCount !== 0) ctx.fail({ expected: `no slot ${names.slot}`, got: 'it is still there, keeping WAL' });
      }),
      lookFor(`Kafka Connect's own DELETE would leave the slot in Postgres, keeping WAL, and the offsets in Kafka.
        The program's delete removes the offsets too, and --drop-slot the slot and the publication.`),
    ];
  },
});
