import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StackError } from '@cdc-lab/common';
import { Kafka, logLevel } from 'kafkajs';
import type { HttpEndpoint, ProviderContext, ServiceRecord, StackServices } from '../types.ts';
import { findFreePort, isPortOpen, waitUntil } from '../ports.ts';
import { isProcessAlive, repoRoot } from '../state.ts';
import type { LocalService } from './local-service.ts';
import { resolveClasspath } from './maven.ts';
import { canRun, run } from './run.ts';
import { signalProcessGroup } from './process-group.ts';

/**
 * Kafka Connect in distributed mode with the Debezium PostgreSQL connector (lab 9), run from
 * Maven Central jars with the machine's `java`. The worker's own jars are a classpath (like the
 * broker's); the connector is a plugin folder, loaded by Connect on a class loader of its own.
 *
 * Lab 9 note: deleting a connector (DELETE /connectors/<name>) does not drop its replication
 * slot. Whoever registers a connector drops `slot.name` afterwards, or the slot keeps WAL forever.
 */
export const DEBEZIUM_VERSION = '3.6.1.Final';

/**
 * The Apache Kafka release whose Connect runtime runs the worker: its own constant, apart from
 * the broker's KAFKA_VERSION. Debezium 3.6.1.Final is compiled against Kafka 4.3.0
 * (`<version.kafka>4.3.0</version.kafka>` in io.debezium:debezium-build-parent:3.6.1.Final on
 * Maven Central), and Debezium's own 3.6 images run that Connect too (container-images
 * kafka/3.6/Dockerfile: `ARG KAFKA_VERSION=4.3.0`; connect-base/3.6 builds FROM kafka:3.6,
 * connect/3.6 FROM connect-base:3.6), so the local worker and quay.io/debezium/connect:3.6.1.Final
 * run the same Connect. Debezium's 3.6 compatibility table (debezium.io/releases/3.6) asks for
 * Kafka Connect 3.1 or later and Java 17. A 4.3 worker talks to the 4.1 broker as any newer
 * client does: requests are versioned and negotiated.
 */
export const KAFKA_CONNECT_VERSION = '4.3.0';

/** The connector class that must be listed before the worker counts as ready. */
export const POSTGRES_CONNECTOR_CLASS = 'io.debezium.connector.postgresql.PostgresConnector';

/** Names the worker uses in Kafka: its group and its three internal topics. */
export const CONNECT_GROUP_ID = 'cdc-lab-connect';
export const CONNECT_TOPICS = {
  configs: 'cdc-lab-connect-configs',
  offsets: 'cdc-lab-connect-offsets',
  status: 'cdc-lab-connect-status',
} as const;

const READY_TIMEOUT_MS = 120_000;

interface ConnectDetails {
  dir: string;
  configFile: string;
  classpathFile: string;
  pluginDir: string;
  port: number;
  brokers: string;
  [key: string]: unknown;
}

export const connectService: LocalService = {
  start: (ctx, running) => startConnect(ctx, running),
  isRunning: (record) => connectIsRunning(record as ServiceRecord<HttpEndpoint>),
  stop: (record) => stopWorker(record),
  restart: (record) => launchWorker(record as ServiceRecord<HttpEndpoint>),
  remove: (record) => removeConnect(record as ServiceRecord<HttpEndpoint>),
};

export async function startConnect(ctx: ProviderContext, running: StackServices): Promise<ServiceRecord<HttpEndpoint>> {
  const brokers = running.kafka?.endpoint.brokers;
  if (!brokers) {
    throw new StackError('Kafka Connect needs a running Kafka broker, and none is in this stack', {
      hint: 'start kafka before connect (and postgres too: the Debezium connector reads from it), e.g. pnpm stack up postgres kafka connect',
    });
  }
  if (!(await canRun('java', ['-version']))) {
    throw new StackError('Java is needed to run Kafka Connect and was not found', {
      hint: 'install a JDK 17 or newer (Debian: apt-get install openjdk-17-jre-headless)',
    });
  }
  const classpathFile = path.join(ctx.stateDir, 'classpath', `connect-${KAFKA_CONNECT_VERSION}.txt`);
  ctx.report(`resolving Kafka Connect ${KAFKA_CONNECT_VERSION} jars with Maven (cached after the first time)`);
  await resolveClasspath(connectPom(), classpathFile, { 'kafka.version': KAFKA_CONNECT_VERSION });
  const plugins = path.join(ctx.stateDir, 'plugins', `debezium-${DEBEZIUM_VERSION}`);
  ctx.report(`fetching the Debezium PostgreSQL connector ${DEBEZIUM_VERSION} (cached after the first time)`);
  await copyDebeziumPlugin(plugins);

  const dir = path.join(ctx.stateDir, 'connect');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const port = await findFreePort();
  const configFile = path.join(dir, 'worker.properties');
  const properties = workerProperties({ brokers, port, pluginPath: plugins });
  fs.writeFileSync(configFile, Object.entries(properties).map(([key, value]) => `${key}=${value}`).join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'log4j2.properties'), LOG4J2_PROPERTIES);

  ctx.report(`starting Kafka Connect ${KAFKA_CONNECT_VERSION} with Debezium ${DEBEZIUM_VERSION} on port ${port}`);
  const record: ServiceRecord<HttpEndpoint> = {
    endpoint: { url: `http://127.0.0.1:${port}`, version: `${KAFKA_CONNECT_VERSION} + Debezium ${DEBEZIUM_VERSION}` },
    logFile: path.join(dir, 'connect.log'),
    details: { dir, configFile, classpathFile, pluginDir: plugins, port, brokers } satisfies ConnectDetails,
  };
  return launchWorker(record);
}

