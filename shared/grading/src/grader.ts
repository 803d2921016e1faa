import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServiceName, StackEnv } from '@cdc-lab/harness';
import { findLab, loadManifest, resolveTarget, type Lab, type Target } from '@cdc-lab/workbook';
import { TestDatabase } from './database.ts';
import { GradeFailure } from './failure.ts';
import { TestKafka } from './kafka.ts';
import { LabProcess, type StartOptions } from './lab-process.ts';
import { PrivateStack } from './private-stack.ts';
import { testNames, type TestNames } from './names.ts';
import { seededRandom, type Random } from './seed.ts';

/**
 * One graded behaviour. Stages are data: a slug, a title a learner can read, the docs section
 * that teaches the behaviour, and the check itself.
 */
export interface Stage {
  slug: string;
  title: string;
  /** Docs anchor quoted in failure messages, e.g. `docs/03-logical-streamer.md#keepalives`. */
  docs: string;
  timeoutMs?: number;
  /**
   * Base stages (the default) grade the lab's lesson: passing them all is finishing the lab.
   * Extension stages grade fidelity and depth beyond it, and come after every base stage.
   */
  extension?: boolean;
  run(ctx: StageContext): Promise<void>;
}

export interface Grader {
  lab: Lab;
  stages: Stage[];
}

export interface StageContext {
  lab: Lab;
  stage: Stage;
  target: Target;
  /** Connection details of the whole stack (DATABASE_URL points at the server's main database). */
  stack: StackEnv;
  /** This stage's own database. */
  db: TestDatabase;
  names: TestNames;
  random: Random;
  /** A folder for the program's state files, removed after the stage. */
  stateDir: string;
  /**
   * The environment a lab program gets: the stack with DATABASE_URL pointed at this stage's
   * database, and the stage's unique names (CDC_SLOT, CDC_PUBLICATION, CDC_TOPIC_PREFIX, …).
   */
  programEnv: Record<string, string>;
  /** Start the program under test. Every process started here is stopped after the stage. */
  start(options?: StartOptions): LabProcess;
  /** Kafka for this stage (topics under names.topicPrefix are deleted afterwards). */
  kafka(): TestKafka;
  /**
   * A second database of this stage (dropped after it), for checks that need one made
   * differently, such as another server encoding. Its URL goes in DATABASE_URL to use it.
   */
  otherDatabase(suffix: string, options?: { encoding?: 'SQL_ASCII' | 'LATIN1' }): Promise<TestDatabase>;
  /** Register extra clean-up work, run after the stage in reverse order. */
  onCleanup(work: () => Promise<void> | void): void;
  /**
   * Services of this stage's own (stopped after the stage), for checks that restart, freeze
   * or crash a service. Start the program with `programEnv` overridden by `stack.env`.
   */
  privateStack(services: readonly ServiceName[], options?: { postgresMajor?: number }): Promise<PrivateStack>;
}

export function defineGrader(labNumber: number, stages: Stage[]): Grader {
  const slugs = new Set<string>();
  for (const stage of stages) {
    if (slugs.has(stage.slug)) throw new Error(`two stages are called ${stage.slug}`);
    slugs.add(stage.slug);
  }
  return { lab: findLab(loadManifest(), String(labNumber)), stages };
}

/** Program environment variables every lab may read; each lab's chapter says which it uses. */
export const NAME_VARIABLES = {
  slot: 'CDC_SLOT',
  publication: 'CDC_PUBLICATION',
  topicPrefix: 'CDC_TOPIC_PREFIX',
  transactionalId: 'CDC_TRANSACTIONAL_ID',
  stateDir: 'CDC_STATE_DIR',
} as const;

/**
 * Run one stage against a target with full isolation and clean-up. Graders call it through
 * vitest (registerGrader); the tests that prove a grader bites call it directly.
 */
