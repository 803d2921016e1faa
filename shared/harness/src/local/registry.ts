/**
 * The schema registry for lab 8, run on this machine: Apicurio Registry with its
 * Confluent-compatible API (`/apis/ccompat/v7`), storing its data in a database of the stack's
 * own Postgres. Apicurio is Apache-licensed and published on Maven Central as a runnable
 * Quarkus application, so it installs the same way Kafka does: through `mvn` and its cache.
 *
 * Known differences from Confluent's Schema Registry that graders must allow for:
 * - Apicurio's global compatibility default is NONE; Confluent's is BACKWARD. We set BACKWARD
 *   once, on the first start, so a lab sees what Confluent would show.
 * - The text of errors differs (e.g. an incompatible schema is HTTP 409 with error_code 409,
 *   but the message is worded differently): match status and `error_code`, never the message.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StackError } from '@cdc-lab/common';
import type { HttpEndpoint, PostgresEndpoint, ProviderContext, ServiceRecord, StackServices } from '../types.ts';
import { findFreePort, waitUntil } from '../ports.ts';
import { isProcessAlive } from '../state.ts';
import { connectionOf } from './postgres.ts';
import type { LocalService } from './local-service.ts';
import { canRun, run } from './run.ts';
import { signalProcessGroup } from './process-group.ts';

export const APICURIO_VERSION = '3.0.9';
/** The registry's own database, beside the labs' `cdclab` in the same Postgres. */
export const REGISTRY_DATABASE = 'schema_registry';
/** Where the Confluent-compatible API lives; SCHEMA_REGISTRY_URL is the server plus this. */
export const CCOMPAT_PATH = '/apis/ccompat/v7';

const ARTIFACT = `io.apicurio:apicurio-registry-app:${APICURIO_VERSION}:tar.gz:all`;
const RUNNER_JAR = `apicurio-registry-app-${APICURIO_VERSION}-runner.jar`;
const READY_TIMEOUT_MS = 120_000;

interface RegistryDetails {
  /** This registry's folder: its config file and log. */
  dir: string;
  /** The unpacked distribution (runner jar plus lib/). */
  home: string;
  port: number;
  /** Where its data lives; the password is only in the 0600 config file. */
  postgres: { host: string; port: number; user: string; database: string };
  [key: string]: unknown;
}

export const registryService: LocalService = {
  start: (ctx, running) => startRegistry(ctx, running),
  isRunning: (record) => registryIsRunning(record as ServiceRecord<HttpEndpoint>),
  stop: (record) => stopRegistry(record),
  restart: (record) => launchRegistry(record as ServiceRecord<HttpEndpoint>),
  remove: (record) => removeRegistry(record as ServiceRecord<HttpEndpoint>),
};

export async function startRegistry(ctx: ProviderContext, running: StackServices): Promise<ServiceRecord<HttpEndpoint>> {
  const postgres = running.postgres;
  if (!postgres) {
    throw new StackError('the schema registry needs Postgres, which is not running', {
      hint: 'it keeps its schemas in the stack\'s Postgres; `pnpm stack up --services postgres,kafka,registry` starts them in order',
    });
  }
  if (!(await canRun('java', ['-version']))) {
    throw new StackError('Java is needed to run the schema registry and was not found', {
      hint: 'install a JDK 17 or newer (Debian: apt-get install openjdk-17-jre-headless)',
    });
  }
  ctx.report(`fetching Apicurio Registry ${APICURIO_VERSION} with Maven (cached after the first time)`);
  const home = await installApicurio(path.join(ctx.stateDir, 'classpath'));
  await createRegistryDatabase(postgres.endpoint);

  const dir = path.join(ctx.stateDir, 'registry');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'config'), { recursive: true });
  const port = await findFreePort();
  writeConfig(dir, port, postgres.endpoint);

  ctx.report(`starting Apicurio Registry ${APICURIO_VERSION} (Confluent-compatible API) on port ${port}`);
  const { host, port: pgPort, user } = postgres.endpoint;
  const record: ServiceRecord<HttpEndpoint> = {
    endpoint: { url: `http://127.0.0.1:${port}${CCOMPAT_PATH}`, version: APICURIO_VERSION },
    logFile: path.join(dir, 'registry.log'),
    details: { dir, home, port, postgres: { host, port: pgPort, user, database: REGISTRY_DATABASE } } satisfies RegistryDetails,
  };
  const started = await launchRegistry(record);
  // Only on the first start: a lab that changes the global level keeps its choice across restarts.
  await setGlobalCompatibility(started.endpoint.url, 'BACKWARD');
  return started;
}

