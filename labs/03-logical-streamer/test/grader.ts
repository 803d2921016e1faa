import { defineGrader } from '@cdc-lab/grading';
import { backlog } from './stages/backlog.ts';
import { caughtUp } from './stages/caught-up.ts';
import { confirmAfterPrint } from './stages/confirm-after-print.ts';
import { crashReplay } from './stages/crash-replay.ts';
import { deletes } from './stages/deletes.ts';
import { drop } from './stages/drop.ts';
import { keepalives } from './stages/keepalives.ts';
import { noReplication } from './stages/no-replication.ts';
import { replicaIdentity } from './stages/replica-identity.ts';
import { shutdown } from './stages/shutdown.ts';
import { slotInUse } from './stages/slot-in-use.ts';
import { slotIdle } from './stages/slot-idle.ts';
import { slotLost } from './stages/slot-lost.ts';
import { slotStatus } from './stages/status.ts';
import { statusUpdates } from './stages/status-updates.ts';
import { stream } from './stages/stream.ts';

/**
 * Lab 3's stages, in the order of the chapter: what the stream shows, how the connection stays
 * alive, how confirming makes it at-least-once through crashes, and how to look after the slot.
 * Then the extensions: what REPLICA IDENTITY changes in the lines, confirming a keepalive's
 * position when the streamer is caught up (the chapter's first challenge), and a slot that
 * loses its WAL while nobody reads it, or sits idle past Postgres 18's timeout (the runbook's
 * first incident).
 */
export const grader = defineGrader(3, [
  stream,
  deletes,
  backlog,
  keepalives,
  statusUpdates,
  crashReplay,
  confirmAfterPrint,
  shutdown,
  slotStatus,
  drop,
  slotInUse,
  noReplication,
  // Extensions: depth and fidelity beyond the lesson.
  replicaIdentity,
  caughtUp,
  slotLost,
  slotIdle,
]);