/**
 * Worker settings for one distributed-mode worker on a single broker. Replication factor 1 for
 * the internal topics, because the default of 3 can never be met on one broker.
 */
export function workerProperties({ brokers, port, pluginPath }: { brokers: string; port: number; pluginPath: string }): Record<string, string> {
  return {
    'bootstrap.servers': brokers,
    'group.id': CONNECT_GROUP_ID,
    'config.storage.topic': CONNECT_TOPICS.configs,
    'offset.storage.topic': CONNECT_TOPICS.offsets,
    'status.storage.topic': CONNECT_TOPICS.status,
    'config.storage.replication.factor': '1',
    'offset.storage.replication.factor': '1',
    'status.storage.replication.factor': '1',
    // Plain JSON, like the envelope of labs 4–9, so lab 9 can compare events field by field.
    'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'key.converter.schemas.enable': 'false',
    'value.converter.schemas.enable': 'false',
    listeners: `http://127.0.0.1:${port}`,
    'rest.advertised.host.name': '127.0.0.1',
    'rest.advertised.port': String(port),
    'plugin.path': pluginPath,
    // Find plugins through their ServiceLoader manifests instead of scanning every class:
    // the worker starts in about 2.5 s instead of 5.6 s. Debezium's jars carry the manifests.
    'plugin.discovery': 'service_load',
    'exactly.once.source.support': 'enabled',
    // Commit source offsets every second, so a grader sees the position move without waiting a minute.
    'offset.flush.interval.ms': '1000',
  };
}

/** Start the worker process for a record (first start, or again after a stop). */
export async function launchWorker(record: ServiceRecord<HttpEndpoint>): Promise<ServiceRecord<HttpEndpoint>> {
  const details = record.details as ConnectDetails;
  const classpath = await resolveClasspath(connectPom(), details.classpathFile, { 'kafka.version': KAFKA_CONNECT_VERSION });
  await copyDebeziumPlugin(details.pluginDir);
  const logFile = record.logFile ?? path.join(details.dir, 'connect.log');
  const log = fs.openSync(logFile, 'a');
  const worker = spawn('java', [
    '-Xms256m', '-Xmx768m', '-XX:+UseG1GC', '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${path.join(details.dir, 'log4j2.properties')}`,
    '-cp', classpath.join(path.delimiter),
    'org.apache.kafka.connect.cli.ConnectDistributed', details.configFile,
  ], { detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  // Detached and unreferenced: the worker outlives `pnpm stack up`, like a daemon.
  worker.unref();
  const pid = worker.pid;
  if (pid === undefined) throw new StackError('could not start java for Kafka Connect');

  try {
    await waitUntil(async () => {
      if (!isProcessAlive(pid)) throw new Error('the worker process exited');
      return workerIsReady(record.endpoint.url);
    }, { timeoutMs: READY_TIMEOUT_MS, intervalMs: 250, what: `Kafka Connect at ${record.endpoint.url} to list ${POSTGRES_CONNECTOR_CLASS}` });
  } catch (error) {
    signalProcessGroup(pid, 'SIGKILL');
    throw new StackError(`Kafka Connect did not start: ${(error as Error).message}`, {
      cause: error,
      hint: `read ${logFile} for the worker's own words`,
    });
  }
  return { ...record, pid };
}

/**
 * Ready means both: the worker has joined its group and read its config topic (GET /health,
 * KIP-1017), so connectors can be created; and the Debezium plugin was found.
 */
async function workerIsReady(url: string): Promise<boolean> {
  const health = await getJson(`${url}/health`);
  if (health.status !== 200) return false;
  const plugins = await getJson(`${url}/connector-plugins`);
  return plugins.status === 200
    && Array.isArray(plugins.body)
    && plugins.body.some((plugin) => (plugin as { class?: unknown }).class === POSTGRES_CONNECTOR_CLASS);
}

async function getJson(url: string): Promise<{ status: number; body?: unknown }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return { status: response.status, body: await response.json().catch(() => undefined) };
  } catch {
    return { status: 0 };
  }
}