/**
 * Unpack the distribution under `cacheDir` once; later starts reuse the folder. Maven fetches
 * the archive from Central into its own cache, so even a new state folder downloads nothing.
 */
export async function installApicurio(cacheDir: string): Promise<string> {
  const home = path.join(cacheDir, `apicurio-${APICURIO_VERSION}`);
  if (fs.existsSync(path.join(home, RUNNER_JAR))) return home;
  if (!(await canRun('mvn', ['-v']))) {
    throw new StackError('Maven (mvn) is needed to fetch the schema registry and was not found', {
      hint: 'install it (Debian: apt-get install maven) — or run `pnpm doctor` to check everything at once',
    });
  }
  const download = path.join(cacheDir, `apicurio-${APICURIO_VERSION}.download`);
  const unpacking = `${home}.partial`;
  fs.rmSync(download, { recursive: true, force: true });
  fs.rmSync(unpacking, { recursive: true, force: true });
  fs.mkdirSync(download, { recursive: true });
  fs.mkdirSync(unpacking, { recursive: true });
  try {
    // Run in an empty folder so Maven works without a project, whatever pom is nearby.
    const fetched = await run('mvn', ['-q', '-B', 'dependency:copy', `-Dartifact=${ARTIFACT}`, `-DoutputDirectory=${download}`], { cwd: download });
    const archive = fs.readdirSync(download).find((name) => name.endsWith('.tar.gz'));
    if (fetched.code !== 0 || !archive) {
      throw new StackError(`Maven could not fetch ${ARTIFACT}`, {
        hint: `check that Maven Central is reachable; Maven said:\n${(fetched.stdout + fetched.stderr).trim().split('\n').slice(-10).join('\n')}`,
        retriable: true,
      });
    }
    const unpacked = await run('tar', ['xzf', path.join(download, archive), '-C', unpacking]);
    if (unpacked.code !== 0) throw new StackError(`could not unpack ${archive}: ${unpacked.stderr.trim()}`);
    // Renamed only when complete, so an interrupted unpack is never mistaken for a cache hit.
    fs.renameSync(unpacking, home);
  } finally {
    fs.rmSync(download, { recursive: true, force: true });
    fs.rmSync(unpacking, { recursive: true, force: true });
  }
  return home;
}

