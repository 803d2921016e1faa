import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { colour, ConfigurationError, formatBytes, redactUrl } from '@cdc-lab/common';
import {
  ensureStack, readState, defaultStateDir, repoRoot, SERVICE_NAMES, stackEnv, stackStatus, stopStack,
  type ServiceName, type StackServices,
} from '@cdc-lab/harness';
import { exportLines } from '../shell.ts';

const USAGE = `usage: pnpm stack <command>

  up [--services postgres,kafka]   start the services (default: postgres and kafka; also: registry, connect) and
                                   keep them running; what a service needs is started first
  status                           what runs, where, and the replication slots it holds
  env                              connection details as shell exports: eval "$(pnpm -s stack env)"
  down                             stop everything and delete its data (slots included) and the labs' own
                                   state (.cdc-lab/labs/); your grading progress and revealed hints stay`;

export async function stackCommand(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up':
      return up(rest);
    case 'status':
      return status();
    case 'env':
      return env();
    case 'down':
      return down();
    case undefined:
    case '--help':
    case '-h':
      console.log(USAGE);
      return;
    default:
      throw new ConfigurationError(`unknown stack command ${JSON.stringify(command)}`, { hint: USAGE });
  }
}

async function up(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { services: { type: 'string', default: 'postgres,kafka' } } });
  const services = parseServices(values.services);
  const stack = await ensureStack(services, { report: (line) => console.log(colour.dim(`[stack] ${line}`)) });
  console.log(`${colour.bold('Stack')}: ${stack.provider} provider — ${stack.reason}`);
  console.log(stack.started.length > 0 ? `Started: ${stack.started.join(', ')}` : 'Already running: nothing to start.');
  console.log('');
  printConnections(stack.services);
}

async function status(): Promise<void> {
  const found = await stackStatus();
  if (!found) {
    console.log('No stack is running. Start one with: pnpm stack up');
    return;
  }
  console.log(`${colour.bold('Stack')}: ${found.state.provider} provider, up since ${found.state.startedAt}`);
  for (const service of found.services) {
    const mark = service.running ? colour.green('running') : colour.red('not running');
    const pid = service.record.pid ? `, pid ${service.record.pid}` : '';
    console.log(`  ${service.service.padEnd(9)} ${mark}${pid}${service.record.logFile ? `, log ${service.record.logFile}` : ''}`);
  }
  console.log('');
  printConnections(found.state.services);
  const postgres = found.services.find((service) => service.service === 'postgres');
  if (postgres?.running) await printSlots(found.state.services);
}

async function env(): Promise<void> {
  const state = readState(defaultStateDir());
  if (!state) {
    throw new ConfigurationError('no stack is running, so there is nothing to export', { hint: 'start one first: pnpm stack up' });
  }
  for (const line of exportLines({ ...stackEnv(state.services) })) console.log(line);
}

async function down(): Promise<void> {
  const stopped = await stopStack({ report: (line) => console.log(colour.dim(`[stack] ${line}`)) });
  // A lab's state (lab 1's bookmark, lab 6's snapshot progress, …) describes a database that
  // is now gone: kept, it would make the next run skip rows or resume a snapshot that no longer exists.
  const removedLabState = removeLabState();
  if (!stopped) console.log('No stack was running.');
  else {
    const names = Object.keys(stopped.services).join(', ');
    console.log(`Stopped ${names || 'nothing'} (${stopped.provider} provider) and removed their data, replication slots included.`);
  }
  if (removedLabState) console.log(`Removed the labs' own state in ${path.relative(process.cwd(), labStateDir()) || '.'}/ (bookmarks, snapshot progress).`);
  console.log(colour.dim(`Kept your grading progress and revealed hints (${path.relative(process.cwd(), defaultStateDir()) || '.'}/progress.json, hints.json).`));
}

/** Where lab programs keep their state when CDC_STATE_DIR is not set: .cdc-lab/labs/NN. */
export function labStateDir(): string {
  return path.join(repoRoot(), '.cdc-lab', 'labs');
}

export function removeLabState(dir = labStateDir()): boolean {
  if (!fs.existsSync(dir)) return false;
  fs.rmSync(dir, { recursive: true, force: true });
  return true;
}

function parseServices(list: string): ServiceName[] {
  const services = list.split(',').map((name) => name.trim()).filter(Boolean);
  for (const service of services) {
    if (!(SERVICE_NAMES as readonly string[]).includes(service)) {
      throw new ConfigurationError(`unknown service ${JSON.stringify(service)}`, { hint: `services are ${SERVICE_NAMES.join(', ')}` });
    }
  }
  return services as ServiceName[];
}

/** How to reach each service by hand. Passwords are masked; `pnpm stack env` has them. */
export function printConnections(services: StackServices): void {
  const env = stackEnv(services);
  const postgres = services.postgres?.endpoint;
  if (postgres && env.DATABASE_URL) {
    const version = postgres.majorVersion ? ` ${postgres.majorVersion}` : '';
    console.log(`${colour.bold(`PostgreSQL${version}`)}  ${postgres.host}:${postgres.port}  database ${postgres.database}, user ${postgres.user}`);
    console.log(`  DATABASE_URL=${redactUrl(env.DATABASE_URL)}`);
    console.log(`  psql:  eval "$(pnpm -s stack env)" && psql "$DATABASE_URL"`);
  }
  const kafka = services.kafka?.endpoint;
  if (kafka) {
    console.log(`${colour.bold(`Kafka${kafka.version ? ` ${kafka.version}` : ''}`)}  ${kafka.brokers}`);
    console.log(`  KAFKA_BROKERS=${kafka.brokers}`);
    console.log(`  console consumer:  kafka-console-consumer.sh --bootstrap-server ${kafka.brokers} --topic <topic> --from-beginning`);
    console.log(`                 or  kcat -b ${kafka.brokers} -C -t <topic>`);
  }
  if (services.registry) console.log(`${colour.bold('Schema registry')}  SCHEMA_REGISTRY_URL=${services.registry.endpoint.url}`);
  if (services.connect) {
    const connectDatabaseHost = stackEnv(services).CONNECT_DATABASE_HOST;
    console.log(`${colour.bold('Kafka Connect')}  CONNECT_URL=${services.connect.endpoint.url}${connectDatabaseHost ? `  CONNECT_DATABASE_HOST=${connectDatabaseHost} (Postgres as the worker reaches it)` : ''}`);
  }
}

/** Every slot holds WAL back; list them with what they retain, so a forgotten one is noticed. */
async function printSlots(services: StackServices): Promise<void> {
  const url = stackEnv(services).DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const settings = await client.query<{ wal_level: string }>('SELECT current_setting($1) AS wal_level', ['wal_level']);
    console.log(`  wal_level = ${settings.rows[0]?.wal_level}`);
    const slots = await client.query<{ slot_name: string; database: string; active: boolean; retained: string }>(
      `SELECT slot_name, database, active, pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint::text AS retained
         FROM pg_replication_slots ORDER BY slot_name`);
    console.log(slots.rowCount === 0 ? '  replication slots: none' : '  replication slots:');
    for (const slot of slots.rows) {
      console.log(`    ${slot.slot_name} (database ${slot.database}) ${slot.active ? 'active' : 'inactive'}, retains ${formatBytes(BigInt(slot.retained ?? '0'))} of WAL`);
    }
  } finally {
    await client.end().catch(() => {});
  }
}
