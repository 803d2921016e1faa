import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StackError } from '@cdc-lab/common';
import type { PostgresEndpoint, ProviderContext, ServiceRecord } from '../types.ts';
import { findFreePort, isPortOpen } from '../ports.ts';
import { isProcessAlive } from '../state.ts';
import { findPostgresBinaries } from './postgres-binaries.ts';
import { giveTo, postgresIdentity, reachableByOthers, type ProcessIdentity } from './os-user.ts';
import { run, runChecked } from './run.ts';

/** The superuser and database every lab connects to. The password is random per stack. */
export const POSTGRES_USER = 'postgres';
export const POSTGRES_DATABASE = 'cdclab';

/**
 * Settings that make a scratch cluster fit for CDC work and for many graders at once:
 * logical decoding on, room for a slot and a walsender per parallel test, and a short
 * checkpoint interval so that lab 2 and the slot-retention examples see WAL recycled.
 */
export const CDC_SETTINGS: Record<string, string> = {
  wal_level: 'logical',
  max_replication_slots: '64',
  max_wal_senders: '64',
  max_connections: '300',
  listen_addresses: "'127.0.0.1'",
  // No Unix socket: its path length is limited to ~100 bytes and a deep checkout exceeds it.
  unix_socket_directories: "''",
  // Keep the server's own log where `pnpm stack status` can point to it.
  logging_collector: 'off',
  log_min_messages: 'warning',
  shared_buffers: "'128MB'",
};

interface PostgresDetails {
  dataDir: string;
  binDir: string;
  osUser?: string;
  uid?: number;
  gid?: number;
  [key: string]: unknown;
}

export async function startPostgres(ctx: ProviderContext): Promise<ServiceRecord<PostgresEndpoint>> {
  const binaries = await findPostgresBinaries(ctx.env ?? process.env, { fetch: true, report: ctx.report });
  const identity = await postgresIdentity();
  const dataDir = postgresDataDir(ctx.stateDir, identity);
  const logFile = path.join(path.dirname(dataDir), 'postgres.log');
  const password = crypto.randomBytes(18).toString('base64url');
  const port = await findFreePort();

  ctx.report(`starting PostgreSQL ${binaries.majorVersion} (${binaries.source} binaries${identity ? `, as OS user ${identity.name}` : ''}) on port ${port}`);
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  giveTo(path.dirname(dataDir), identity);

  await initCluster(binaries.binDir, dataDir, password, identity);
  writeSettings(dataDir, port);
  const details: PostgresDetails = {
    dataDir,
    binDir: binaries.binDir,
    ...(identity ? { osUser: identity.name, uid: identity.uid, gid: identity.gid } : {}),
  };
  const record: ServiceRecord<PostgresEndpoint> = {
    endpoint: {
      host: '127.0.0.1',
      port,
      user: POSTGRES_USER,
      password,
      database: POSTGRES_DATABASE,
      majorVersion: binaries.majorVersion,
      dataDir,
      binDir: binaries.binDir,
    },
    logFile,
    details,
  };
  return startCluster(record);
}

/** Start (or start again) the cluster a record describes, with its data and port. */
export async function startCluster(record: ServiceRecord<PostgresEndpoint>): Promise<ServiceRecord<PostgresEndpoint>> {
  const details = record.details as PostgresDetails;
  const identity = identityOf(details);
  const pgCtl = path.join(details.binDir, 'pg_ctl');
  if (record.logFile) {
    fs.closeSync(fs.openSync(record.logFile, 'a'));
    giveTo(record.logFile, identity);
  }
  try {
    await runChecked(pgCtl, ['-D', details.dataDir, '-l', record.logFile ?? '/dev/null', '-w', '-t', '60', 'start'], spawnAs(identity));
  } catch (error) {
    throw new StackError(`PostgreSQL did not start on port ${record.endpoint.port}`, {
      cause: error,
      hint: `read ${record.logFile} for the server's own words`,
    });
  }
  if (record.endpoint.database !== 'postgres') await createDatabase(record);
  return { ...record, pid: postmasterPid(details.dataDir) };
}

/**
 * Stop the server. A fast shutdown waits for every replication client to confirm all the WAL
 * it was sent, up to the shutdown checkpoint; a client that never does (lab 3's `--no-confirm`,
 * a bridge stuck on Kafka) would hold it until wal_sender_timeout. After `fastTimeoutSeconds`
 * the immediate mode ends it anyway, as a crash would — the data is safe, recovery replays it.
 */
