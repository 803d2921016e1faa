import { parseArgs } from 'node:util';
import { ConfigurationError, databaseUrl, kafkaBrokers, positiveInteger, slotName } from '@cdc-lab/common';

export const DEFAULT_SLOT = 'cdc_lab_04';
export const DEFAULT_PUBLICATION = 'cdc_lab_04';
export const DEFAULT_TOPIC_PREFIX = 'cdc';

export const USAGE = `usage: pnpm lab 4 [stream] [--tables <a,b>] [--single-topic <name>] [--status-interval <ms>] [--confirm-delay <ms>]
       pnpm lab 4 tail [<topic>] [--from-beginning] [--full] [--max-messages <n>]

  stream (default)         create or check the publication, create the slot if it is missing,
                           and publish every change to Kafka as a JSON change event;
                           Ctrl-C stops cleanly
  tail [<topic>]           print a topic's events as they arrive, one per line:
                           key=<key> <value>; without a topic, every topic under the prefix

  --tables <a,b>           publish only these tables (table or schema.table); the publication
                           is created for them, or must publish exactly them if it exists
  --single-topic <name>    every table's events in one topic instead of one topic per table
  --status-interval <ms>   how often to report the confirmed position unasked (default: a
                           quarter of the server's wal_sender_timeout, at most 10000)
  --confirm-delay <ms>     wait this long between Kafka's acknowledgement and the confirmation
                           to Postgres: a teaching aid that widens the window a crash can hit
  --from-beginning         tail from the first record rather than from the end
  --full                   tail: print each value exactly as stored, not the digest of op,
                           ts_ms, before, after and source
  --max-messages <n>       tail: stop after n records

environment: DATABASE_URL and KAFKA_BROKERS (required), CDC_SLOT (default ${DEFAULT_SLOT}),
             CDC_PUBLICATION (default ${DEFAULT_PUBLICATION}), CDC_TOPIC_PREFIX (default ${DEFAULT_TOPIC_PREFIX})`;

export interface StreamCommand {
  kind: 'stream';
  connectionString: string;
  brokers: string[];
  slot: string;
  publication: string;
  topicPrefix: string;
  /** Empty: every table (the publication is FOR ALL TABLES). */
  tables: string[];
  singleTopic: string | undefined;
  /** Undefined: worked out from the server's wal_sender_timeout. */
  statusIntervalMs: number | undefined;
  confirmDelayMs: number;
}

export interface TailCommand {
  kind: 'tail';
  brokers: string[];
  topicPrefix: string;
  /** Undefined: every topic under the prefix. */
  topic: string | undefined;
  fromBeginning: boolean;
  full: boolean;
  maxMessages: number | undefined;
}

export type Command = { kind: 'help' } | StreamCommand | TailCommand;

type Env = Record<string, string | undefined>;

const STREAM_FLAGS = ['tables', 'single-topic', 'status-interval', 'confirm-delay'] as const;
const TAIL_FLAGS = ['from-beginning', 'full', 'max-messages'] as const;

export function parseCommand(argv: readonly string[], env: Env = process.env): Command {
  const { values, positionals } = parseOrExplain(argv);
  if (values.help) return { kind: 'help' };
  const name = positionals[0] ?? 'stream';
  const topicPrefix = env.CDC_TOPIC_PREFIX?.trim() || DEFAULT_TOPIC_PREFIX;
  if (!/^[A-Za-z0-9._-]+$/.test(topicPrefix)) {
    throw new ConfigurationError(`CDC_TOPIC_PREFIX=${JSON.stringify(topicPrefix)} cannot start a topic name`, { hint: 'use letters, digits, ".", "_" and "-" only' });
  }

  if (name === 'stream') {
    if (positionals.length > 1) throw new ConfigurationError(`stream takes no arguments, not ${positionals.slice(1).join(' ')}`, { hint: USAGE });
    refuseFlags(values, TAIL_FLAGS, 'stream');
    const singleTopic = values['single-topic']?.trim();
    if (singleTopic !== undefined && !/^[A-Za-z0-9._-]{1,249}$/.test(singleTopic)) {
      throw new ConfigurationError(`--single-topic ${JSON.stringify(singleTopic)} is not a valid topic name`, { hint: 'use letters, digits, ".", "_" and "-" only, at most 249 characters' });
    }
    return {
      kind: 'stream',
      connectionString: databaseUrl(env),
      brokers: kafkaBrokers(env),
      slot: slotName(env.CDC_SLOT?.trim() || DEFAULT_SLOT, 'CDC_SLOT'),
      publication: env.CDC_PUBLICATION?.trim() || DEFAULT_PUBLICATION,
      topicPrefix,
      tables: parseTables(values.tables),
      singleTopic,
      statusIntervalMs: values['status-interval'] === undefined ? undefined : positiveInteger('--status-interval', values['status-interval'], 0),
      confirmDelayMs: values['confirm-delay'] === '0' ? 0 : positiveInteger('--confirm-delay', values['confirm-delay'], 0),
    };
  }
  if (name === 'tail') {
    if (positionals.length > 2) throw new ConfigurationError(`tail takes at most one topic, not ${positionals.slice(1).join(' ')}`, { hint: USAGE });
    refuseFlags(values, STREAM_FLAGS, 'tail');
    return {
      kind: 'tail',
      brokers: kafkaBrokers(env),
      topicPrefix,
      topic: positionals[1],
      fromBeginning: values['from-beginning'] === true,
      full: values.full === true,
      maxMessages: values['max-messages'] === undefined ? undefined : positiveInteger('--max-messages', values['max-messages'], 0),
    };
  }
  throw new ConfigurationError(`unknown command ${JSON.stringify(name)}`, { hint: USAGE });
}

function parseTables(list: string | undefined): string[] {
  if (list === undefined) return [];
  const tables = list.split(',').map((table) => table.trim()).filter(Boolean);
  if (tables.length === 0) throw new ConfigurationError('--tables names no table', { hint: 'give a comma-separated list: --tables users,shop.orders' });
  for (const table of tables) {
    if (table.split('.').length > 2 || table.split('.').some((part) => part === '')) {
      throw new ConfigurationError(`--tables has ${JSON.stringify(table)}, not table or schema.table`);
    }
  }
  return tables;
}

function refuseFlags(values: Record<string, unknown>, flags: readonly string[], command: string): void {
  const misplaced = flags.find((flag) => values[flag] !== undefined);
  if (misplaced) throw new ConfigurationError(`--${misplaced} does not belong to the ${command} command`, { hint: USAGE });
}

function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        tables: { type: 'string' },
        'single-topic': { type: 'string' },
        'status-interval': { type: 'string' },
        'confirm-delay': { type: 'string' },
        'from-beginning': { type: 'boolean' },
        full: { type: 'boolean' },
        'max-messages': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new ConfigurationError(error instanceof Error ? error.message : String(error), { hint: USAGE });
  }
}
