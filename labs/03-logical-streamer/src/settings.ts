import { parseArgs } from 'node:util';
import { ConfigurationError, databaseUrl, positiveInteger, slotName } from '@cdc-lab/common';
import { DEFAULT_STATUS_INTERVAL_MS } from './replication/index.ts';

export const DEFAULT_SLOT = 'cdc_lab_03';

export const USAGE = `usage: pnpm lab 3 [stream] [--status-interval <ms>] [--no-confirm] [--print-delay <ms>] [--confirm-idle]
       pnpm lab 3 status
       pnpm lab 3 drop

  stream (default)         create the slot if it is missing, then print every change as
                           test_decoding writes it; Ctrl-C stops cleanly
  status                   show the slot: active or not, its positions, the WAL it holds back
  drop                     drop the slot (refused while a streamer reads it)

  --status-interval <ms>   how often to report the confirmed position unasked (default ${DEFAULT_STATUS_INTERVAL_MS})
  --no-confirm             print, but never confirm: every transaction comes back next time
  --print-delay <ms>       wait this long before printing each line, like a slow sink

  --confirm-idle           when caught up, confirm the position keepalives bring as well,
                           so that an idle slot stops holding WAL back (an extension)

  --no-confirm and --print-delay are teaching and testing aids: they open the window in which
  a crash shows whether the program confirms only what it has printed.

environment: DATABASE_URL (required), CDC_SLOT (default ${DEFAULT_SLOT})`;

export type Command =
  | { kind: 'help' }
  | { kind: 'stream'; connectionString: string; slot: string; statusIntervalMs: number; confirm: boolean; printDelayMs: number; confirmIdle: boolean }
  | { kind: 'status'; connectionString: string; slot: string }
  | { kind: 'drop'; connectionString: string; slot: string };

type Env = Record<string, string | undefined>;

export function parseCommand(argv: readonly string[], env: Env = process.env): Command {
  const { values, positionals } = parseOrExplain(argv);
  if (values.help) return { kind: 'help' };
  if (positionals.length > 1) throw new ConfigurationError(`one command at a time, not ${positionals.join(' ')}`, { hint: USAGE });
  const name = positionals[0] ?? 'stream';
  const slot = slotName(env.CDC_SLOT?.trim() || DEFAULT_SLOT, 'CDC_SLOT');

  if (name === 'stream') {
    if (values['confirm-idle'] && values['no-confirm']) {
      throw new ConfigurationError('--confirm-idle and --no-confirm contradict each other', { hint: 'confirming nothing leaves nothing to be caught up with: choose one' });
    }
    return {
      kind: 'stream',
      connectionString: databaseUrl(env),
      slot,
      statusIntervalMs: positiveInteger('--status-interval', values['status-interval'], DEFAULT_STATUS_INTERVAL_MS),
      confirm: !values['no-confirm'],
      printDelayMs: values['print-delay'] === '0' ? 0 : positiveInteger('--print-delay', values['print-delay'], 0),
      confirmIdle: values['confirm-idle'] === true,
    };
  }
  if (name === 'status' || name === 'drop') {
    const streamFlags = ['status-interval', 'no-confirm', 'print-delay', 'confirm-idle'] as const;
    const misplaced = streamFlags.find((flag) => values[flag] !== undefined);
    if (misplaced) throw new ConfigurationError(`--${misplaced} belongs to the stream command, not ${name}`, { hint: USAGE });
    return { kind: name, connectionString: databaseUrl(env), slot };
  }
  throw new ConfigurationError(`unknown command ${JSON.stringify(name)}`, { hint: USAGE });
}

function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'status-interval': { type: 'string' },
        'no-confirm': { type: 'boolean' },
        'print-delay': { type: 'string' },
        'confirm-idle': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new ConfigurationError(error instanceof Error ? error.message : String(error), { hint: USAGE });
  }
}
