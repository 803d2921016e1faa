import { ConfigurationError } from '@cdc-lab/common';
import { ConnectClient } from '@cdc-lab/09-debezium/connect';
import { connectorConfig } from '@cdc-lab/09-debezium/connector';
import type { Contender, ContenderContext, RunningContender } from './contender.ts';

const STATUS_POLL_MS = 1_000;

/**
 * Lab 9's connector, from its versioned config, with what a benchmark must change: no snapshot
 * (the slot already holds the workload), the bench's own publication, and none of the helper
 * tables (heartbeat, signals) the bench database does not have. The worker runs with
 * exactly-once source support, so the connector writes each poll's records in one Kafka
 * transaction, like lab 5 — the sentinel is judged as in a transactional topic.
 */
const BENCH_OVERRIDES: Record<string, string | null> = {
  'snapshot.mode': 'no_data',
  'publication.autocreate.mode': 'disabled',
  'heartbeat.interval.ms': null,
  'heartbeat.action.query': null,
  'signal.enabled.channels': null,
  'signal.data.collection': null,
  'incremental.snapshot.chunk.size': null,
  // The same producer guarantees as the labs' (Connect's defaults, spelled out).
  'producer.override.acks': 'all',
  'producer.override.enable.idempotence': 'true',
  'producer.override.compression.type': 'none',
};

/**
 * Bigger batches all the way: Debezium hands Connect up to max.batch.size records per poll
 * (default 2,048) from a queue of max.queue.size (8,192); each poll is one Kafka transaction;
 * the producer fills batches of batch.size bytes (16 KiB) and waits linger.ms for more.
 */
const TUNED_OVERRIDES: Record<string, string> = {
  'max.batch.size': '16384',
  'max.queue.size': '65536',
  'poll.interval.ms': '100',
  'producer.override.batch.size': '524288',
  'producer.override.linger.ms': '20',
  'producer.override.buffer.memory': '134217728',
};

function debeziumContender(id: string, label: string, settings: string, overrides: Record<string, string | null>): Contender {
  return {
    id,
    label,
    plugin: 'pgoutput',
    sink: 'kafka-transactional',
    settings,
    // A fresh worker for every run, off the clock: its CPU and memory are then this connector's alone.
    prepare: async (ctx) => {
      if (!ctx.connectUrl || !ctx.restartConnect) throw new ConfigurationError('the Debezium contenders need the bench stack\'s Kafka Connect');
      return { ...ctx, connectWorkerPid: await ctx.restartConnect() };
    },
    start: (ctx) => startConnector(id, ctx, overrides),
  };
}

export const debezium = debeziumContender('debezium', 'Debezium (defaults)', `lab 9's connector config, Debezium's batching defaults (max.batch.size 2048, max.queue.size 8192), producer defaults; exactly.once.support=required, a Kafka transaction per poll`, BENCH_OVERRIDES);

export const debeziumTuned = debeziumContender('debezium-tuned', 'Debezium (tuned)', `as the defaults, with ${Object.entries(TUNED_OVERRIDES).map(([key, value]) => `${key}=${value}`).join(', ')}`, { ...BENCH_OVERRIDES, ...TUNED_OVERRIDES });

async function startConnector(id: string, ctx: ContenderContext, overrides: Record<string, string | null>): Promise<RunningContender> {
  if (!ctx.connectUrl || ctx.connectWorkerPid === undefined) throw new ConfigurationError('the Debezium contenders need a Kafka Connect worker started by prepare()');
  const pid = ctx.connectWorkerPid;
  const client = new ConnectClient(ctx.connectUrl);
  const name = `${ctx.topicPrefix}-${id}`;
  await client.putConfig(name, connectorConfig({
    name,
    databaseUrl: ctx.databaseUrl,
    slot: ctx.slot,
    publication: ctx.publication,
    topicPrefix: ctx.topicPrefix,
    overrides,
  }));
  return new RunningConnector(client, name, pid);
}

class RunningConnector implements RunningContender {
  private problem: string | undefined;
  private readonly watcher: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly client: ConnectClient, private readonly name: string, readonly pid: number) {
    // failure() is asked synchronously and often; the worker is asked once a second.
    this.watcher = setInterval(() => void this.checkStatus(), STATUS_POLL_MS);
  }

  failure(): string | undefined {
    return this.problem;
  }

  exitedCleanly(): boolean {
    return false;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.watcher);
    // Deleting the connector stops its task and closes the replication connection (the slot stays).
    await this.client.delete(this.name);
  }

  private async checkStatus(): Promise<void> {
    const status = await this.client.status(this.name).catch(() => undefined);
    const failed = status && [status.connector, ...status.tasks].find((part) => part.state === 'FAILED');
    if (failed && !this.stopped) this.problem = `connector ${this.name} FAILED: ${(failed.trace ?? '').split('\n')[0]}`;
  }
}
