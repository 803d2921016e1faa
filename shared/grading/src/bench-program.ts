import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Admin } from 'kafkajs';

/**
 * A lab's program started for a backlog benchmark (the labs' test/bench-*.ts scripts): output
 * kept for error messages, "Listening on slot" awaited, peak memory read from the kernel.
 * BENCH_NODE_ARGS passes flags to its Node (for instance --cpu-prof to profile it).
 */
export interface BenchProgram {
  /** Resolves once it prints `Listening on slot`; rejects if it exits first. */
  listening: Promise<void>;
  readonly exited: boolean;
  output(): string;
  /** VmHWM: the most memory the process has had resident at any moment. */
  peakRssMb(): number;
  /** Ctrl-C (SIGINT), then wait for it to exit. */
  stop(): Promise<void>;
}

export function startBenchProgram(entry: string, env: NodeJS.ProcessEnv): BenchProgram {
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  let exited = false;
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));
  const listening = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (text.includes('Listening on slot')) {
        clearInterval(timer);
        resolve();
      } else if (exited) {
        clearInterval(timer);
        reject(new Error(`the program exited before listening:\n${text}`));
      }
    }, 20);
  });
  return {
    listening,
    get exited() {
      return exited;
    },
    output: () => text,
    peakRssMb: () => {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
    },
    stop: async () => {
      if (exited) return;
      child.kill('SIGINT');
      await exit;
    },
  };
}

/** Records in a topic, by its partitions' end offsets; 0 while it does not exist yet. */
export async function topicEndOffset(admin: Admin, topic: string): Promise<number> {
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } catch {
    return 0;
  }
}
