import path from 'node:path';
import { repoRoot } from '@cdc-lab/harness';
import { ChildProgram } from './child-program.ts';
import type { Contender, ContenderContext } from './contender.ts';

/**
 * The workbook's own pipelines, run exactly as `pnpm lab N` runs them (node with tsx), with the
 * environment a grader gives them: their own slot, publication and topic prefix.
 */
function labProgram(entry: string, args: readonly string[], ctx: ContenderContext, countCommits = false): ChildProgram {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: ctx.databaseUrl,
    KAFKA_BROKERS: ctx.brokers,
    CDC_SLOT: ctx.slot,
    CDC_PUBLICATION: ctx.publication,
    CDC_TOPIC_PREFIX: ctx.topicPrefix,
    CDC_TRANSACTIONAL_ID: ctx.transactionalId,
    CDC_STATE_DIR: ctx.stateDir,
    NO_COLOR: '1',
  };
  return new ChildProgram(process.execPath, ['--import', 'tsx', path.join(repoRoot(), entry), ...args], { env, cwd: repoRoot(), countCommits });
}

export const lab3: Contender = {
  id: 'lab3',
  label: 'lab 3 (test_decoding → stdout)',
  plugin: 'test_decoding',
  sink: 'stdout',
  settings: 'prints every change; confirms what it printed each second (--status-interval 1000)',
  start: async (ctx) => labProgram('labs/03-logical-streamer/src/main.ts', ['stream', '--status-interval', '1000'], ctx, true),
};

export const lab4: Contender = {
  id: 'lab4',
  label: 'lab 4 (at least once)',
  plugin: 'pgoutput',
  sink: 'kafka',
  settings: 'kafkajs, idempotent, acks=all, one batch in flight, defaults of lab 4',
  start: async (ctx) => labProgram('labs/04-kafka-bridge/src/main.ts', [], ctx),
};

export const lab5: Contender = {
  id: 'lab5',
  label: 'lab 5 (exactly once)',
  plugin: 'pgoutput',
  sink: 'kafka-transactional',
  settings: 'kafkajs transactions, acks=all, defaults of lab 5 (Postgres transactions batched per Kafka transaction)',
  start: async (ctx) => labProgram('labs/05-exactly-once/src/main.ts', ['run'], ctx),
};
