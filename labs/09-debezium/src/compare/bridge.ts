import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { StackError } from '@cdc-lab/common';

/** The monorepo's root, where `node --import tsx` finds tsx. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Lab 4's bridge, run as a black box: the same program `pnpm lab 4` runs. */
export const LAB4_BRIDGE_COMMAND: readonly string[] = ['node', '--import', 'tsx', 'labs/04-kafka-bridge/src/main.ts'];

export interface BridgeEnvironment {
  databaseUrl: string;
  kafkaBrokers: string;
  slot: string;
  publication: string;
  topicPrefix: string;
}

/**
 * Lab 4's bridge as a separate process, on a slot, publication and topic prefix of its own, so
 * that it and Debezium read the same WAL without sharing anything. It is ready when it says
 * `Listening on slot '<slot>'...` — the line lab 4's chapter promises.
 */
export class BridgeProcess {
  private readonly lines: string[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess, readonly slot: string) {
    for (const stream of [child.stdout!, child.stderr!]) {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop()!;
        this.lines.push(...parts);
      });
    }
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static start(command: readonly string[], tables: readonly string[], env: BridgeEnvironment): BridgeProcess {
    const [program, ...args] = command;
    const child = spawn(program!, [...args, '--tables', tables.join(',')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: env.databaseUrl,
        KAFKA_BROKERS: env.kafkaBrokers,
        CDC_SLOT: env.slot,
        CDC_PUBLICATION: env.publication,
        CDC_TOPIC_PREFIX: env.topicPrefix,
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new BridgeProcess(child, env.slot);
  }

  async listening(timeoutMs = 60_000): Promise<void> {
    const ready = `Listening on slot '${this.slot}'...`;
    const deadline = Date.now() + timeoutMs;
    let gone = false;
    void this.exited.then(() => (gone = true));
    while (!this.lines.includes(ready)) {
      if (gone || Date.now() > deadline) {
        throw new StackError(`lab 4's bridge did not start streaming${gone ? ' (it exited)' : ` within ${timeoutMs / 1000} s`}`, {
          hint: `it said:\n${this.lines.slice(-10).join('\n')}`,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Ctrl-C: the bridge confirms what Kafka acknowledged and closes its slot. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(timer);
  }
}
