import crypto from 'node:crypto';
import { check, fail, type Stage, type StageContext } from '@cdc-lab/grading';
import { allRecords, byEventId, describeRecord, topicOf } from '../observe.ts';
import type { Variant } from '../program-run.ts';
import { Relay } from '../roles.ts';

interface GraderEvent {
  id: string;
  aggregatetype: string;
  aggregateid: string;
  type: string;
  payload: string;
}

/** A payload with an integer JavaScript cannot hold: it must reach Kafka with all its digits. */
const BIG = '9007199254740993';

/**
 * The relay alone: the grader writes outbox events itself — two aggregate types, in two
 * transactions — plus what must not become an event: for the table variant an UPDATE of an
 * outbox row and a change of another table; for the message variant a message with another
 * prefix and a non-transactional outbox message in a transaction that rolls back. Each event
 * must arrive once, in its aggregate type's topic, keyed by aggregate id, with the headers id
 * and type and the payload as written; nothing else may arrive.
 */
export function routeStage(variant: Variant): Stage {
  return {
    slug: `route-${variant}`,
    title: `relays each outbox ${variant === 'table' ? 'row' : 'message'} to <prefix>.outbox.event.<aggregatetype>, keyed by aggregate id, with id and type headers — and nothing else`,
    docs: 'docs/07-outbox.md#routing-keys-and-headers',
    async run(ctx) {
      const relay = await Relay.start(ctx, variant);
      if (variant === 'table') await checkPublication(ctx, relay);
      const events = Array.from({ length: ctx.random.int(3, 5) }, (_, i) => graderEvent(ctx, i));
      const firstHalf = events.slice(0, 2);
      const secondHalf = events.slice(2);
      const foreign = graderEvent(ctx, 99);

      if (variant === 'message') {
        // Written, then rolled back: a non-transactional message is decoded regardless, at once.
        // First in the WAL, so that it has been through the relay once the events have.
        const client = await ctx.db.connect();
        try {
          await client.query('BEGIN');
          await client.query("SELECT pg_logical_emit_message(false, 'outbox', $1::text)", [messageContent(foreign)]);
          await client.query('ROLLBACK');
        } finally {
          await client.end();
        }
      }
      await ctx.db.transaction(async (client) => {
        await client.query('CREATE TABLE IF NOT EXISTS "public"."elsewhere" ("id" integer PRIMARY KEY)');
        for (const event of firstHalf) await writeEvent(client, variant, event);
        if (variant === 'message') await client.query("SELECT pg_logical_emit_message(true, 'other', 'not an outbox event')");
      });
      await ctx.db.transaction(async (client) => {
        await client.query('INSERT INTO "public"."elsewhere" VALUES (1)');
        for (const event of secondHalf) await writeEvent(client, variant, event);
        if (variant === 'table') await client.query('UPDATE "shop"."outbox" SET "type" = \'Rewritten\' WHERE "id" = $1', [firstHalf[0]!.id]);
      });
      await relay.waitForRelayed(events.map((event) => event.id));

      const records = await allRecords(ctx);
      const { copies, strays } = byEventId(records, events.map((event) => event.id));
      if (strays.length > 0) {
        const stray = strays[0]!;
        fail({
          expected: 'only the outbox events in Kafka',
          got: `${strays.length} other record(s), e.g. ${describeRecord(stray)}${stray.headers.id === foreign.id ? ': a non-transactional message from a transaction that rolled back' : stray.headers.type === 'Rewritten' ? ': an UPDATE of an outbox row' : ''}`,
          hint: variant === 'table'
            ? 'relay only INSERTs into the outbox table: an UPDATE (or DELETE) of an outbox row is not a new event'
            : "relay only transactional messages with the prefix 'outbox': a non-transactional one is decoded even if its transaction rolls back",
          docs: 'docs/07-outbox.md#what-the-relay-relays',
          transcript: relay.run.transcript(),
        });
      }
      for (const event of events) {
        const got = copies.get(event.id)!;
        const topic = topicOf(ctx, event.aggregatetype);
        const rewritten = got.some((record) => record.headers.type === 'Rewritten');
        check(got.length === 1, {
          expected: `event ${event.id} once in Kafka`,
          got: `${got.length} record(s) with the header id ${event.id}${rewritten ? ', one of them an UPDATE of its outbox row' : ''}`,
          hint: rewritten ? 'relay only INSERTs into the outbox table: an UPDATE of an outbox row is not a new event' : 'send each event once per run, and put the event id in a header called id',
          docs: ctx.stage.docs,
          transcript: relay.run.transcript(),
        });
        const record = got[0]!;
        const problems: string[] = [];
        if (record.topic !== topic) problems.push(`topic ${record.topic}, not ${topic}`);
        if (record.key !== event.aggregateid) problems.push(`key ${JSON.stringify(record.key)}, not the aggregate id ${JSON.stringify(event.aggregateid)}`);
        if (record.headers.type !== event.type) problems.push(`header type ${JSON.stringify(record.headers.type)}, not ${JSON.stringify(event.type)}`);
        if (!samePayload(record.value, event.payload)) problems.push(`value ${JSON.stringify(record.value)}, not the payload ${event.payload}`);
        else if (!record.value!.includes(BIG)) problems.push(`value ${record.value}: the integer ${BIG} lost its last digits on the way`);
        if (problems.length > 0) {
          fail({
            expected: `event ${event.id} (aggregate ${event.aggregatetype} ${event.aggregateid}) in ${topic}, keyed by its aggregate id, with headers id and type, and its payload as the value`,
            got: problems.join('; '),
            hint: 'topic <prefix>.outbox.event.<aggregatetype>, key = aggregateid, headers id and type, value = the payload text as written (do not parse and re-print it: JSON numbers beyond 2^53 lose digits)',
            docs: ctx.stage.docs,
            transcript: relay.run.transcript(),
          });
        }
      }
      // Per aggregate type, the events in the order they were committed.
      for (const type of new Set(events.map((event) => event.aggregatetype))) {
        const expected = events.filter((event) => event.aggregatetype === type).map((event) => event.id);
        const got = records.filter((record) => record.topic === topicOf(ctx, type)).map((record) => record.headers.id);
        check(JSON.stringify(got) === JSON.stringify(expected), {
          expected: `the events of ${topicOf(ctx, type)} in commit order: ${expected.join(', ')}`,
          got: got.join(', '),
          docs: ctx.stage.docs,
          transcript: relay.run.transcript(),
        });
      }
    },
  };
}

