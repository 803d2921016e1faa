import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchDatabase } from './bench-database.ts';
import { BENCH_PUBLICATION } from './bench-database.ts';
import { isKafkaSink, type Contender, type ContenderContext, type RunningContender } from './contenders/contender.ts';
import { waitUntilDrained } from './drain.ts';
import type { BenchTopics } from './measure/kafka-topics.ts';
import { ProcessSampler } from './measure/process-sampler.ts';
import { latencySummary, type LatencySummary } from './stats.ts';
import { runSteadyLoad } from './steady-load.ts';
import { SENTINEL_TABLE, type WorkloadName, type WorkloadShape } from './workloads.ts';

/** One contender's figures for one run of one workload. */
export interface RunRecord {
  workload: WorkloadName;
  contender: string;
  run: number;
  changes: number;
  /** From starting the contender until its walsender was streaming. */
  startupSeconds: number;
  /** From streaming until the sink held every change. */
  drainSeconds: number;
  changesPerSecond: number;
  /** CPU seconds while draining: the contender's own process, and the walsender decoding for it. */
  clientCpuSeconds: number;
  walsenderCpuSeconds: number;
  /** The Kafka broker's CPU while draining: on a small machine it competes with the rest. */
  brokerCpuSeconds: number;
  clientPeakRssBytes: number;
  /** Records found in the topics afterwards (Kafka contenders): above `changes` means duplicates. */
  delivered?: number;
  latency?: LatencySummary;
  /** Steady workload: how far behind schedule the load generator fell. */
  loadLagMs?: number;
}

export interface RunSetting {
  workload: WorkloadName;
  run: number;
  shape: WorkloadShape;
  database: BenchDatabase;
  topics: BenchTopics;
  brokers: string;
  connectUrl?: string;
  postgresBinDir?: string;
  /** The broker's process, sampled like the contender's (undefined when not on this machine). */
  brokerPid?: number;
  timeoutMs: number;
  report: (line: string) => void;
  /** A fresh Kafka Connect worker, for the Debezium contenders; returns its process id. */
  restartConnect?: () => Promise<number>;
}

export function slotNameFor(contender: Contender, run: number): string {
  return `bench_${contender.id.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${run}`;
}

/**
 * Drain a backlog: the slot was made before the workload, so everything is waiting. Start the
 * contender, note when its walsender begins streaming, and stop the clock when its sink holds
 * every change.
 */
export async function drainBacklog(contender: Contender, setting: RunSetting, endLsn: string): Promise<RunRecord> {
  return withContender(contender, setting, endLsn, async () => ({}));
}

/**
 * The steady workload: start the contender on a new, empty slot, then send one-row transactions
 * at a fixed rate, and measure each change's way from its commit (the event's source.ts_us,
 * Postgres's commit timestamp) to the broker appending it (the LogAppendTime timestamp).
 */
export async function measureSteady(contender: Contender, setting: RunSetting, rate: number): Promise<RunRecord> {
  await setting.database.createSlot(slotNameFor(contender, setting.run), contender.plugin);
  return withContender(contender, setting, undefined, async () => {
    const load = await runSteadyLoad(setting.database.url, rate, setting.shape.changes);
    await setting.database.insertSentinel();
    return { loadLagMs: load.maxLagMs };
  }, true);
}

