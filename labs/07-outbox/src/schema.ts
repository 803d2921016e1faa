import type pg from 'pg';
import { inTransaction } from './database.ts';

/** A table by schema and name, quoted wherever it meets SQL. */
export interface TableName {
  schema: string;
  table: string;
}

export const ORDERS_TABLE: TableName = { schema: 'shop', table: 'orders' };
export const OUTBOX_TABLE: TableName = { schema: 'shop', table: 'outbox' };
/** The consumer is another service: its tables live in a schema of their own. */
export const INBOX_TABLE: TableName = { schema: 'billing', table: 'inbox' };
export const BALANCES_TABLE: TableName = { schema: 'billing', table: 'customer_balances' };

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function qualified({ schema, table }: TableName): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

/** schema.table, for messages. */
export function displayName({ schema, table }: TableName): string {
  return `${schema}.${table}`;
}

/*
 * The order service's tables, in a schema of their own (the workbook's database is shared by
 * every lab). The outbox has the columns Debezium's outbox event router reads
 * by default (id, aggregatetype, aggregateid, type, payload), so that lab 9 can point Debezium
 * at the same table unchanged; created_at is ours, for the periodic purge.
 */
const SERVICE_DDL = `
CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(ORDERS_TABLE.schema)};
CREATE TABLE IF NOT EXISTS ${qualified(ORDERS_TABLE)} (
  "id"         bigserial PRIMARY KEY,
  "customer"   text NOT NULL,
  "amount"     numeric(12,2) NOT NULL CHECK ("amount" > 0),
  "status"     text NOT NULL DEFAULT 'placed' CHECK ("status" IN ('placed', 'cancelled')),
  "created_at" timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS ${qualified(OUTBOX_TABLE)} (
  "id"            uuid PRIMARY KEY,
  "aggregatetype" varchar(255) NOT NULL,
  "aggregateid"   varchar(255) NOT NULL,
  "type"          varchar(255) NOT NULL,
  "payload"       jsonb,
  "created_at"    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS "outbox_created_at" ON ${qualified(OUTBOX_TABLE)} ("created_at");`;

/*
 * The consumer's tables. The inbox remembers every event id applied; its primary key is what
 * turns a redelivered event into a no-op. The balances are the state the events change — and
 * adding to a balance is exactly the kind of change that must not happen twice.
 */
const BILLING_DDL = `
CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(INBOX_TABLE.schema)};
CREATE TABLE IF NOT EXISTS ${qualified(INBOX_TABLE)} (
  "event_id"    uuid PRIMARY KEY,
  "type"        text NOT NULL,
  "aggregateid" text NOT NULL,
  "received_at" timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS ${qualified(BALANCES_TABLE)} (
  "customer"    text PRIMARY KEY,
  "open_orders" integer NOT NULL DEFAULT 0,
  "amount_due"  numeric(12,2) NOT NULL DEFAULT 0
);`;

// CREATE … IF NOT EXISTS is not safe against itself: two sessions can both find the table
// missing and one fails on a catalog unique index. A transaction-scoped advisory lock lines
// them up (the number is arbitrary, the lab's own).
const SCHEMA_LOCK = 7_007;

export async function ensureServiceSchema(client: pg.ClientBase): Promise<void> {
  await inTransaction(client, async () => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(SERVICE_DDL);
  });
}

export async function ensureBillingSchema(client: pg.ClientBase): Promise<void> {
  await inTransaction(client, async () => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(BILLING_DDL);
  });
}
