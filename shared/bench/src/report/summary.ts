import type { RunRecord } from '../run-contender.ts';
import { spreadOf, type Spread } from '../stats.ts';
import type { WorkloadName } from '../workloads.ts';

/** One row of a results table: a contender on a workload, over all its runs. */
export interface SummaryRow {
  workload: WorkloadName;
  contender: string;
  changes: number;
  rate: Spread;
  drainSeconds: Spread;
  startupSeconds: Spread;
  clientCpuSeconds: Spread;
  walsenderCpuSeconds: Spread;
  brokerCpuSeconds: Spread;
  clientPeakRssMb: Spread;
  /** Steady workload, Kafka contenders: medians over runs of each run's percentile. */
  latencyMs?: { p50: Spread; p95: Spread; p99: Spread; max: Spread };
  /** Largest number of records found beyond the changes made, over all runs (0: none). */
  extraRecords?: number;
}

export function summarize(records: readonly RunRecord[]): SummaryRow[] {
  const groups = new Map<string, RunRecord[]>();
  for (const record of records) {
    const key = `${record.workload}\u0000${record.contender}`;
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return [...groups.values()].map((runs) => {
    const of = (pick: (record: RunRecord) => number) => spreadOf(runs.map(pick))!;
    const latencies = runs.map((run) => run.latency).filter((latency) => latency !== undefined);
    const delivered = runs.map((run) => run.delivered).filter((count) => count !== undefined);
    return {
      workload: runs[0]!.workload,
      contender: runs[0]!.contender,
      changes: runs[0]!.changes,
      rate: of((run) => run.changesPerSecond),
      drainSeconds: of((run) => run.drainSeconds),
      startupSeconds: of((run) => run.startupSeconds),
      clientCpuSeconds: of((run) => run.clientCpuSeconds),
      walsenderCpuSeconds: of((run) => run.walsenderCpuSeconds),
      brokerCpuSeconds: of((run) => run.brokerCpuSeconds),
      clientPeakRssMb: of((run) => run.clientPeakRssBytes / (1024 * 1024)),
      ...(latencies.length > 0 ? {
        latencyMs: {
          p50: spreadOf(latencies.map((latency) => latency.p50))!,
          p95: spreadOf(latencies.map((latency) => latency.p95))!,
          p99: spreadOf(latencies.map((latency) => latency.p99))!,
          max: spreadOf(latencies.map((latency) => latency.max))!,
        },
      } : {}),
      ...(delivered.length > 0 ? { extraRecords: Math.max(...delivered.map((count, i) => count - runs[i]!.changes)) } : {}),
    };
  });
}

/** A figure with its spread: "21,400 (19,900–22,100)", or just the figure for one run. */
export function formatSpread(spread: Spread, digits = 0): string {
  const format = (value: number) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (spread.runs === 1 || spread.min === spread.max) return format(spread.median);
  return `${format(spread.median)} (${format(spread.min)}–${format(spread.max)})`;
}
