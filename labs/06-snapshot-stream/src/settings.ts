import { ConfigurationError, databaseUrl, kafkaBrokers, positiveInteger, slotName } from '@cdc-lab/common';

/** How the existing rows reach Kafka: Debezium's snapshot.mode, the two values this lab implements. */
export type SnapshotMode = 'initial' | 'no_data';

export interface Settings {
  connectionString: string;
  brokers: string[];
  slot: string;
  publication: string;
  topicPrefix: string;
  stateDir: string;
  snapshotMode: SnapshotMode;
  /** Rows per keyset chunk, in the initial snapshot and in incremental ones. */
  chunkSize: number;
  /** Schema of the signal table <schema>.cdc_signals. */
  signalSchema: string;
}

const USAGE = 'usage: pnpm lab 6 [--snapshot initial|no_data] [--chunk-size N] [--signal-schema public]';

export function parseSettings(argv: readonly string[], env: Record<string, string | undefined> = process.env): Settings {
  let snapshotMode: SnapshotMode = 'initial';
  let chunkSize = positiveInteger('CDC_CHUNK_SIZE', env.CDC_CHUNK_SIZE, 1024);
  let signalSchema = 'public';
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = argv[index + 1];
    switch (flag) {
      case '--snapshot':
        if (value !== 'initial' && value !== 'no_data') throw new ConfigurationError(`--snapshot ${value ?? ''} is not a mode`, { hint: `${USAGE}: initial reads the tables first, no_data only streams` });
        snapshotMode = value;
        index += 1;
        break;
      case '--chunk-size':
        chunkSize = positiveInteger('--chunk-size', value, chunkSize);
        index += 1;
        break;
      case '--signal-schema':
        if (!value) throw new ConfigurationError('--signal-schema needs a schema name', { hint: USAGE });
        signalSchema = value;
        index += 1;
        break;
      default:
        throw new ConfigurationError(`unknown argument ${flag}`, { hint: USAGE });
    }
  }
  return {
    connectionString: databaseUrl(env),
    brokers: kafkaBrokers(env),
    slot: slotName(env.CDC_SLOT ?? 'cdc_lab_06', 'CDC_SLOT'),
    publication: env.CDC_PUBLICATION ?? 'cdc_lab_06',
    topicPrefix: env.CDC_TOPIC_PREFIX ?? 'cdc',
    stateDir: env.CDC_STATE_DIR ?? '.cdc-lab/labs/06',
    snapshotMode,
    chunkSize,
    signalSchema,
  };
}
