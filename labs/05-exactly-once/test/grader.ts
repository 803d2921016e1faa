import { oversizedEvent } from './stages/oversized-event.ts';
import { defineGrader } from '@cdc-lab/grading';
import { abortedPosition } from './stages/aborted-position.ts';
import { allOrNothing } from './stages/all-or-nothing.ts';
import { confirmAfterCommit } from './stages/confirm-after-commit.ts';
import { crash } from './stages/crash.ts';
import { exactlyOnceConsumer } from './stages/exactly-once-consumer.ts';
import { fencing } from './stages/fencing.ts';
import { positionRecord } from './stages/position-record.ts';
import { resumeSkips } from './stages/resume-skips.ts';
import { brokerRestart, postgresRestart } from './stages/service-restarts.ts';
import { streams } from './stages/streams.ts';

/**
 * Lab 5's stages, in the order of the chapter: one Kafka transaction for events and position,
 * the offsets topic, resuming from the committed position, the confirm-after-commit rule,
 * fencing, then the crash test and restarts of each service. The extension stages last: an
 * event Kafka refuses, explained; and the consumer side of exactly once.
 */
export const grader = defineGrader(5, [
  streams,
  allOrNothing,
  positionRecord,
  abortedPosition,
  resumeSkips,
  confirmAfterCommit,
  fencing,
  crash,
  brokerRestart,
  postgresRestart,
  oversizedEvent,
  exactlyOnceConsumer,
]);
