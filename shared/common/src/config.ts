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
  checkUrlSpelling(url);
  return url;
}

const ENCODE_HINT = 'in a URL, a user name or password with @ : / ? # % & or a space must be percent-encoded: encodeURIComponent(password) in JavaScript, urllib.parse.quote(password, safe="") in Python (p@ss#1 becomes p%40ss%231)';

/**
 * The mistakes a password makes in a URL, caught before a driver reads the URL its own way and
 * fails with something unrelated ("URI malformed", "getaddrinfo ENOTFOUND ss"). The messages
 * never repeat the URL: it holds the password.
 */
function checkUrlSpelling(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError('DATABASE_URL cannot be read as a URL (the value is not shown: it may hold a password)', { hint: ENCODE_HINT });
  }
  if (parsed.hash !== '') {
    throw new ConfigurationError('DATABASE_URL has a # in it, which ends a URL: the rest is ignored', { hint: ENCODE_HINT });
  }
  for (const [part, value] of [['user name', parsed.username], ['password', parsed.password]] as const) {
    try {
      decodeURIComponent(value);
    } catch {
      throw new ConfigurationError(`the ${part} in DATABASE_URL has a % that does not start a percent-encoded character`, { hint: ENCODE_HINT });
    }
  }
  if (!parsed.hostname) throw new ConfigurationError('DATABASE_URL names no host', { hint: 'use the form postgres://user:password@host:5432/database' });
}

/** KAFKA_BROKERS as a list of host:port. */
export function kafkaBrokers(env: Env = process.env): string[] {
  const list = requiredEnv('KAFKA_BROKERS', 'run the lab with `pnpm lab N` (it starts Kafka), or eval "$(pnpm -s stack env)" first', env);
  const brokers = list.split(',').map((broker) => broker.trim()).filter(Boolean);
  for (const broker of brokers) {
    if (/^[a-z]+:\/\//i.test(broker)) {
      throw new ConfigurationError(`KAFKA_BROKERS has ${JSON.stringify(broker)}: a broker is host:port, without a scheme`, {
        hint: `write ${broker.replace(/^[a-z]+:\/\//i, '')} (a listener name such as PLAINTEXT:// belongs to the broker's settings, not the client's)`,
      });
    }
    const match = /^([^:\s]+|\[[0-9a-f:]+\]):(\d+)$/i.exec(broker);
    if (!match) throw new ConfigurationError(`KAFKA_BROKERS has ${JSON.stringify(broker)}, not host:port`, { hint: 'list brokers as host:port, separated by commas: localhost:9092,localhost:9093' });
    const port = Number(match[2]);
    if (port < 1 || port > 65535) {
      throw new ConfigurationError(`KAFKA_BROKERS has port ${match[2]} in ${JSON.stringify(broker)}: a port is a number from 1 to 65535`, {
        hint: 'Kafka listens on 9092 by default; `pnpm stack status` shows the port of the stack\'s broker',
      });
    }
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
