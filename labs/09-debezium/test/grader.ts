import { defineGrader } from '@cdc-lab/grading';
import { compareStage } from './stages/compare.ts';
import { deleteDropsSlotStage } from './stages/delete-drops-slot.ts';
import { exactlyOnceStage } from './stages/exactly-once.ts';
import { incrementalSnapshotStage } from './stages/incremental-snapshot.ts';
import { outboxStage } from './stages/outbox.ts';
import { pauseResumeStage } from './stages/pause-resume.ts';
import { registerStage } from './stages/register.ts';

/**
 * Lab 9's stages, in the order of the chapter: the connector registered from the versioned
 * config, an incremental snapshot through the signal table, pausing and resuming, deleting it
 * with its slot, exactly-once delivery, the comparison with lab 4, and the outbox event router.
 */
export const grader = defineGrader(9, [
  registerStage,
  incrementalSnapshotStage,
  pauseResumeStage,
  deleteDropsSlotStage,
  exactlyOnceStage,
  compareStage,
  outboxStage,
]);