/** Start the registry process for a record (first start, or again after a stop). */
export async function launchRegistry(record: ServiceRecord<HttpEndpoint>): Promise<ServiceRecord<HttpEndpoint>> {
  const details = record.details as RegistryDetails;
  const logFile = record.logFile ?? path.join(details.dir, 'registry.log');
  const log = fs.openSync(logFile, 'a');
  // Quarkus reads config/application.properties from its working folder: the database password
  // stays in that 0600 file instead of on a command line anyone can read with `ps`.
  const child = spawn('java', ['-Xmx512m', '-Djava.awt.headless=true', '-jar', path.join(details.home, RUNNER_JAR)], {
    cwd: details.dir,
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  // Detached and unreferenced: the registry outlives `pnpm stack up`, like a daemon.
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new StackError('could not start java for the schema registry');

  try {
    await waitUntil(async () => {
      if (!isProcessAlive(pid)) throw new Error('the registry process exited');
      return answers(record.endpoint.url);
    }, { timeoutMs: READY_TIMEOUT_MS, intervalMs: 500, what: `the schema registry at ${record.endpoint.url}` });
  } catch (error) {
    signalProcessGroup(pid, 'SIGKILL');
    throw new StackError(`the schema registry did not start: ${(error as Error).message}`, {
      cause: error,
      hint: `read ${logFile} for the registry's own words`,
    });
  }
  return { ...record, pid };
}

export async function registryIsRunning(record: ServiceRecord<HttpEndpoint>): Promise<boolean> {
  return record.pid !== undefined && isProcessAlive(record.pid) && (await answers(record.endpoint.url));
}

export async function stopRegistry(record: ServiceRecord): Promise<void> {
  const pid = record.pid;
  if (pid === undefined || !isProcessAlive(pid)) return;
  signalProcessGroup(pid, 'SIGTERM');
  try {
    await waitUntil(async () => !isProcessAlive(pid), { timeoutMs: 30_000, what: 'the schema registry to stop' });
  } catch {
    signalProcessGroup(pid, 'SIGKILL');
    await waitUntil(async () => !isProcessAlive(pid), { timeoutMs: 10_000, what: 'the schema registry to die' });
  }
}

/** Stop the process, drop its database (when Postgres still runs) and delete its folder. */
export async function removeRegistry(record: ServiceRecord<HttpEndpoint>): Promise<void> {
  await stopRegistry(record);
  const details = record.details as RegistryDetails;
  const password = readPassword(details.dir);
  if (password !== undefined) {
    await dropRegistryDatabase({ ...details.postgres, password }).catch(() => {
      // Postgres is already gone (teardown removes it next anyway): nothing left to drop.
    });
  }
  fs.rmSync(details.dir, { recursive: true, force: true });
}

/** PUT /config: the global compatibility level every subject without its own inherits. */
export async function setGlobalCompatibility(url: string, level: 'BACKWARD' | 'FORWARD' | 'FULL' | 'NONE'): Promise<void> {
  const response = await fetch(`${url}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility: level }),
  });
  if (!response.ok) {
    throw new StackError(`the schema registry refused compatibility ${level}: HTTP ${response.status} ${await response.text()}`);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

function writeConfig(dir: string, port: number, postgres: PostgresEndpoint): void {
  const properties: Record<string, string> = {
    'quarkus.http.host': '127.0.0.1',
    'quarkus.http.port': String(port),
    'apicurio.storage.kind': 'sql',
    'apicurio.storage.sql.kind': 'postgresql',
    'apicurio.datasource.url': `jdbc:postgresql://${postgres.host}:${postgres.port}/${REGISTRY_DATABASE}`,
    'apicurio.datasource.username': postgres.user,
    'apicurio.datasource.password': postgres.password,
  };
  // Backslashes and `=`/`:` would be read specially in a .properties value; escape them.
  const text = Object.entries(properties).map(([key, value]) => `${key}=${value.replace(/[\\=:]/g, '\\$&')}`).join('\n') + '\n';
  fs.writeFileSync(path.join(dir, 'config', 'application.properties'), text, { mode: 0o600 });
}

function readPassword(dir: string): string | undefined {
  try {
    const text = fs.readFileSync(path.join(dir, 'config', 'application.properties'), 'utf8');
    const line = text.split('\n').find((entry) => entry.startsWith('apicurio.datasource.password='));
    return line?.slice('apicurio.datasource.password='.length).replace(/\\(.)/g, '$1');
  } catch {
    return undefined;
  }
}

async function createRegistryDatabase(endpoint: PostgresEndpoint): Promise<void> {
  const { host, port, user, password } = connectionOf(endpoint);
  await withAdminClient({ host, port, user, password }, async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [REGISTRY_DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${REGISTRY_DATABASE}"`);
  });
}

async function dropRegistryDatabase(connection: { host: string; port: number; user: string; password: string }): Promise<void> {
  await withAdminClient(connection, (client) => client.query(`DROP DATABASE IF EXISTS "${REGISTRY_DATABASE}"`));
}

async function withAdminClient<T>(
  connection: { host: string; port: number; user: string; password: string },
  work: (client: import('pg').Client) => Promise<T>,
): Promise<T> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ ...connection, database: 'postgres', connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