async function checkPublication(ctx: StageContext, relay: Relay): Promise<void> {
  const result = await ctx.db.query<{ table: string }>(
    "SELECT schemaname || '.' || tablename AS \"table\" FROM pg_publication_tables WHERE pubname = $1 ORDER BY 1", [ctx.names.publication]);
  const tables = result.rows.map((row) => row.table);
  check(tables.length === 1 && tables[0] === 'shop.outbox', {
    expected: `publication '${ctx.names.publication}' (CDC_PUBLICATION) to publish shop.outbox and nothing else`,
    got: tables.length === 0 ? 'no table (or no such publication)' : tables.join(', '),
    hint: 'CREATE PUBLICATION "<name>" FOR TABLE "shop"."outbox": the walsender then decodes nothing else for the relay',
    docs: 'docs/07-outbox.md#the-relay',
    transcript: relay.run.transcript(),
  });
}

function graderEvent(ctx: StageContext, index: number): GraderEvent {
  const aggregatetype = index % 2 === 0 ? 'order' : 'customer';
  return {
    id: crypto.randomUUID(),
    aggregatetype,
    aggregateid: String(ctx.random.int(1, 9_999)),
    type: aggregatetype === 'order' ? 'OrderCreated' : 'CustomerRegistered',
    payload: `{"n": ${index}, "big": ${BIG}, "note": "grader ${ctx.random.int(1, 999)}"}`,
  };
}

async function writeEvent(client: { query: (sql: string, params?: unknown[]) => Promise<unknown> }, variant: Variant, event: GraderEvent): Promise<void> {
  if (variant === 'table') {
    await client.query(
      'INSERT INTO "shop"."outbox" ("id", "aggregatetype", "aggregateid", "type", "payload") VALUES ($1, $2, $3, $4, $5::jsonb)',
      [event.id, event.aggregatetype, event.aggregateid, event.type, event.payload]);
  } else {
    await client.query("SELECT pg_logical_emit_message(true, 'outbox', $1::text)", [messageContent(event)]);
  }
}

/** The message variant's content: the outbox columns as JSON keys, the payload as a string. */
function messageContent(event: GraderEvent): string {
  return JSON.stringify({ id: event.id, aggregatetype: event.aggregatetype, aggregateid: event.aggregateid, type: event.type, payload: event.payload });
}

/**
 * Same JSON, whatever the spacing and key order (jsonb has its own)? The big integer is
 * turned into a string first, so that JSON.parse's rounding does not decide.
 */
function samePayload(value: string | null, payload: string): boolean {
  if (value === null) return false;
  try {
    const normalise = (text: string) => JSON.stringify(canonical(JSON.parse(text.replaceAll(BIG, `"${BIG}"`))));
    return normalise(value) === normalise(payload);
  } catch {
    return false;
  }
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([key, inner]) => [key, canonical(inner)]));
}