export async function stopWorker(record: ServiceRecord, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  if (record.pid === undefined || !isProcessAlive(record.pid)) return;
  const pid = record.pid;
  signalProcessGroup(pid, signal);
  try {
    // A clean shutdown stops the connectors' tasks, which commit their offsets and close their slots.
    await waitUntil(async () => !isProcessAlive(pid), { timeoutMs: 30_000, what: 'Kafka Connect to stop' });
  } catch {
    signalProcessGroup(pid, 'SIGKILL');
    await waitUntil(async () => !isProcessAlive(pid), { timeoutMs: 10_000, what: 'Kafka Connect to die' });
  }
}

export async function connectIsRunning(record: ServiceRecord<HttpEndpoint>): Promise<boolean> {
  if (record.pid === undefined || !isProcessAlive(record.pid)) return false;
  return (await getJson(`${record.endpoint.url}/`)).status === 200;
}

/**
 * Stop the worker and forget it: its folder, and (when the broker still runs) its internal
 * topics, so that a later start does not bring back the connectors registered on this one.
 */
export async function removeConnect(record: ServiceRecord<HttpEndpoint>): Promise<void> {
  await stopWorker(record);
  const details = record.details as ConnectDetails;
  await deleteInternalTopics(details.brokers).catch(() => {});
  fs.rmSync(details.dir, { recursive: true, force: true });
}

async function deleteInternalTopics(brokers: string): Promise<void> {
  const port = Number(brokers.split(',')[0]?.split(':').pop());
  if (!(await isPortOpen(port))) return;
  const admin = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 1 } }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = Object.values(CONNECT_TOPICS).filter((topic) => existing.has(topic));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Copy the connector and its dependencies into `<pluginDir>/debezium-connector-postgres`,
 * once: a folder that already holds the connector jar is kept.
 */
async function copyDebeziumPlugin(pluginDir: string): Promise<void> {
  const folder = path.join(pluginDir, 'debezium-connector-postgres');
  const connectorJar = path.join(folder, `debezium-connector-postgres-${DEBEZIUM_VERSION}.jar`);
  if (fs.existsSync(connectorJar)) return;
  if (!(await canRun('mvn', ['-v']))) {
    throw new StackError('Maven (mvn) is needed to fetch the Debezium connector and was not found', {
      hint: 'install it (Debian: apt-get install maven) — or run `pnpm doctor` to check everything at once',
    });
  }
  // Copy beside the final folder, then rename: an interrupted copy never looks complete.
  const partial = `${folder}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(folder), { recursive: true });
  const result = await run('mvn', [
    '-q', '-B', '-f', debeziumPom(), 'dependency:copy-dependencies',
    `-Ddebezium.version=${DEBEZIUM_VERSION}`,
    '-DincludeScope=runtime',
    // The worker provides these; a second copy on the plugin's class loader causes errors.
    // From 3.6, debezium-connect-plugins depends on connect-api at compile scope, which brings
    // kafka-clients' compression libraries and the JAX-RS API along: the worker has those too.
    '-DexcludeGroupIds=org.apache.kafka,com.fasterxml.jackson.core,com.github.luben,at.yawk.lz4,org.xerial.snappy,jakarta.ws.rs',
    '-DexcludeArtifactIds=slf4j-api',
    `-DoutputDirectory=${partial}`,
  ]);
  if (result.code !== 0 || !fs.existsSync(path.join(partial, path.basename(connectorJar)))) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw new StackError(`Maven could not fetch the Debezium PostgreSQL connector ${DEBEZIUM_VERSION}`, {
      hint: `check that Maven Central is reachable; Maven said:\n${(result.stdout + result.stderr).trim().split('\n').slice(-10).join('\n')}`,
      retriable: true,
    });
  }
  fs.rmSync(folder, { recursive: true, force: true });
  fs.renameSync(partial, folder);
}

export function connectPom(): string {
  return path.join(repoRoot(), 'shared', 'harness', 'maven', 'connect', 'pom.xml');
}

function debeziumPom(): string {
  return path.join(repoRoot(), 'shared', 'harness', 'maven', 'debezium', 'pom.xml');
}

const LOG4J2_PROPERTIES = `# Kafka Connect log for the cdc-lab local stack: warnings, start-up, and what Debezium does.
status = warn
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.out.ref = out
logger.cli.name = org.apache.kafka.connect.cli
logger.cli.level = INFO
logger.herder.name = org.apache.kafka.connect.runtime.distributed.DistributedHerder
logger.herder.level = INFO
logger.debezium.name = io.debezium.connector.postgresql
logger.debezium.level = INFO
# One warning per built-in type at every connection ("Type ... is already mapped"): noise.
logger.types.name = io.debezium.connector.postgresql.TypeRegistry
logger.types.level = ERROR
`;
