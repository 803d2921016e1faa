import type { RunningContender, Sink } from './contenders/contender.ts';
import type { BenchTopics } from './measure/kafka-topics.ts';
import type { WorkloadShape } from './workloads.ts';

const POLL_MS = 100;
const PROGRESS_EVERY_MS = 10_000;

export interface DrainTarget {
  sink: Sink;
  shape: WorkloadShape;
  dataTopics: readonly string[];
  sentinelTopic: string;
}

/**
 * Wait until a contender has delivered the whole workload, judged from outside, by what its
 * sink holds:
 *
 *   discard               pg_recvlogical exits by itself once it has received up to --endpos
 *   stdout                lab 3 has printed a COMMIT line for every transaction
 *   kafka                 the data topics' end offsets reach the number of changes, and the
 *                         sentinel (the workload's last transaction) is in its topic
 *   kafka-transactional   the same, but in a transactional topic every commit marker takes
 *                         an offset too, so the end offsets alone prove nothing: the sentinel's
 *                         topic must hold its record *and* that transaction's commit marker
 *                         (end offset 2). Transactions commit in order, so everything before
 *                         is committed as well.
 */
export async function waitUntilDrained(
  running: RunningContender,
  target: DrainTarget,
  topics: BenchTopics | undefined,
  options: { timeoutMs: number; progress: (line: string) => void },
): Promise<void> {
  if (target.sink === 'discard') {
    await withTimeout(running.finished!, options.timeoutMs, 'pg_recvlogical to reach --endpos');
    return;
  }
  const started = Date.now();
  let lastProgress = started;
  for (;;) {
    const failure = running.failure();
    if (failure) throw new Error(`the contender stopped before delivering everything: ${failure}`);
    const { delivered, complete } = await measure(running, target, topics);
    if (complete) return;
    const now = Date.now();
    if (now - started > options.timeoutMs) {
      throw new Error(`gave up after ${Math.round(options.timeoutMs / 1000)} s with ${delivered.toLocaleString('en-US')} of ${target.shape.changes.toLocaleString('en-US')} delivered`);
    }
    if (now - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = now;
      options.progress(`${delivered.toLocaleString('en-US')} of ${target.shape.changes.toLocaleString('en-US')} after ${Math.round((now - started) / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function measure(running: RunningContender, target: DrainTarget, topics: BenchTopics | undefined): Promise<{ delivered: number; complete: boolean }> {
  if (target.sink === 'stdout') {
    const commits = running.printedCommits!();
    return { delivered: commits, complete: commits >= target.shape.transactions };
  }
  const delivered = await topics!.endOffsetTotal(target.dataTopics);
  if (delivered < target.shape.changes) return { delivered, complete: false };
  const sentinel = await topics!.endOffsetTotal([target.sentinelTopic]);
  return { delivered, complete: sentinel >= (target.sink === 'kafka-transactional' ? 2 : 1) };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up waiting ${Math.round(ms / 1000)} s for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