async function withContender(
  contender: Contender,
  setting: RunSetting,
  endLsn: string | undefined,
  whileStreaming: () => Promise<Partial<RunRecord>>,
  readLatency = false,
): Promise<RunRecord> {
  const slot = slotNameFor(contender, setting.run);
  const topicPrefix = `bench${setting.run}-${contender.id.replace(/[^a-z0-9]/gi, '').toLowerCase()}-${Date.now().toString(36)}`;
  const dataTopics = [`${topicPrefix}.public.${setting.shape.table}`];
  const sentinelTopic = `${topicPrefix}.public.${SENTINEL_TABLE}`;
  const kafka = isKafkaSink(contender.sink);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-lab-bench-'));
  const given: ContenderContext = {
    databaseUrl: setting.database.url,
    brokers: setting.brokers,
    connectUrl: setting.connectUrl,
    slot,
    publication: BENCH_PUBLICATION,
    topicPrefix,
    transactionalId: `${topicPrefix}-tx`,
    stateDir,
    postgresBinDir: setting.postgresBinDir,
    endLsn,
    restartConnect: setting.restartConnect,
  };
  if (kafka) await setting.topics.create([...dataTopics, sentinelTopic]);
  const ctx = contender.prepare ? await contender.prepare(given) : given;
  let running: RunningContender | undefined;
  try {
    const started = performance.now();
    running = await contender.start(ctx);
    const walsender = await waitForStreaming(setting.database, slot, running, setting.timeoutMs);
    // Gone before the first look (see waitForStreaming): count its whole run as draining.
    const streaming = walsender === undefined ? started : performance.now();
    const watched = [running.pid, walsender, setting.brokerPid].filter((pid) => pid !== undefined);
    const sampler = new ProcessSampler().start(watched);
    const extra = await whileStreaming();
    await waitUntilDrained(running, { sink: contender.sink, shape: setting.shape, dataTopics, sentinelTopic }, setting.topics, {
      timeoutMs: setting.timeoutMs,
      progress: (line) => setting.report(`  ${contender.label}: ${line}`),
    });
    const drained = performance.now();
    const usage = sampler.stop();
    await running.stop();

    const record: RunRecord = {
      workload: setting.workload,
      contender: contender.id,
      run: setting.run,
      changes: setting.shape.changes,
      startupSeconds: (streaming - started) / 1000,
      drainSeconds: (drained - streaming) / 1000,
      changesPerSecond: setting.shape.changes / ((drained - streaming) / 1000),
      clientCpuSeconds: usage.get(running.pid)?.cpuSeconds ?? 0,
      walsenderCpuSeconds: walsender === undefined ? 0 : usage.get(walsender)?.cpuSeconds ?? 0,
      brokerCpuSeconds: setting.brokerPid === undefined ? 0 : usage.get(setting.brokerPid)?.cpuSeconds ?? 0,
      clientPeakRssBytes: usage.get(running.pid)?.peakRssBytes ?? 0,
      ...extra,
    };
    if (kafka) {
      // Afterwards, off the clock: read everything back, to count what arrived (duplicates
      // included) and, for the steady workload, each record's latency.
      const latencies: number[] = [];
      record.delivered = await setting.topics.readAll(dataTopics, setting.shape.changes, (value, appendTimeMs) => {
        if (!readLatency || !value) return;
        const event = JSON.parse(value.toString('utf8')) as { source?: { ts_us?: number; ts_ms?: number } };
        const committedMs = event.source?.ts_us !== undefined ? event.source.ts_us / 1000 : event.source?.ts_ms;
        if (committedMs !== undefined) latencies.push(appendTimeMs - committedMs);
      });
      if (readLatency) record.latency = latencySummary(latencies);
    }
    return record;
  } finally {
    await running?.stop();
    await setting.database.dropSlot(slot).catch(() => {});
    if (kafka) await setting.topics.delete([...dataTopics, sentinelTopic]).catch(() => {});
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

/**
 * The contender is streaming once a walsender holds its slot; that process does the decoding.
 * A small backlog can be gone before the first look: pg_recvlogical may have streamed it all
 * and exited, and then there is no walsender left to measure (undefined).
 */
async function waitForStreaming(database: BenchDatabase, slot: string, running: RunningContender, timeoutMs: number): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pid = await database.slotReader(slot);
    if (pid !== undefined) return pid;
    if (running.exitedCleanly()) return undefined;
    const failure = running.failure();
    if (failure) throw new Error(`it never started streaming: ${failure}`);
    if (Date.now() > deadline) throw new Error(`no walsender took slot '${slot}' within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
