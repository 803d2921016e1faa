import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineBites } from '@cdc-lab/grading';
import { grader } from './grader.ts';

const broken = (file: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'broken', file);

/** Which deliberately wrong program each stage must reject; `pnpm bites` lists them. */
export const bites = defineBites(grader, [
  {
    file: broken('non-transactional.ts'),
    why: 'produces events and position without a Kafka transaction',
    rejection: { stage: 'streams', message: /no commit markers/ },
  },
  {
    file: broken('no-skip.ts'),
    why: 'reads the position but does not skip what Kafka already has',
    rejection: { stage: 'resume-skips', message: /[1-9]\d* duplicated/ },
  },
  {
    file: broken('no-skip.ts'),
    why: 'does not skip what Kafka already has, killed thirty times',
    rejection: { stage: 'crash', message: /[1-9]\d* duplicated/ },
  },
  {
    file: broken('confirms-before-commit.ts'),
    why: 'confirms to the slot before the Kafka commit',
    rejection: { stage: 'confirm-after-commit', message: /the transaction is lost/ },
  },
  {
    file: broken('position-outside-transaction.ts'),
    why: 'commits the position in a Kafka transaction of its own, after the events',
    rejection: { stage: 'all-or-nothing', message: /the events were committed without their position/ },
  },
  {
    file: broken('reads-uncommitted-position.ts'),
    why: 'reads the position with read_uncommitted, so it resumes from a position an aborted transaction left',
    rejection: { stage: 'aborted-position', message: /[1-9]\d* missing/ },
  },
  {
    file: broken('offsets-topic-not-compacted.ts'),
    why: 'creates the offsets topic with the default cleanup policy, delete',
    rejection: { stage: 'position-record', message: /got cleanup\.policy=delete/ },
  },
  {
    file: broken('fencing-not-recognised.ts'),
    why: 'does not recognise being fenced and starts a new session, fencing the newer instance in turn',
    rejection: { stage: 'fencing', message: /the first instance to stop .*\ngot it kept running/ },
  },
  {
    file: broken('swallows-failed-transaction.ts'),
    why: 'aborts a failed Kafka transaction and goes on with the next batch',
    rejection: { stage: 'broker-restart', message: /through a broker restart: [\s\S]*\ngot \d+ records: \d+ duplicated, [1-9]\d* missing/ },
  },
  {
    file: broken('gives-up-on-postgres.ts'),
    why: 'starts a new session after Kafka failures only, not after a lost Postgres connection',
    rejection: { stage: 'postgres-restart', message: /to ride out a Postgres restart by itself.*\ngot it exited/ },
  },
  {
    file: broken('retries-refused-batch.ts'),
    why: 'retries a batch Kafka refused, for ever',
    rejection: { stage: 'oversized-event', message: /to stop on its own within 15 s of Kafka refusing/ },
  },
  {
    file: broken('consumer-without-offsets.ts'),
    why: 'counts events into Postgres but keeps no offset, so a restarted consumer counts everything again',
    rejection: { stage: 'exactly-once-consumer', message: /counted too many/ },
  },
], { message: /TODO: .+ is not implemented yet/ });
