import { parseArgs } from 'node:util';
import { ConfigurationError, databaseUrl, kafkaBrokers, positiveInteger, slotName } from '@cdc-lab/common';
import { DEFAULT_STATUS_INTERVAL_MS } from '@cdc-lab/03-logical-streamer/replication';
import { parseDuration, wholeNumber } from './durations.ts';

/** Where the service writes its events: a row of the outbox table, or a logical message. */
export type Variant = 'table' | 'message';
/** What the service does with the outbox row once written (table variant). */
export type Cleanup = 'keep' | 'delete';

/** Each variant is its own pipeline, so each has its own slot and publication by default. */
export const DEFAULT_SLOT: Record<Variant, string> = { table: 'cdc_lab_07_table', message: 'cdc_lab_07_message' };
export const DEFAULT_PUBLICATION: Record<Variant, string> = { table: 'cdc_lab_07_outbox', message: 'cdc_lab_07_messages' };
export const DEFAULT_TOPIC_PREFIX = 'lab07';
/** The consumer's group: it keeps the consumer's place in Kafka between runs. */
export const DEFAULT_GROUP_SUFFIX = 'billing';

export const USAGE = `usage: pnpm lab 7 <command> [flags]

The order service — an order and its event, written in one transaction:
  order <customer> <amount>   place an order (event OrderCreated)
  cancel <order-id>           cancel a placed order (event OrderCancelled)
  demo                        place --orders N orders (default 5) in a row: every --fail-every'th
                              (default 3) fails after writing and rolls back; every
                              --cancel-every'th (default 2) that committed is then cancelled;
                              through pnpm it is \`pnpm lab 7 -- demo\` (pnpm lab 7 demo replays
                              the chapter's scenario instead)
    --variant table|message   the event as a row of the outbox table (default), or as a
                              transactional logical message: pg_logical_emit_message(true, …)
    --cleanup keep|delete     table variant: keep the row (default), or delete it again in the
                              same transaction — the insert still reaches the WAL and the relay
    --fail                    (order, cancel) write everything, then roll back on purpose
  purge --older-than <age>    delete outbox rows older than <age> (30s, 15m, 1h, 7d; 0s: all)
  show                        orders, outbox rows and the consumer's balances

The relay — only outbox events, from the WAL to Kafka, at least once:
  relay [--variant table|message]
    --status-interval <ms>    how often to report the confirmed position (default ${DEFAULT_STATUS_INTERVAL_MS})
    --confirm-delay <ms>      confirm each transaction this long after Kafka acknowledged it
    --send-delay <ms>         wait this long before sending each transaction, like a slow broker
  Events go to <prefix>.outbox.event.<aggregatetype>, keyed by aggregateid, with the
  headers id and type. The two delays are teaching aids: they open the windows in which a
  crash (kill -9) shows what the relay confirms, and when.

The consumer — each event applied once to billing.customer_balances:
  consume [--group <id>]      read <prefix>.outbox.event.order (group <prefix>-${DEFAULT_GROUP_SUFFIX} by default)

environment: DATABASE_URL; KAFKA_BROKERS (relay, consume); CDC_SLOT (default ${DEFAULT_SLOT.table} or
${DEFAULT_SLOT.message}); CDC_PUBLICATION (default ${DEFAULT_PUBLICATION.table} or ${DEFAULT_PUBLICATION.message});
CDC_TOPIC_PREFIX (default ${DEFAULT_TOPIC_PREFIX})`;

export interface ServiceSettings {
  connectionString: string;
  variant: Variant;
  cleanup: Cleanup;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'order'; service: ServiceSettings; customer: string; amount: string; fail: boolean }
  | { kind: 'cancel'; service: ServiceSettings; orderId: string; fail: boolean }
  | { kind: 'demo'; service: ServiceSettings; orders: number; failEvery: number; cancelEvery: number }
  | { kind: 'purge'; connectionString: string; olderThanMs: number; olderThan: string }
  | { kind: 'show'; connectionString: string }
  | {
    kind: 'relay';
    connectionString: string;
    brokers: string[];
    variant: Variant;
    slot: string;
    publication: string;
    topicPrefix: string;
    statusIntervalMs: number;
    confirmDelayMs: number;
    sendDelayMs: number;
  }
  | { kind: 'consume'; connectionString: string; brokers: string[]; topicPrefix: string; group: string };

type Env = Record<string, string | undefined>;
type Values = ReturnType<typeof parseOrExplain>['values'];

/** The flags each command takes; any other is refused with the usage. */
const FLAGS: Record<Exclude<Command['kind'], 'help'>, readonly (keyof Values)[]> = {
  order: ['variant', 'cleanup', 'fail'],
  cancel: ['variant', 'cleanup', 'fail'],
  demo: ['variant', 'cleanup', 'orders', 'fail-every', 'cancel-every'],
  purge: ['older-than'],
  show: [],
  relay: ['variant', 'status-interval', 'confirm-delay', 'send-delay'],
  consume: ['group'],
};

