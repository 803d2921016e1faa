import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineBites } from '@cdc-lab/grading';
import { grader } from './grader.ts';

const broken = (file: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'broken', file);

/** Which deliberately wrong program each stage must reject; `pnpm bites` lists them. */
export const bites = defineBites(grader, [
  {
    file: broken('plain-select.ts'),
    why: 'reads each chunk with a plain SELECT instead of inside the exported snapshot',
    rejection: { stage: 'initial-snapshot', message: /overlap|gap/ },
  },
  {
    file: broken('stream-from-now.ts'),
    why: 'starts streaming after the snapshot instead of at the consistent point',
    rejection: { stage: 'initial-snapshot', message: /gap|replayed topic/ },
  },
  {
    file: broken('keeps-changed-rows.ts'),
    why: 'keeps chunk rows that changed between the watermarks',
    rejection: { stage: 'incremental-snapshot', message: /replayed topic/ },
  },
  {
    file: broken('locks-tables.ts'),
    why: 'locks the tables it snapshots',
    rejection: { stage: 'snapshot-locks', message: /RowShareLock/ },
  },
  {
    file: broken('starts-over.ts'),
    why: 'starts the snapshot over after a crash',
    rejection: { stage: 'resume-after-crash', message: /read twice|replayed topic \(row/ },
  },
], { message: /TODO: .+ is not implemented yet/ });
