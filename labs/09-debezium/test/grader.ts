import { defineGrader } from '@cdc-lab/grading';
import { compareStage } from './stages/compare.ts';
import { deleteDropsSlotStage } from './stages/delete-drops-slot.ts';
import { exactlyOnceStage } from './stages/exactly-once.ts';
import { incrementalSnapshotStage } from './stages/incremental-snapshot.ts';
import { outboxStage } from './stages/outbox.ts';
import { pauseResumeStage } from './stages/pause-resume.ts';
import { registerStage } from './stages/register.ts';

/**
 * Lab 9's stages. The base, the lesson: the connector registered from the settings you wrote,
 * an incremental snapshot through the signal table, deleting it with its slot, and the outbox
 * event router. Then the extensions, fidelity and depth: pausing and resuming, exactly-once
 * delivery, and the comparison with lab 4.
 */
export const grader = defineGrader(9, [
  registerStage,
  incrementalSnapshotStage,
  deleteDropsSlotStage,
  outboxStage,
  pauseResumeStage,
  exactlyOnceStage,
  compareStage,
]);
