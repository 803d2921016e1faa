import type { DecodingPlugin } from '../bench-database.ts';

/** Where a contender's changes end up, which decides how the benchmark knows it is done. */
export type Sink =
  | 'discard'               // pg_recvlogical to /dev/null: exits by itself at --endpos
  | 'stdout'                // lab 3 prints; done when it has printed every COMMIT
  | 'kafka'                 // done when the topics' end offsets hold every change
  | 'kafka-transactional';  // the same, and the sentinel's transaction is committed

export interface ContenderContext {
  databaseUrl: string;
  brokers: string;
  connectUrl?: string;
  slot: string;
  publication: string;
  topicPrefix: string;
  transactionalId: string;
  /** A folder of the contender's own for state files (lab 5's, Connect's none). */
  stateDir: string;
  postgresBinDir?: string;
  /** Where the workload's WAL ends (known for backlogs, not for the steady workload). */
  endLsn?: string;
  /** Start a fresh Kafka Connect worker (Debezium contenders); resolves to its process id. */
  restartConnect?: () => Promise<number>;
  /** The Connect worker's process id, once prepare() has started it. */
  connectWorkerPid?: number;
}

export interface RunningContender {
  /** The process whose CPU time and memory are the contender's own. */
  readonly pid: number;
  /** Why it stopped before it was asked to, if it did (with the end of its output). */
  failure(): string | undefined;
  /** True once it has exited with success on its own (pg_recvlogical at --endpos). */
  exitedCleanly(): boolean;
  /** For printing sinks: transactions whose COMMIT it has printed so far. */
  printedCommits?(): number;
  /** For exiting sinks: resolves when the process has exited on its own, successfully. */
  readonly finished?: Promise<void>;
  stop(): Promise<void>;
}

export interface Contender {
  readonly id: string;
  readonly label: string;
  readonly plugin: DecodingPlugin;
  readonly sink: Sink;
  /** A short account of its settings, for the report. */
  readonly settings: string;
  /** Work before the clock starts (Debezium: a fresh Connect worker); returns the context to start with. */
  prepare?(ctx: ContenderContext): Promise<ContenderContext>;
  start(ctx: ContenderContext): Promise<RunningContender>;
}

export function isKafkaSink(sink: Sink): boolean {
  return sink === 'kafka' || sink === 'kafka-transactional';
}