export async function runStage(grader: Grader, stage: Stage, target: Target, stack: StackEnv): Promise<void> {
  if (!stack.DATABASE_URL) throw new Error('the stack has no DATABASE_URL');
  const names = testNames(grader.lab.number, stage.slug);
  const random = seededRandom();
  const cleanups: (() => Promise<void> | void)[] = [];
  const processes: LabProcess[] = [];
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `${names.id}-`));
  cleanups.push(() => fs.rmSync(stateDir, { recursive: true, force: true }));
  const db = await TestDatabase.create(stack.DATABASE_URL, names.database);
  cleanups.push(() => db.drop());
  let kafka: TestKafka | undefined;

  const programEnv: Record<string, string> = {
    ...(stack as Record<string, string>),
    DATABASE_URL: db.url,
    [NAME_VARIABLES.slot]: names.slot,
    [NAME_VARIABLES.publication]: names.publication,
    [NAME_VARIABLES.topicPrefix]: names.topicPrefix,
    [NAME_VARIABLES.transactionalId]: names.transactionalId,
    [NAME_VARIABLES.stateDir]: stateDir,
  };

  const ctx: StageContext = {
    lab: grader.lab,
    stage,
    target,
    stack,
    db,
    names,
    random,
    stateDir,
    programEnv,
    start: (options = {}) => {
      const child = LabProcess.start(target, { docs: stage.docs, ...options, env: { ...programEnv, ...options.env } });
      processes.push(child);
      return child;
    },
    kafka: () => {
      if (!stack.KAFKA_BROKERS) throw new Error(`lab ${grader.lab.number} asked for Kafka but the stack has none`);
      kafka ??= new TestKafka(stack.KAFKA_BROKERS.split(','), names.topicPrefix);
      return kafka;
    },
    onCleanup: (work) => cleanups.push(work),
    otherDatabase: async (suffix, options) => {
      const other = await TestDatabase.create(stack.DATABASE_URL!, `${names.database}_${suffix}`, options);
      cleanups.push(() => other.drop());
      return other;
    },
    privateStack: async (services, options) => {
      const stack = await PrivateStack.start(services, options);
      cleanups.push(() => stack.stop());
      return stack;
    },
  };

  try {
    await runWithinTimeout(stage, stage.run(ctx), processes);
  } catch (error) {
    if (error instanceof GradeFailure) {
      error.message += `\n(stage ${stage.slug}, target: ${target.describe}, seed ${random.seed}: rerun with CDC_LAB_SEED=${random.seed})`;
    }
    throw error;
  } finally {
    // Processes first: a program still streaming holds its slot, and the slot blocks DROP DATABASE.
    await Promise.all(processes.map((child) => child.kill()));
    if (kafka) await kafka.cleanup().catch(() => {});
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
  }
}

/** How long a stage may take unless it says otherwise. */
export const DEFAULT_STAGE_TIMEOUT_MS = 60_000;

/**
 * A stage that runs out of time fails like any other, with the program's last lines, and
 * still gets its clean-up: the processes it started are stopped, so the stage's own waits end.
 */
async function runWithinTimeout(stage: Stage, run: Promise<void>, processes: readonly LabProcess[]): Promise<void> {
  const timeoutMs = stage.timeoutMs ?? DEFAULT_STAGE_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const last = processes.at(-1);
      reject(new GradeFailure({
        expected: `stage ${stage.slug} to finish within ${timeoutMs / 1000} s`,
        got: 'it was still waiting on your program when the time ran out',
        hint: 'a program that stops answering (a loop that never yields, a wait for something that never comes) looks like this',
        docs: stage.docs,
        ...(last ? { transcript: last.transcript() } : {}),
      }));
    }, timeoutMs);
  });
  // Once the time is up, the stage's own later failure is not news.
  run.catch(() => {});
  try {
    await Promise.race([run, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** The target a grader drives in this run (see `pnpm test:lab --help`). */
export function currentTarget(grader: Grader): Target {
  return resolveTarget(grader.lab);
}