export async function stopCluster(record: ServiceRecord<PostgresEndpoint>, mode: 'fast' | 'immediate' = 'fast', fastTimeoutSeconds = 20): Promise<void> {
  const details = record.details as PostgresDetails;
  const pidFile = path.join(details.dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  // After a reboot (or a kill -9) the pid file outlives the server; pg_ctl then fails to signal
  // it and refuses to call the cluster stopped. Nothing runs, so the stale file can go.
  const pid = postmasterPid(details.dataDir);
  if (pid === undefined || !isProcessAlive(pid)) {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  const pgCtl = path.join(details.binDir, 'pg_ctl');
  const as = spawnAs(identityOf(details));
  if (mode === 'fast') {
    const fast = await run(pgCtl, ['-D', details.dataDir, '-m', 'fast', '-w', '-t', String(fastTimeoutSeconds), 'stop'], as);
    if (fast.code === 0) return;
  }
  const immediate = await run(pgCtl, ['-D', details.dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop'], as);
  if (immediate.code !== 0 && fs.existsSync(path.join(details.dataDir, 'postmaster.pid'))) {
    throw new StackError(`PostgreSQL on port ${record.endpoint.port} did not stop`, {
      hint: `pg_ctl said: ${(immediate.stderr || immediate.stdout).trim()}`,
    });
  }
}

export async function postgresIsRunning(record: ServiceRecord<PostgresEndpoint>): Promise<boolean> {
  const details = record.details as PostgresDetails;
  const pid = postmasterPid(details.dataDir);
  return pid !== undefined && isProcessAlive(pid) && (await isPortOpen(record.endpoint.port));
}

export async function removeCluster(record: ServiceRecord<PostgresEndpoint>): Promise<void> {
  // The data is about to be deleted: no need to wait for a clean shutdown.
  await stopCluster(record, 'immediate');
  const details = record.details as PostgresDetails;
  fs.rmSync(path.dirname(details.dataDir), { recursive: true, force: true });
}

/**
 * The data directory lives in the state folder, unless Postgres's OS user could not reach it
 * there (a checkout inside a private home folder); then in the system's temporary folder.
 */
function postgresDataDir(stateDir: string, identity: ProcessIdentity | undefined): string {
  if (!identity || reachableByOthers(stateDir)) return path.join(stateDir, 'postgres', 'data');
  const suffix = crypto.createHash('sha256').update(stateDir).digest('hex').slice(0, 12);
  return path.join(os.tmpdir(), `cdc-lab-${suffix}`, 'postgres', 'data');
}

async function initCluster(binDir: string, dataDir: string, password: string, identity: ProcessIdentity | undefined) {
  // initdb reads the superuser's password from a file, so it never appears in a process list.
  const passwordFile = path.join(path.dirname(dataDir), 'initdb.pw');
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  giveTo(passwordFile, identity);
  try {
    await runChecked(path.join(binDir, 'initdb'), [
      '-D', dataDir,
      '-U', POSTGRES_USER,
      `--pwfile=${passwordFile}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ], spawnAs(identity));
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

function writeSettings(dataDir: string, port: number): void {
  const settings = { ...CDC_SETTINGS, port: String(port) };
  const lines = Object.entries(settings).map(([name, value]) => `${name} = ${value}`);
  fs.appendFileSync(path.join(dataDir, 'postgresql.conf'), `\n# cdc-lab\n${lines.join('\n')}\n`);
  // Replication connections match the `replication` pseudo-database, not `all`.
  fs.appendFileSync(
    path.join(dataDir, 'pg_hba.conf'),
    '\n# cdc-lab: password logins over loopback, for ordinary and replication connections\n'
      + 'host all all 127.0.0.1/32 scram-sha-256\nhost replication all 127.0.0.1/32 scram-sha-256\n',
  );
}

async function createDatabase(record: ServiceRecord<PostgresEndpoint>): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ ...connectionOf(record.endpoint), database: 'postgres' });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [record.endpoint.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${record.endpoint.database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

export function connectionOf(endpoint: PostgresEndpoint) {
  return { host: endpoint.host, port: endpoint.port, user: endpoint.user, password: endpoint.password, database: endpoint.database };
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function identityOf(details: PostgresDetails): ProcessIdentity | undefined {
  return details.uid === undefined || details.gid === undefined
    ? undefined
    : { uid: details.uid, gid: details.gid, name: details.osUser ?? String(details.uid) };
}

function spawnAs(identity: ProcessIdentity | undefined) {
  // HOME must be somewhere the account may read, or initdb complains on some systems.
  return identity ? { uid: identity.uid, gid: identity.gid, env: { ...process.env, HOME: os.tmpdir() } } : {};
}
