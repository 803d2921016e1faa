import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StackError } from '@cdc-lab/common';
import type { KafkaEndpoint, ProviderContext, ServiceRecord } from '../types.ts';
import { findFreePorts, isPortOpen, waitUntil } from '../ports.ts';
import { isProcessAlive, repoRoot } from '../state.ts';
import { waitForKafkaReady } from '../kafka-ready.ts';
import { KAFKA_VERSION } from './kafka-version.ts';
import { resolveClasspath } from './maven.ts';
import { canRun, runChecked } from './run.ts';
import { signalProcessGroup } from './process-group.ts';

interface KafkaDetails {
  dir: string;
  configFile: string;
  classpathFile: string;
  [key: string]: unknown;
}

/**
 * Broker settings for a single-node KRaft cluster. The replication factors matter: Kafka's
 * defaults for its internal topics are 3, and on one broker the transaction coordinator can
 * then never create __transaction_state — transactional producers hang in initTransactions.
 */
export function brokerProperties({ port, controllerPort, logDir }: { port: number; controllerPort: number; logDir: string }): Record<string, string> {
  return {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': logDir,
    'num.partitions': '1',
    'offsets.topic.replication.factor': '1',
    'offsets.topic.num.partitions': '5',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'transaction.state.log.num.partitions': '5',
    'min.insync.replicas': '1',
    'group.initial.rebalance.delay.ms': '0',
    'auto.create.topics.enable': 'true',
    // Graders create and delete many topics; deletion must really happen.
    'delete.topic.enable': 'true',
  };
}

export async function startKafka(ctx: ProviderContext): Promise<ServiceRecord<KafkaEndpoint>> {
  if (!(await canRun('java', ['-version']))) {
    throw new StackError('Java is needed to run Kafka and was not found', {
      hint: 'install a JDK 17 or newer (Debian: apt-get install openjdk-17-jre-headless)',
    });
  }
  const dir = path.join(ctx.stateDir, 'kafka');
  const classpathFile = path.join(ctx.stateDir, 'classpath', `kafka-${KAFKA_VERSION}.txt`);
  ctx.report(`resolving Apache Kafka ${KAFKA_VERSION} jars with Maven (cached after the first time)`);
  await resolveClasspath(kafkaPom(), classpathFile, { 'kafka.version': KAFKA_VERSION });

  const [port, controllerPort] = (await findFreePorts(2)) as [number, number];
  fs.rmSync(dir, { recursive: true, force: true });
  const logDir = path.join(dir, 'data');
  fs.mkdirSync(logDir, { recursive: true });
  const configFile = path.join(dir, 'server.properties');
  const properties = brokerProperties({ port, controllerPort, logDir });
  fs.writeFileSync(configFile, Object.entries(properties).map(([key, value]) => `${key}=${value}`).join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'log4j2.properties'), LOG4J2_PROPERTIES);

  // KRaft needs its storage formatted with a cluster id before the first start.
  const clusterId = newClusterId();
  const classpath = await resolveClasspath(kafkaPom(), classpathFile);
  await runChecked('java', [logConfig(dir), '-cp', classpath.join(path.delimiter), 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '-c', configFile]);

  ctx.report(`starting Apache Kafka ${KAFKA_VERSION} (KRaft, single node) on port ${port}`);
  const record: ServiceRecord<KafkaEndpoint> = {
    endpoint: { brokers: `127.0.0.1:${port}`, version: KAFKA_VERSION },
    logFile: path.join(dir, 'kafka.log'),
    details: { dir, configFile, classpathFile, port, controllerPort, clusterId } satisfies KafkaDetails,
  };
  return launchBroker(record);
}

/** Start the broker process for a record (first start, or again after a stop). */
export async function launchBroker(record: ServiceRecord<KafkaEndpoint>): Promise<ServiceRecord<KafkaEndpoint>> {
  const details = record.details as KafkaDetails;
  const classpath = await resolveClasspath(kafkaPom(), details.classpathFile, { 'kafka.version': KAFKA_VERSION });
  const log = fs.openSync(record.logFile ?? path.join(details.dir, 'kafka.log'), 'a');
  const broker = spawn('java', [
    '-Xms256m', '-Xmx768m', '-XX:+UseG1GC', '-Djava.awt.headless=true',
    logConfig(details.dir),
    `-Dkafka.logs.dir=${details.dir}`,
    '-cp', classpath.join(path.delimiter),
    'kafka.Kafka', details.configFile,
  ], { detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  // Detached and unreferenced: the broker outlives `pnpm stack up`, like a daemon.
  broker.unref();
  const pid = broker.pid;
  if (pid === undefined) throw new StackError('could not start java for Kafka');

  const port = Number(record.endpoint.brokers.split(':').pop());
  try {
    await waitUntil(async () => {
      if (!isProcessAlive(pid)) throw new Error('the broker process exited');
      return isPortOpen(port);
    }, { timeoutMs: 90_000, what: `Kafka on port ${port}` });
    await waitForKafkaReady(record.endpoint.brokers);
  } catch (error) {
    signalProcessGroup(pid, 'SIGKILL');
    throw new StackError(`Kafka did not start: ${(error as Error).message}`, {
      cause: error,
      hint: `read ${record.logFile} for the broker's own words`,
    });
  }
  return { ...record, pid };
}

/**
 * A KRaft cluster id: 16 random bytes in base64url, as Kafka makes them. Like Kafka's own
 * Uuid.randomUuid, never one that starts with '-': the storage tool would read it as an option.
 */
export function newClusterId(random: () => Buffer = () => crypto.randomBytes(16)): string {
  for (;;) {
    const id = random().toString('base64url').slice(0, 22);
    if (!id.startsWith('-')) return id;
  }
}

export async function stopBroker(record: ServiceRecord, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  if (record.pid === undefined || !isProcessAlive(record.pid)) return;
  signalProcessGroup(record.pid, signal);
  const pid = record.pid;
  try {
    // A clean shutdown lets the broker close its logs, so the next start needs no recovery.
    await waitUntil(async () => !isProcessAlive(pid), { timeoutMs: 30_000, what: 'Kafka to stop' });
  } catch {
    signalProcessGroup(pid, 'SIGKILL');
    await waitUntil(async () => !isProcessAlive(pid), { timeoutMs: 10_000, what: 'Kafka to die' });
  }
}

export async function kafkaIsRunning(record: ServiceRecord<KafkaEndpoint>): Promise<boolean> {
  const port = Number(record.endpoint.brokers.split(':').pop());
  return record.pid !== undefined && isProcessAlive(record.pid) && (await isPortOpen(port));
}

export async function removeKafka(record: ServiceRecord<KafkaEndpoint>): Promise<void> {
  await stopBroker(record);
  fs.rmSync((record.details as KafkaDetails).dir, { recursive: true, force: true });
}

export function kafkaPom(): string {
  return path.join(repoRoot(), 'shared', 'harness', 'maven', 'kafka', 'pom.xml');
}

function logConfig(dir: string): string {
  return `-Dlog4j2.configurationFile=${path.join(dir, 'log4j2.properties')}`;
}

const LOG4J2_PROPERTIES = `# Broker log for the cdc-lab local stack: warnings, plus the start-up milestones.
status = warn
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.out.ref = out
logger.server.name = kafka.server.KafkaRaftServer
logger.server.level = INFO
logger.broker.name = kafka.server.BrokerServer
logger.broker.level = INFO
`;
