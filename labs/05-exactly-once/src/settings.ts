import { parseArgs } from 'node:util';
import { ConfigurationError, databaseUrl, kafkaBrokers, positiveInteger, slotName } from '@cdc-lab/common';

export const DEFAULT_SLOT = 'cdc_lab_05';
export const DEFAULT_PUBLICATION = 'cdc_lab_05';
export const DEFAULT_TOPIC_PREFIX = 'cdc-lab-05';
export const DEFAULT_BATCH_TRANSACTIONS = 500;
export const DEFAULT_BATCH_CHANGES = 2_000;
export const DEFAULT_BATCH_BYTES = 900_000;
export const DEFAULT_STATUS_INTERVAL_MS = 10_000;
export const DEFAULT_SLOT_WAIT_MS = 60_000;

export const USAGE = `usage: pnpm lab 5 [run] [--batch-transactions <n>] [--batch-changes <n>]
                      [--batch-bytes <n>] [--status-interval <ms>] [--slot-wait <ms>]
       pnpm lab 5 position
       pnpm lab 5 consume [--topic <topic>]

  run (default)               stream the slot into Kafka: the events of whole Postgres transactions
                              and the bridge's position, committed together in one Kafka transaction
  position                    show the position stored in Kafka beside the slot's confirmed position
  consume                     count the events of each account into Postgres, exactly once (the
                              consumer side; --topic, default <topic prefix>.exactly_once.accounts)

  --batch-transactions <n>    at most n Postgres transactions per Kafka transaction (default ${DEFAULT_BATCH_TRANSACTIONS});
                              1 writes each one in a Kafka transaction of its own
  --batch-changes <n>         at most n changes per Kafka transaction (default ${DEFAULT_BATCH_CHANGES}); a bigger
                              Postgres transaction is written in pieces
  --batch-bytes <n>           at most about n bytes of records per Kafka transaction (default ${DEFAULT_BATCH_BYTES}):
                              the broker refuses a record batch above message.max.bytes (1 MiB by default)
  --status-interval <ms>      how often to report the confirmed position to Postgres (default ${DEFAULT_STATUS_INTERVAL_MS})
  --slot-wait <ms>            how long to wait for a slot another process still reads, such as the
                              instance this one has just fenced (default ${DEFAULT_SLOT_WAIT_MS})

environment: DATABASE_URL, KAFKA_BROKERS (required); CDC_SLOT (default ${DEFAULT_SLOT}),
  CDC_PUBLICATION (default ${DEFAULT_PUBLICATION}), CDC_TOPIC_PREFIX (default ${DEFAULT_TOPIC_PREFIX}),
  CDC_TRANSACTIONAL_ID (default <topic prefix>.<slot>)`;

/** Where the bridge reads, where it writes, and under which name it writes. */
export interface Names {
  connectionString: string;
  brokers: string[];
  slot: string;
  publication: string;
  topicPrefix: string;
  /** One writer per transactional id: a new instance fences every older one. */
  transactionalId: string;
}

export interface BridgeSettings extends Names {
  batchTransactions: number;
  batchChanges: number;
  batchBytes: number;
  statusIntervalMs: number;
  slotWaitMs: number;
}

/** The exactly-once consumer: which topic it counts, and the database it counts into. */
export interface ConsumerSettings {
  connectionString: string;
  brokers: string[];
  topic: string;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'run'; settings: BridgeSettings }
  | { kind: 'position'; names: Names }
  | { kind: 'consume'; settings: ConsumerSettings };

type Env = Record<string, string | undefined>;

export function parseCommand(argv: readonly string[], env: Env = process.env): Command {
  const { values, positionals } = parseOrExplain(argv);
  if (values.help) return { kind: 'help' };
  if (positionals.length > 1) throw new ConfigurationError(`one command at a time, not ${positionals.join(' ')}`, { hint: USAGE });
  const name = positionals[0] ?? 'run';
  if (name === 'position' || name === 'consume') {
    const misplaced = RUN_FLAGS.find((flag) => values[flag] !== undefined);
    if (misplaced) throw new ConfigurationError(`--${misplaced} belongs to the run command, not ${name}`, { hint: USAGE });
  }
  if (name === 'position') {
    if (values.topic !== undefined) throw new ConfigurationError('--topic belongs to the consume command, not position', { hint: USAGE });
    return { kind: 'position', names: namesFrom(env) };
  }
  if (name === 'consume') {
    const names = namesFrom(env);
    const topic = values.topic?.trim() || `${names.topicPrefix}.exactly_once.accounts`;
    return { kind: 'consume', settings: { connectionString: names.connectionString, brokers: names.brokers, topic } };
  }
  if (values.topic !== undefined) throw new ConfigurationError('--topic belongs to the consume command, not run', { hint: USAGE });
  if (name !== 'run') throw new ConfigurationError(`unknown command ${JSON.stringify(name)}`, { hint: USAGE });
  return {
    kind: 'run',
    settings: {
      ...namesFrom(env),
      batchTransactions: positiveInteger('--batch-transactions', values['batch-transactions'], DEFAULT_BATCH_TRANSACTIONS),
      batchChanges: positiveInteger('--batch-changes', values['batch-changes'], DEFAULT_BATCH_CHANGES),
      batchBytes: positiveInteger('--batch-bytes', values['batch-bytes'], DEFAULT_BATCH_BYTES),
      statusIntervalMs: positiveInteger('--status-interval', values['status-interval'], DEFAULT_STATUS_INTERVAL_MS),
      slotWaitMs: positiveInteger('--slot-wait', values['slot-wait'], DEFAULT_SLOT_WAIT_MS),
    },
  };
}

function namesFrom(env: Env): Names {
  const slot = slotName(env.CDC_SLOT?.trim() || DEFAULT_SLOT, 'CDC_SLOT');
  const topicPrefix = env.CDC_TOPIC_PREFIX?.trim() || DEFAULT_TOPIC_PREFIX;
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(topicPrefix)) {
    throw new ConfigurationError(`CDC_TOPIC_PREFIX=${JSON.stringify(topicPrefix)} cannot start a topic name`, {
      hint: 'use letters, digits, ".", "_" and "-" only',
    });
  }
  return {
    connectionString: databaseUrl(env),
    brokers: kafkaBrokers(env),
    slot,
    publication: env.CDC_PUBLICATION?.trim() || DEFAULT_PUBLICATION,
    topicPrefix,
    transactionalId: env.CDC_TRANSACTIONAL_ID?.trim() || `${topicPrefix}.${slot}`,
  };
}

const RUN_FLAGS = ['batch-transactions', 'batch-changes', 'batch-bytes', 'status-interval', 'slot-wait'] as const;

function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'batch-transactions': { type: 'string' },
        'batch-changes': { type: 'string' },
        'batch-bytes': { type: 'string' },
        'status-interval': { type: 'string' },
        'slot-wait': { type: 'string' },
        topic: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new ConfigurationError(error instanceof Error ? error.message : String(error), { hint: USAGE });
  }
}
