import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigurationError, databaseUrl } from '@cdc-lab/common';
import { BOOKMARK_MODES, type BookmarkMode } from './bookmark.ts';

type Env = Record<string, string | undefined>;

export interface Settings {
  databaseUrl: string;
  /** Pause between the end of one poll and the start of the next. */
  intervalMs: number;
  mode: BookmarkMode;
  /** Safety lag: rows are only read once their updated_at is this old. */
  lagMs: number;
  /** Rows per query; a poll reads pages until one comes back short. */
  batchSize: number;
  stateFile: string;
}

export const USAGE = `usage: pnpm lab 1 [--interval <ms>] [--bookmark keyset|naive] [--lag <ms>] [--batch-size <n>]

Polls poller.users for rows whose updated_at moved past its bookmark, and prints them.
Creates the table (with its updated_at trigger) when it is missing. Ctrl-C stops it.

  --interval <ms>        pause between polls (CDC_POLL_INTERVAL_MS, default 5000)
  --bookmark <mode>      keyset: (updated_at, id) > bookmark; naive: updated_at > bookmark
                         (CDC_POLL_BOOKMARK, default keyset)
  --lag <ms>             only read rows at least this old, so late commits are not skipped
                         (CDC_POLL_LAG_MS, default 0)
  --batch-size <n>       rows per query (CDC_POLL_BATCH_SIZE, default 100)

The bookmark is kept in $CDC_STATE_DIR/bookmark.state.json (default .cdc-lab/labs/01).`;

const HELP = '`pnpm lab 1 --help` lists the options';

export const DEFAULTS = { intervalMs: 5_000, mode: 'keyset' as BookmarkMode, lagMs: 0, batchSize: 100, stateDir: '.cdc-lab/labs/01' };

/** Flags win over environment variables, which win over the defaults. */
export function readSettings(argv: string[], env: Env = process.env): Settings | 'help' {
  const values = parseFlags(argv);
  if (values.help) return 'help';
  return {
    databaseUrl: databaseUrl(env),
    intervalMs: wholeNumber('--interval', values.interval ?? env.CDC_POLL_INTERVAL_MS, DEFAULTS.intervalMs, 1, A_DAY_MS),
    mode: bookmarkMode(values.bookmark ?? env.CDC_POLL_BOOKMARK),
    lagMs: wholeNumber('--lag', values.lag ?? env.CDC_POLL_LAG_MS, DEFAULTS.lagMs, 0, A_DAY_MS),
    batchSize: wholeNumber('--batch-size', values['batch-size'] ?? env.CDC_POLL_BATCH_SIZE, DEFAULTS.batchSize, 1, 100_000),
    stateFile: path.join(env.CDC_STATE_DIR?.trim() || DEFAULTS.stateDir, 'bookmark.state.json'),
  };
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        interval: { type: 'string' },
        bookmark: { type: 'string' },
        lag: { type: 'string' },
        'batch-size': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    // parseArgs explains unknown or incomplete flags well; add the usage.
    throw new ConfigurationError((error as Error).message, { hint: HELP });
  }
}

// Node's timers cannot wait longer than about 24 days; a day is more than any poller needs.
const A_DAY_MS = 86_400_000;

function wholeNumber(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigurationError(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`, { hint: HELP });
  }
  return parsed;
}

function bookmarkMode(value: string | undefined): BookmarkMode {
  if (value === undefined || value === '') return DEFAULTS.mode;
  if ((BOOKMARK_MODES as readonly string[]).includes(value)) return value as BookmarkMode;
  throw new ConfigurationError(`--bookmark must be ${BOOKMARK_MODES.join(' or ')}, not ${JSON.stringify(value)}`, { hint: HELP });
}
