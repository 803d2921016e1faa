import { fileURLToPath } from 'node:url';
import { defineBites } from '@cdc-lab/grading';
import { grader } from './grader.ts';

const broken = (name: string) => fileURLToPath(new URL(`./broken/${name}`, import.meta.url));

/** Which deliberately wrong program each stage must reject; `pnpm bites` lists them. */
export const bites = defineBites(grader, [
  { file: broken('no-block-refs.ts'), why: 'drops the block references', rejection: { stage: 'insert-record', message: /block reference/ } },
  { file: broken('end-before-commit.ts'), why: 'notes the end of the range before COMMIT', rejection: { stage: 'commit-record', message: /Expected one Transaction COMMIT record with tx \d+/ } },
  { file: broken('commits-each-statement.ts'), why: 'runs each statement in a transaction of its own', rejection: { stage: 'update-record', message: /Expected both statements committed in one transaction\ngot xids \d+ and \d+/ } },
  { file: broken('xid-before-begin.ts'), why: 'asks for the xid before BEGIN', rejection: { stage: 'delete-record', message: /`transaction: xid \d+`: the xid that wrote the rows/ } },
  { file: broken('wal-dir-plain-error.ts'), why: 'reports an unreadable pg_wal as a plain error', rejection: { stage: 'auto-fallback', message: /--backend auto to fall back to pg_walinspect .* cannot be read here/ } },
  { file: broken('strips-init.ts'), why: 'reads INSERT+INIT as INSERT', rejection: { stage: 'walinspect-agrees', message: /differs: expected .*INSERT\+INIT, got .*INSERT \(/ } },
  { file: broken('no-xid-filter.ts'), why: 'shows every record of the range', rejection: { stage: 'only-this-transaction', message: /Expected only records with tx \d+/ } },
  { file: broken('segment-off-by-one.ts'), why: 'names the next segment', rejection: { stage: 'segment-offset', message: /pg_walfile_name_offset\)\ngot segment/ } },
  { file: broken('ignores-version.ts'), why: 'accepts a pg_waldump of another version', rejection: { stage: 'error-version-mismatch', message: /before the statement runs/ } },
  { file: broken('ignores-pg-waldump.ts'), why: 'ignores PG_WALDUMP', rejection: { stage: 'error-waldump-missing', message: /Expected the inspector to fail/ } },
  { file: broken('ignores-wal-dir.ts'), why: 'ignores PG_WAL_DIR', rejection: { stage: 'error-wal-unreadable', message: /Expected the inspector to fail/ } },
  { file: broken('raw-waldump-error.ts'), why: 'passes pg_waldump\'s error on unexplained', rejection: { stage: 'error-range-recycled', message: /mentioning \/recycl\|removed\|no longer\/i/ } },
], { message: /TODO: .+ is not implemented yet[\s\S]*docs\/02-wal-inspector\.md#/ });
