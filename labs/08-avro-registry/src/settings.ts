import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigurationError, databaseUrl, kafkaBrokers, positiveInteger, requiredEnv, slotName } from '@cdc-lab/common';
import { COMPATIBILITY_LEVELS, type Compatibility } from './registry/rest.ts';

export const DEFAULT_SLOT = 'cdc_lab_08';
export const DEFAULT_PUBLICATION = 'cdc_lab_08';
/** Not lab 4's `cdc`: its topics hold JSON, these hold Avro, and a topic should hold one kind. */
export const DEFAULT_TOPIC_PREFIX = 'avro';
export const DEFAULT_STATE_DIR = path.join('.cdc-lab', 'labs', '08');

export const USAGE = `usage: pnpm lab 8 [command] [flags]

  (no command)                 stream changes to Kafka as Avro, registering schemas as tables change
    --compatibility <level>    for subjects the bridge creates: ${COMPATIBILITY_LEVELS.join(', ')} (default BACKWARD)
    --tables <a,b>             publish only these tables (when the publication is created)
    --status-interval <ms>     how often to report the confirmed position (default: ¼ of wal_sender_timeout)
  tail [<topic>]               decode records through the registry and print them like lab 4's tail
    --from-beginning           from the first record, not the end
    --full                     each value whole, not just op, ts_ms, before, after, source
    --max-messages <n>         stop after n records
  compatibility <subject> <level>   set one subject's rule (e.g. NONE, to let a refused change through)
  sizes                        JSON against Avro: the bytes the bridge measured on the records it delivered

environment: DATABASE_URL, KAFKA_BROKERS, SCHEMA_REGISTRY_URL; CDC_SLOT (default ${DEFAULT_SLOT}),
CDC_PUBLICATION (default ${DEFAULT_PUBLICATION}), CDC_TOPIC_PREFIX (default ${DEFAULT_TOPIC_PREFIX}), CDC_STATE_DIR (default ${DEFAULT_STATE_DIR})`;

export interface StreamCommand {
  kind: 'stream';
  connectionString: string;
  brokers: string[];
  registryUrl: string;
  slot: string;
  publication: string;
  topicPrefix: string;
  stateDir: string;
  compatibility: Compatibility;
  tables: string[];
  statusIntervalMs: number | undefined;
}

export interface TailCommand {
  kind: 'tail';
  brokers: string[];
  registryUrl: string;
  topicPrefix: string;
  topic: string | undefined;
  fromBeginning: boolean;
  full: boolean;
  maxMessages: number | undefined;
}

export type Command =
  | { kind: 'help' }
  | StreamCommand
  | TailCommand
  | { kind: 'sizes'; stateDir: string; topicPrefix: string }
  | { kind: 'compatibility'; registryUrl: string; subject: string; level: Compatibility };

type Env = Record<string, string | undefined>;

export function parseCommand(argv: readonly string[], env: Env = process.env): Command {
  const { values, positionals } = parseOrExplain(argv);
  if (values.help) return { kind: 'help' };
  const [name = 'stream', ...operands] = positionals;
  const topicPrefix = topicPrefixOf(env);
  const stateDir = env.CDC_STATE_DIR?.trim() || DEFAULT_STATE_DIR;
  switch (name) {
    case 'stream':
      expectNoOperands(name, operands);
      return {
        kind: 'stream',
        connectionString: databaseUrl(env),
        brokers: kafkaBrokers(env),
        registryUrl: registryUrl(env),
        slot: slotName(env.CDC_SLOT?.trim() || DEFAULT_SLOT, 'CDC_SLOT'),
        publication: env.CDC_PUBLICATION?.trim() || DEFAULT_PUBLICATION,
        topicPrefix,
        stateDir,
        compatibility: compatibilityOf(values.compatibility),
        tables: (values.tables ?? '').split(',').map((table) => table.trim()).filter(Boolean),
        statusIntervalMs: values['status-interval'] === undefined ? undefined : positiveInteger('--status-interval', values['status-interval'], 10_000),
      };
    case 'tail':
      if (operands.length > 1) throw new ConfigurationError(`tail takes at most one topic, not ${operands.join(' ')}`, { hint: USAGE });
      return {
        kind: 'tail',
        brokers: kafkaBrokers(env),
        registryUrl: registryUrl(env),
        topicPrefix,
        topic: operands[0],
        fromBeginning: values['from-beginning'] === true,
        full: values.full === true,
        maxMessages: values['max-messages'] === undefined ? undefined : positiveInteger('--max-messages', values['max-messages'], 1),
      };
    case 'sizes':
      expectNoOperands(name, operands);
      return { kind: 'sizes', stateDir, topicPrefix };
    case 'compatibility': {
      const [subject, level] = operands;
      if (operands.length !== 2 || !subject) throw new ConfigurationError('compatibility takes <subject> <level>', { hint: USAGE });
      return { kind: 'compatibility', registryUrl: registryUrl(env), subject, level: compatibilityOf(level) };
    }
    default:
      throw new ConfigurationError(`unknown command ${JSON.stringify(name)}`, { hint: USAGE });
  }
}

function registryUrl(env: Env): string {
  const url = requiredEnv('SCHEMA_REGISTRY_URL', 'run the lab with `pnpm lab 8` (it starts the registry), or eval "$(pnpm -s stack env)" first', env);
  if (!/^https?:\/\//.test(url)) throw new ConfigurationError('SCHEMA_REGISTRY_URL is not an http:// URL', { hint: 'e.g. http://127.0.0.1:8081 (Confluent) or http://127.0.0.1:8080/apis/ccompat/v7 (Apicurio)' });
  return url.replace(/\/+$/, '');
}

function compatibilityOf(value: string | undefined): Compatibility {
  const level = (value ?? 'BACKWARD').toUpperCase();
  if (!(COMPATIBILITY_LEVELS as readonly string[]).includes(level)) {
    throw new ConfigurationError(`a compatibility level is one of ${COMPATIBILITY_LEVELS.join(', ')}, not ${JSON.stringify(value)}`);
  }
  return level as Compatibility;
}

function topicPrefixOf(env: Env): string {
  const prefix = env.CDC_TOPIC_PREFIX?.trim() || DEFAULT_TOPIC_PREFIX;
  if (!/^[A-Za-z0-9._-]+$/.test(prefix)) {
    throw new ConfigurationError(`CDC_TOPIC_PREFIX=${JSON.stringify(prefix)} cannot start a Kafka topic name`, { hint: 'use letters, digits, ".", "_" and "-" only' });
  }
  return prefix;
}

function expectNoOperands(command: string, operands: readonly string[]): void {
  if (operands.length > 0) throw new ConfigurationError(`${command} takes no operands, not ${operands.join(' ')}`, { hint: USAGE });
}

function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        compatibility: { type: 'string' },
        tables: { type: 'string' },
        'status-interval': { type: 'string' },
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
