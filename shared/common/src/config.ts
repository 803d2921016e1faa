import { ConfigurationError } from './errors.ts';

type Env = Record<string, string | undefined>;

/** A variable the program cannot run without; the error says how to get it. */
export function requiredEnv(name: string, hint: string, env: Env = process.env): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigurationError(`${name} is not set`, { hint });
  return value;
}

/** DATABASE_URL, with the hint every lab gives when it is missing. */
export function databaseUrl(env: Env = process.env): string {
  const url = requiredEnv('DATABASE_URL', 'run the lab with `pnpm lab N` (it starts Postgres), or eval "$(pnpm -s stack env)" first', env);
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new ConfigurationError('DATABASE_URL is not a postgres:// URL', { hint: 'use the form postgres://user:password@host:5432/database' });
  }
  return url;
}

/** KAFKA_BROKERS as a list of host:port. */
export function kafkaBrokers(env: Env = process.env): string[] {
  const list = requiredEnv('KAFKA_BROKERS', 'run the lab with `pnpm lab N` (it starts Kafka), or eval "$(pnpm -s stack env)" first', env);
  const brokers = list.split(',').map((broker) => broker.trim()).filter(Boolean);
  for (const broker of brokers) {
    if (!/^[^:\s]+:\d+$/.test(broker)) throw new ConfigurationError(`KAFKA_BROKERS has ${JSON.stringify(broker)}, not host:port`);
  }
  return brokers;
}

/** A positive number of milliseconds (or anything counted) from a flag or variable. */
export function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new ConfigurationError(`${name} must be a positive whole number, not ${JSON.stringify(value)}`);
  return parsed;
}

/**
 * A name Postgres will accept for a replication slot: lower-case letters, digits and
 * underscores, at most 63 characters. Checked up front so the error names the setting.
 */
export function slotName(name: string, source: string): string {
  if (!/^[a-z0-9_]{1,63}$/.test(name)) {
    throw new ConfigurationError(`${source}=${JSON.stringify(name)} is not a valid slot name`, {
      hint: 'slot names use only lower-case letters, digits and underscores, up to 63 characters',
    });
  }
  return name;
}
