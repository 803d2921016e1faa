import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineBites } from '@cdc-lab/grading';
import { grader } from './grader.ts';

const broken = (file: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'broken', file);

/** Which deliberately wrong program each stage must reject; `pnpm bites` lists them. */
export const bites = defineBites(grader, [
  {
    file: broken('lost-slot-raw-error.ts'),
    why: 'passes on Postgres\'s words when its slot was invalidated, without what was lost or the runbook',
    rejection: { stage: 'slot-lost', message: /as invalidated \(or lost\), with the runbook/ },
  },
  {
    file: broken('lost-slot-raw-error.ts'),
    why: 'passes on Postgres\'s words when its slot timed out idle, without what was lost or the runbook',
    rejection: { stage: 'slot-idle', message: /as invalidated \(or lost\), with the runbook/ },
  },
  {
    file: broken('payload-one-byte-late.ts'),
    why: 'reads the XLogData payload one byte too late',
    rejection: { stage: 'stream', message: /to print transaction \d+: "BEGIN \d+", its changes, "COMMIT \d+" within/ },
  },
  {
    file: broken('drops-deletes.ts'),
    why: 'keeps only the change lines on an allow-list that forgot DELETE',
    rejection: { stage: 'deletes', message: /line 2: "COMMIT \d+" instead of "table public\.users: DELETE: id\[integer\]:1"/ },
  },
  {
    file: broken('new-row-only.ts'),
    why: 'cuts the old row out of UPDATE lines',
    rejection: { stage: 'replica-identity', message: /line 2: "table public\.users: UPDATE: id\[integer\]:2 name\[text\]:'Grace H'" instead of "[^"]*old-key: / },
  },
  {
    file: broken('starts-at-current-wal.ts'),
    why: 'starts streaming at the current WAL position instead of the slot\'s',
    rejection: { stage: 'backlog', message: /your program \(second run\) to print transaction \d+/ },
  },
  {
    file: broken('reports-received-lsn.ts'),
    why: 'reports the received LSN as flushed instead of the confirmed one',
    rejection: { stage: 'crash-replay', message: /confirmed_flush_lsn .* past the start of that commit record/ },
  },
  {
    file: broken('ignores-keepalives.ts'),
    why: 'never answers keepalives',
    rejection: { stage: 'keepalives', message: /Postgres ended the replication connection|exited/ },
  },
  {
    file: broken('no-periodic-status.ts'),
    why: 'sends status updates only when asked',
    rejection: { stage: 'status-updates', message: /three standby status updates unasked/ },
  },
  {
    file: broken('confirms-before-printing.ts'),
    why: 'confirms a transaction before printing it',
    rejection: { stage: 'confirm-after-print', message: /the transaction is lost/ },
  },
  {
    file: broken('no-final-status.ts'),
    why: 'sends no last status update on Ctrl-C',
    rejection: { stage: 'shutdown', message: /the last status update did not carry it/ },
  },
  {
    file: broken('active-from-pid.ts'),
    why: 'shows every slot as active (active_pid compared with undefined)',
    rejection: { stage: 'status', message: /"active: no" once the streamer has stopped\ngot "active: yes"/ },
  },
  {
    file: broken('drop-refusal-exits-0.ts'),
    why: 'refuses to drop a slot being read but exits with code 0',
    rejection: { stage: 'drop', message: /`drop` to refuse with a message saying the slot is active \(and a non-zero exit code\)\ngot exit code 0/ },
  },
  {
    file: broken('generic-start-error.ts'),
    why: 'hides why streaming could not start behind a generic message',
    rejection: { stage: 'slot-in-use', message: /the second streamer to exit with a non-zero code and a message saying slot '[^']+' is already in use/ },
  },
  {
    file: broken('raw-postgres-errors.ts'),
    why: 'passes Postgres\'s refusals on unexplained',
    rejection: { stage: 'no-replication', message: /a non-zero exit and a message with the fix: ALTER ROLE \S+ REPLICATION/ },
  },
  {
    file: broken('never-confirms-idle.ts'),
    why: 'takes --confirm-idle but confirms only what it printed',
    rejection: { stage: 'caught-up', message: /the slot still holds that WAL back/ },
  },
  {
    file: broken('confirms-idle-mid-transaction.ts'),
    why: 'with --confirm-idle, confirms a keepalive\'s position even while a transaction is half printed',
    rejection: { stage: 'caught-up', message: /confirmed past transaction \d+ while it was half printed/ },
  },
], { message: /TODO: .+ is not implemented yet/ });
