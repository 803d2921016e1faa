import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerBiteTests } from '@cdc-lab/grading';
import { grader } from './grader.ts';

const broken = (file: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'broken', file);

registerBiteTests(grader, [
  {
    file: broken('reports-received-lsn.ts'),
    why: 'reports the received LSN as flushed instead of the confirmed one',
    rejection: { stage: 'crash-replay', message: /confirmed_flush_lsn .* past transaction/ },
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
], { message: /TODO: .+ is not implemented yet/ });
