import { Kafka, logLevel } from 'kafkajs';
import { check, describeExit, type LabProcess, type StageContext } from '@cdc-lab/grading';
import { ConnectClient } from '../src/connect/client.ts';
import { removeConnector } from '../src/lifecycle/remove.ts';
import { lineFormats, runningText } from './contract.ts';

/** The names the program derives from the stage's (settings.ts): the connector is named after the topic prefix. */
export function stageNames(ctx: StageContext) {
  const prefix = ctx.names.topicPrefix;
  return { connector: `${prefix}-postgres`, outboxConnector: `${prefix}-outbox`, slot: ctx.names.slot, publication: ctx.names.publication, prefix };
}

export function connectClient(ctx: StageContext): ConnectClient {
  if (!ctx.stack.CONNECT_URL) throw new Error('lab 9 needs Kafka Connect, and the stack has none');
  return new ConnectClient(ctx.stack.CONNECT_URL);
}

/**
 * Arrange for this stage's connectors to go after it, with their offsets, their slots and the
 * heartbeat topics Debezium names outside the prefix. Connectors left by an interrupted run
 * (named g<pid>-l9-…, the pid gone) are removed by the test run's global set-up.
 */
export async function isolateConnectors(ctx: StageContext, connectors: readonly string[], slots: readonly string[]): Promise<void> {
  const connect = connectClient(ctx);
  ctx.onCleanup(async () => {
    for (const name of connectors) await removeConnector(connect, name).catch(() => connect.delete(name).catch(() => {}));
    for (const slot of slots) await dropSlotWhenFree(ctx, slot);
    const admin = new Kafka({ brokers: ctx.stack.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const heartbeats = (await admin.listTopics()).filter((topic) => topic === `__debezium-heartbeat.${ctx.names.topicPrefix}`);
    if (heartbeats.length > 0) await admin.deleteTopics({ topics: heartbeats }).catch(() => {});
    await admin.disconnect();
  });
}

async function dropSlotWhenFree(ctx: StageContext, slot: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const rows = (await ctx.db.query<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot])).rows;
    if (rows.length === 0) return;
    if (!rows[0]!.active) {
      await ctx.db.query('SELECT pg_drop_replication_slot($1)', [slot]).catch(() => {});
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `pnpm lab 9` (run): started and waited for until the connector is RUNNING and the events show. */
export async function startConnector(ctx: StageContext, args: readonly string[] = []): Promise<LabProcess> {
  const names = stageNames(ctx);
  await isolateConnectors(ctx, [names.connector], [names.slot]);
  const program = ctx.start({ args: ['run', ...args], label: 'your program (run)' });
  await program.waitForLine(runningText(names.connector), {
    timeoutMs: 90_000,
    what: `"Connector '${names.connector}' is RUNNING (…)" once the connector and its task run`,
    hint: 'register the connector with PUT /connectors/<name>/config, then poll GET /connectors/<name>/status until both are RUNNING',
    docs: 'docs/09-debezium.md#running-it',
  });
  await program.waitForLine(lineFormats.showing.pattern, { timeoutMs: 30_000, what: 'the line "Showing the records of …"', docs: 'docs/09-debezium.md#expected-output' });
  return program;
}

/** A command that runs to its end (status, delete, snapshot, compare): wait and require exit code 0. */
export async function runToEnd(ctx: StageContext, args: readonly string[], what: string, hint: string, timeoutMs = 60_000): Promise<LabProcess> {
  const program = ctx.start({ args, label: `your program (${args.join(' ')})` });
  const exit = await program.waitForExit({ timeoutMs, what: `${args.join(' ')} to finish`, docs: ctx.stage.docs });
  await new Promise((resolve) => setTimeout(resolve, 100));
  check(exit.code === 0 && exit.signal === null, {
    expected: `\`pnpm lab 9 ${args.join(' ')}\` to ${what} and exit with code 0`,
    got: `${describeExit(exit)}: ${program.errorLines.slice(-3).join(' / ')}`,
    hint,
    docs: ctx.stage.docs,
    transcript: program.transcript(),
  });
  return program;
}

/** A table of accounts with `rows` rows, ids 1…rows. */
export async function accountsTable(ctx: StageContext, rows: number): Promise<void> {
  await ctx.db.query('CREATE TABLE "accounts" ("id" integer PRIMARY KEY, "owner" text NOT NULL, "balance" numeric(10,2))');
  for (let id = 1; id <= rows; id++) await ctx.db.query('INSERT INTO "accounts" VALUES ($1, $2, $3)', [id, `owner ${id}`, ctx.random.int(1, 99_999) / 100]);
}