export function parseCommand(argv: readonly string[], env: Env = process.env): Command {
  const { values, positionals } = parseOrExplain(argv);
  if (values.help || positionals.length === 0) return { kind: 'help' };
  const [name, ...operands] = positionals;
  if (!isCommandName(name)) throw new ConfigurationError(`unknown command ${JSON.stringify(name)}`, { hint: USAGE });
  refuseForeignFlags(name, values);

  switch (name) {
    case 'order': {
      expectOperands(name, operands, ['<customer>', '<amount>']);
      const [customer, amount] = operands as [string, string];
      if (!/^\d{1,10}(\.\d{1,2})?$/.test(amount)) throw new ConfigurationError(`the amount must be a positive number with at most two decimals, not ${JSON.stringify(amount)}`);
      return { kind: 'order', service: serviceSettings(values, env), customer, amount, fail: values.fail === true };
    }
    case 'cancel': {
      expectOperands(name, operands, ['<order-id>']);
      const orderId = operands[0]!;
      if (!/^\d+$/.test(orderId)) throw new ConfigurationError(`an order id is a number, not ${JSON.stringify(orderId)}`);
      return { kind: 'cancel', service: serviceSettings(values, env), orderId, fail: values.fail === true };
    }
    case 'demo':
      expectOperands(name, operands, []);
      return {
        kind: 'demo',
        service: serviceSettings(values, env),
        orders: positiveInteger('--orders', values.orders, 5),
        failEvery: wholeNumber('--fail-every', values['fail-every'], 3),
        cancelEvery: wholeNumber('--cancel-every', values['cancel-every'], 2),
      };
    case 'purge': {
      expectOperands(name, operands, []);
      const olderThan = values['older-than'];
      if (olderThan === undefined) throw new ConfigurationError('purge needs --older-than <age>, e.g. --older-than 1h', { hint: USAGE });
      return { kind: 'purge', connectionString: databaseUrl(env), olderThanMs: parseDuration('--older-than', olderThan), olderThan };
    }
    case 'show':
      expectOperands(name, operands, []);
      return { kind: 'show', connectionString: databaseUrl(env) };
    case 'relay': {
      expectOperands(name, operands, []);
      const variant = variantOf(values.variant);
      return {
        kind: 'relay',
        connectionString: databaseUrl(env),
        brokers: kafkaBrokers(env),
        variant,
        slot: slotName(env.CDC_SLOT?.trim() || DEFAULT_SLOT[variant], 'CDC_SLOT'),
        publication: env.CDC_PUBLICATION?.trim() || DEFAULT_PUBLICATION[variant],
        topicPrefix: topicPrefix(env),
        statusIntervalMs: positiveInteger('--status-interval', values['status-interval'], DEFAULT_STATUS_INTERVAL_MS),
        confirmDelayMs: wholeNumber('--confirm-delay', values['confirm-delay'], 0),
        sendDelayMs: wholeNumber('--send-delay', values['send-delay'], 0),
      };
    }
    case 'consume': {
      expectOperands(name, operands, []);
      const prefix = topicPrefix(env);
      return { kind: 'consume', connectionString: databaseUrl(env), brokers: kafkaBrokers(env), topicPrefix: prefix, group: values.group?.trim() || `${prefix}-${DEFAULT_GROUP_SUFFIX}` };
    }
  }
}

function serviceSettings(values: Values, env: Env): ServiceSettings {
  const variant = variantOf(values.variant);
  const cleanup = values.cleanup ?? 'keep';
  if (cleanup !== 'keep' && cleanup !== 'delete') throw new ConfigurationError(`--cleanup is keep or delete, not ${JSON.stringify(cleanup)}`);
  if (cleanup === 'delete' && variant === 'message') {
    throw new ConfigurationError('--cleanup delete belongs to the table variant', { hint: 'a logical message leaves no row behind: there is nothing to clean up' });
  }
  return { connectionString: databaseUrl(env), variant, cleanup };
}

function variantOf(value: string | undefined): Variant {
  const variant = value ?? 'table';
  if (variant !== 'table' && variant !== 'message') throw new ConfigurationError(`--variant is table or message, not ${JSON.stringify(variant)}`);
  return variant;
}

function topicPrefix(env: Env): string {
  const prefix = env.CDC_TOPIC_PREFIX?.trim() || DEFAULT_TOPIC_PREFIX;
  if (!/^[A-Za-z0-9._-]+$/.test(prefix)) {
    throw new ConfigurationError(`CDC_TOPIC_PREFIX=${JSON.stringify(prefix)} cannot start a Kafka topic name`, { hint: 'use letters, digits, ".", "_" and "-" only' });
  }
  return prefix;
}

function isCommandName(name: string | undefined): name is Exclude<Command['kind'], 'help'> {
  return name !== undefined && Object.hasOwn(FLAGS, name);
}

function refuseForeignFlags(command: Exclude<Command['kind'], 'help'>, values: Values): void {
  const allowed = new Set<string>([...FLAGS[command], 'help']);
  const foreign = Object.keys(values).find((flag) => values[flag as keyof Values] !== undefined && !allowed.has(flag));
  if (foreign) throw new ConfigurationError(`--${foreign} does not belong to the ${command} command`, { hint: USAGE });
}

function expectOperands(command: string, operands: readonly string[], names: readonly string[]): void {
  if (operands.length !== names.length) {
    const wanted = names.length === 0 ? 'no operands' : names.join(' ');
    throw new ConfigurationError(`${command} takes ${wanted}, not ${operands.length === 0 ? 'nothing' : operands.join(' ')}`, { hint: USAGE });
  }
}

function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        variant: { type: 'string' },
        cleanup: { type: 'string' },
        fail: { type: 'boolean' },
        orders: { type: 'string' },
        'fail-every': { type: 'string' },
        'cancel-every': { type: 'string' },
        'older-than': { type: 'string' },
        'status-interval': { type: 'string' },
        'confirm-delay': { type: 'string' },
        'send-delay': { type: 'string' },
        group: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new ConfigurationError(error instanceof Error ? error.message : String(error), { hint: USAGE });
  }
}
