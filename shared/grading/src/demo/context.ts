import os from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '@cdc-lab/common';
import type { StackEnv } from '@cdc-lab/harness';
import type { Lab } from '@cdc-lab/workbook';
import { withDatabase, type TestDatabase } from '../database.ts';
import type { FailureReport } from '../failure.ts';
import type { TestKafka } from '../kafka.ts';
import type { Memory } from './steps.ts';

/**
 * Everything a demo makes is named after one stem, `cdc_lab_demo_<NN>` unless `--id` gives
 * another: its database (made at the start, dropped at the end with its slots), its slot,
 * publication, topic prefix and state folder. The learner's own work in the main database,
 * under the lab's default names, is never touched.
 */
export interface DemoNames {
  id: string;
  database: string;
  /** DATABASE_URL of the demo's database. */
  databaseUrl: string;
  slot: string;
  publication: string;
  /** The stem with dashes: topics are `<prefix>.<schema>.<table>`. */
  topicPrefix: string;
  transactionalId: string;
  stateDir: string;
}

const ID_PATTERN = /^[a-z][a-z0-9_]{0,40}$/;

export function demoNames(lab: number, adminUrl: string, id = `cdc_lab_demo_${String(lab).padStart(2, '0')}`): DemoNames {
  if (!ID_PATTERN.test(id)) {
    throw new ConfigurationError(`--id ${id} cannot name a database and a slot`, {
      hint: 'use lower-case letters, digits and underscores, starting with a letter, at most 41 characters',
    });
  }
  const topicPrefix = id.replaceAll('_', '-');
  return {
    id,
    database: id,
    databaseUrl: withDatabase(adminUrl, id),
    slot: id,
    publication: id,
    topicPrefix,
    transactionalId: `${topicPrefix}.txn`,
    stateDir: path.join(os.tmpdir(), `${topicPrefix}-state`),
  };
}

/** What a scenario's own checks and clean-up see of the running demo. */
export interface DemoContext {
  readonly lab: Lab;
  readonly names: DemoNames;
  readonly stack: StackEnv;
  /** The environment the lab's program gets: the stack, pointed at the demo's database and names. */
  readonly programEnv: Record<string, string>;
  readonly db: TestDatabase;
  /** What earlier steps remembered. */
  readonly memory: Memory;
  /** Kafka, for the labs that use it (topics under the prefix are deleted at the end). */
  kafka(): TestKafka;
  /** Everything the program shown as `program` printed in its current run, both streams, in order. */
  output(program: string): readonly string[];
  /** Show a reading of the demo's own (rows, a comparison) under the current step. */
  show(line: string): void;
  /** Stop the demo: this was expected and that was seen. */
  fail(report: Omit<FailureReport, 'docs' | 'transcript'> & { program?: string }): never;
}
