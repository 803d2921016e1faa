import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { ConfigurationError, databaseUrl, kafkaBrokers, requiredEnv, slotName } from '@cdc-lab/common';
import { workerDatabaseHost } from './connector/database.ts';

export const DEFAULT_SLOT = 'cdc_lab_09';
export const DEFAULT_PUBLICATION = 'cdc_lab_09';
export const DEFAULT_TOPIC_PREFIX = 'lab09';

export const USAGE = `usage: pnpm lab 9 [command] [flags]

  run (default)          register the connector (connector/debezium-settings.ts), wait until it
                         and its task are RUNNING, then show its events (Ctrl-C stops showing;
                         the connector keeps running in Kafka Connect)
  config                 the config that would be registered, password masked
  status                 the connector's and its task's state, and its slot's
  pause | resume         stop the task without losing its place, and start it again
  restart                restart the connector and its task
  delete [--drop-slot]   delete the connector; with --drop-slot also its replication slot and
                         publication (Kafka Connect never drops them: a forgotten slot keeps WAL)
  snapshot <schema.table>...
                         an incremental snapshot of these tables, asked through the signal table
  compare                the same workload through Debezium and lab 4's bridge, diffed field by field
  outbox                 Debezium's outbox event router on lab 7's shop.outbox (run lab 7's
                         demo to write events); shows the routed records

  --outbox               (status, pause, resume, restart, delete) act on the outbox connector

environment: DATABASE_URL, KAFKA_BROKERS, CONNECT_URL (all set by pnpm lab);
  CDC_SLOT (default ${DEFAULT_SLOT}), CDC_PUBLICATION (default ${DEFAULT_PUBLICATION}),
  CDC_TOPIC_PREFIX (default ${DEFAULT_TOPIC_PREFIX}); CDC_CONNECTOR (default <prefix>-postgres);
  CONNECT_DATABASE_HOST: host:port of Postgres as the Connect worker reaches it, when not
  DATABASE_URL's (a worker in Docker: postgres:5432); user, password and database always
  come from DATABASE_URL`;

/** One connector's names: everything it owns is named after the run's settings. */
export interface PipelineNames {
  connector: string;
  slot: string;
  publication: string;
  topicPrefix: string;
}

export interface Settings {
  databaseUrl: string;
  /** `host:port` of Postgres as the Connect worker reaches it (CONNECT_DATABASE_HOST); undefined: DATABASE_URL's. */
  connectDatabaseHost?: string;
  kafkaBrokers: string[];
  connectUrl: string;
  timeoutMs: number;
}

export interface CompareSettings extends Settings {
  names: { debezium: PipelineNames; bridge: Omit<PipelineNames, 'connector'> };
}

export type LifecycleAction = 'status' | 'pause' | 'resume' | 'restart' | 'delete';

export type Command =
  | { kind: 'help' }
  | { kind: 'run'; settings: Settings; names: PipelineNames }
  | { kind: 'config'; settings: Settings; names: PipelineNames }
  | { kind: 'lifecycle'; action: LifecycleAction; settings: Settings; names: PipelineNames; dropSlot: boolean; outbox: boolean }
  | { kind: 'snapshot'; settings: Settings; names: PipelineNames; tables: string[] }
  | { kind: 'compare'; settings: CompareSettings }
  | { kind: 'outbox'; settings: Settings; names: PipelineNames };

type Env = Record<string, string | undefined>;

export function parseCommand(argv: readonly string[], env: Env = process.env): Command {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { 'drop-slot': { type: 'boolean' }, outbox: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return { kind: 'help' };
  const [name = 'run', ...rest] = positionals;
  const settings = readSettings(env);
  const main = pipelineNames(env);
  const outbox = outboxNames(main);
  switch (name) {
    case 'run':
    case 'config':
      return { kind: name, settings, names: main };
    case 'status':
    case 'pause':
    case 'resume':
    case 'restart':
    case 'delete':
      return { kind: 'lifecycle', action: name, settings, names: values.outbox ? outbox : main, dropSlot: values['drop-slot'] === true, outbox: values.outbox === true };
    case 'snapshot':
      if (rest.length === 0 || rest.some((table) => !/^[^.\s]+\.[^.\s]+$/.test(table))) {
        throw new ConfigurationError('snapshot needs one or more tables as schema.table', { hint: 'e.g. pnpm lab 9 snapshot public.users' });
      }
      return { kind: 'snapshot', settings, names: main, tables: rest };
    case 'compare':
      return {
        kind: 'compare',
        settings: {
          ...settings,
          names: {
            // A name of its own each run: Connect keeps a deleted connector's offsets under its name.
            // Topics outside <prefix>.*: the main connector's (debezium.heartbeat → <prefix>.debezium.heartbeat) stay apart.
            debezium: { connector: `${main.topicPrefix}-compare-${crypto.randomBytes(3).toString('hex')}`, slot: derivedSlot(main.slot, 'cmp_dbz'), publication: `${main.publication}_cmp_dbz`, topicPrefix: `${main.topicPrefix}-compare.debezium` },
            bridge: { slot: derivedSlot(main.slot, 'cmp_lab04'), publication: `${main.publication}_cmp_lab04`, topicPrefix: `${main.topicPrefix}-compare.lab04` },
          },
        },
      };
    case 'outbox':
      return { kind: 'outbox', settings, names: outbox };
    default:
      throw new ConfigurationError(`unknown command ${JSON.stringify(name)}`, { hint: 'pnpm lab 9 --help lists the commands' });
  }
}

function readSettings(env: Env): Settings {
  const connectDatabaseHost = env.CONNECT_DATABASE_HOST?.trim() || undefined;
  // Checked here, before anything is registered: a bad address would only show as a FAILED task.
  if (connectDatabaseHost !== undefined) workerDatabaseHost(connectDatabaseHost);
  return {
    databaseUrl: databaseUrl(env),
    ...(connectDatabaseHost === undefined ? {} : { connectDatabaseHost }),
    kafkaBrokers: kafkaBrokers(env),
    connectUrl: requiredEnv('CONNECT_URL', 'run the lab with `pnpm lab 9` (it starts Kafka Connect), or eval "$(pnpm -s stack env)" first', env).replace(/\/+$/, ''),
    timeoutMs: 90_000,
  };
}

function pipelineNames(env: Env): PipelineNames {
  const topicPrefix = env.CDC_TOPIC_PREFIX?.trim() || DEFAULT_TOPIC_PREFIX;
  return {
    connector: env.CDC_CONNECTOR?.trim() || `${topicPrefix}-postgres`,
    slot: slotName(env.CDC_SLOT?.trim() || DEFAULT_SLOT, 'CDC_SLOT'),
    publication: env.CDC_PUBLICATION?.trim() || DEFAULT_PUBLICATION,
    topicPrefix,
  };
}

/**
 * The outbox connector is a pipeline of its own: its own slot, publication and topic prefix
 * (`<prefix>.outbox`). Debezium names its metrics after topic.prefix, so two connectors with one
 * prefix in one worker collide ("Unable to register metrics as an old set with the same name")
 * and the second stalls for minutes. Its routed events land in `<prefix>.outbox.event.<type>`.
 */
function outboxNames(main: PipelineNames): PipelineNames {
  return { connector: `${main.topicPrefix}-outbox`, slot: derivedSlot(main.slot, 'outbox'), publication: `${main.publication}_outbox`, topicPrefix: `${main.topicPrefix}.outbox` };
}

function derivedSlot(slot: string, suffix: string): string {
  return slotName(`${slot.slice(0, 62 - suffix.length)}_${suffix}`, 'CDC_SLOT');
}
