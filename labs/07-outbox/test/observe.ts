import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Lsn } from '@cdc-lab/common';
import { fail, type SeenRecord, type StageContext, type TestDatabase } from '@cdc-lab/grading';
import type { ProgramRun } from './program-run.ts';

// ——— Kafka ———

/** The topic of one aggregate type: <prefix>.outbox.event.<aggregatetype> (the chapter's contract). */
export function topicOf(ctx: StageContext, aggregatetype: string): string {
  return `${ctx.names.topicPrefix}.outbox.event.${aggregatetype}`;
}

/** Every record in every topic of this stage, topic by topic, each in offset order. */
export async function allRecords(ctx: StageContext): Promise<SeenRecord[]> {
  const kafka = ctx.kafka();
  const records: SeenRecord[] = [];
  for (const topic of await kafka.topics()) records.push(...(await kafka.readTopic(topic, { quietMs: 500 })));
  return records;
}

export function describeRecord(record: SeenRecord): string {
  return `${record.topic}@${record.offset} key ${JSON.stringify(record.key)} headers ${JSON.stringify(record.headers)} value ${record.value === null ? 'null' : record.value.slice(0, 80)}`;
}

/** Records of these events by event id (the `id` header), and the records that belong to none. */
export function byEventId(records: readonly SeenRecord[], ids: Iterable<string>): { copies: Map<string, SeenRecord[]>; strays: SeenRecord[] } {
  const copies = new Map<string, SeenRecord[]>([...ids].map((id) => [id, []]));
  const strays: SeenRecord[] = [];
  for (const record of records) {
    const list = record.headers.id === undefined ? undefined : copies.get(record.headers.id);
    if (list) list.push(record);
    else strays.push(record);
  }
  return { copies, strays };
}

export interface DraftRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Write records as the relay would (the grader plays the relay, or its duplicates). */
export async function produce(ctx: StageContext, topic: string, records: readonly DraftRecord[]): Promise<void> {
  ctx.kafka(); // registers the stage's topics for deletion afterwards
  const kafka = new Kafka({ clientId: `grader-${ctx.names.id}`, brokers: (ctx.stack.KAFKA_BROKERS ?? '').split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: records.map((record) => ({ key: record.key, value: record.value, headers: record.headers })) });
  } finally {
    await producer.disconnect();
  }
}

// ——— Postgres ———

export async function currentLsn(db: TestDatabase): Promise<Lsn> {
  const result = await db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  return Lsn.parse(result.rows[0]!.lsn);
}

export async function slotState(db: TestDatabase, slot: string): Promise<{ active: boolean; confirmed: Lsn | null } | undefined> {
  const result = await db.query<{ active: boolean; confirmed_flush_lsn: string | null }>(
    'SELECT active, confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = $1', [slot]);
  const row = result.rows[0];
  return row ? { active: row.active, confirmed: row.confirmed_flush_lsn ? Lsn.parse(row.confirmed_flush_lsn) : null } : undefined;
}

/** After a crash the walsender notices its client has gone only when it next writes: wait for that. */
export async function waitForSlotReleased(db: TestDatabase, run: ProgramRun, slot: string): Promise<void> {
  await run.waitUntil(async () => {
    const state = await slotState(db, slot);
    return state === undefined || !state.active ? true : undefined;
  }, { expected: `slot '${slot}' to be released once ${run.label} has gone`, got: () => 'still active', timeoutMs: 10_000, whileRunning: false });
}

export async function outboxRowIds(db: TestDatabase): Promise<string[]> {
  const result = await db.query<{ id: string }>('SELECT "id"::text AS "id" FROM "shop"."outbox" ORDER BY "created_at", "id"');
  return result.rows.map((row) => row.id);
}

export async function orderIds(db: TestDatabase): Promise<Set<string>> {
  const result = await db.query<{ id: string }>('SELECT "id"::text AS "id" FROM "shop"."orders"');
  return new Set(result.rows.map((row) => row.id));
}

export interface Balance {
  customer: string;
  open_orders: number;
  amount_due: string;
}

/** What the balances must be: the service's own tables, summed. */
export async function truthBalances(db: TestDatabase): Promise<Balance[]> {
  const result = await db.query<Balance>(
    `SELECT "customer", (count(*) FILTER (WHERE "status" = 'placed'))::int AS "open_orders",
            coalesce(sum("amount") FILTER (WHERE "status" = 'placed'), 0)::numeric(12,2)::text AS "amount_due"
       FROM "shop"."orders" GROUP BY "customer" ORDER BY "customer"`);
  return result.rows;
}

/** What the consumer made of the events. */
export async function consumerBalances(db: TestDatabase, run: ProgramRun): Promise<Balance[]> {
  try {
    const result = await db.query<Balance>(
      'SELECT "customer", "open_orders", "amount_due"::numeric(12,2)::text AS "amount_due" FROM "billing"."customer_balances" ORDER BY "customer"');
    return result.rows;
  } catch (error) {
    fail({
      expected: 'the consumer\'s table billing.customer_balances (customer, open_orders, amount_due)',
      got: error instanceof Error ? error.message : String(error),
      docs: 'docs/07-outbox.md#the-consumer',
      transcript: run.transcript(),
    });
  }
}

export async function inboxIds(db: TestDatabase): Promise<string[]> {
  const result = await db.query<{ event_id: string }>('SELECT "event_id"::text AS "event_id" FROM "billing"."inbox" ORDER BY 1');
  return result.rows.map((row) => row.event_id);
}

export function describeBalances(balances: readonly Balance[]): string {
  return balances.length === 0 ? '(none)' : balances.map((b) => `${b.customer}: ${b.open_orders} open, ${b.amount_due} due`).join('; ');
}
