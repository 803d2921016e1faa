import { defineGrader } from '@cdc-lab/grading';
import { cleanStop } from './stages/clean-stop.ts';
import { crash } from './stages/crash.ts';
import { deletesUnseen } from './stages/deletes-unseen.ts';
import { firstChanges } from './stages/first-changes.ts';
import { lateCommit } from './stages/late-commit.ts';
import { load } from './stages/load.ts';
import { reconnects } from './stages/reconnects.ts';
import { restart } from './stages/restart.ts';
import { safetyLag } from './stages/safety-lag.ts';
import { ties } from './stages/ties.ts';
import { updatesMerge } from './stages/updates-merge.ts';

/**
 * Lab 1's stages, in the order of the chapter: what a poller does, what it cannot see, what it
 * costs, and how it keeps its place through stops and crashes.
 */
export const grader = defineGrader(1, [
  firstChanges,
  deletesUnseen,
  updatesMerge,
  ties,
  lateCommit,
  safetyLag,
  load,
  cleanStop,
  restart,
  crash,
  reconnects,
]);
