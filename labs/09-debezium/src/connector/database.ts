import { ConfigurationError } from '@cdc-lab/common';

/** Where Debezium finds the database: the connector takes the URL apart, one setting each. */
export interface DatabaseCoordinates {
  hostname: string;
  port: string;
  user: string;
  password: string;
  dbname: string;
}

export function databaseCoordinates(databaseUrl: string): DatabaseCoordinates {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new ConfigurationError('DATABASE_URL is not a URL', { hint: 'use the form postgres://user:password@host:5432/database' });
  }
  const dbname = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!url.hostname || !url.username || !dbname) {
    throw new ConfigurationError('DATABASE_URL must name a host, a user and a database for the connector', {
      hint: 'use the form postgres://user:password@host:5432/database',
    });
  }
  return {
    // IPv6 literals come bracketed from URL; the JDBC driver wants them bare.
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port || '5432',
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    dbname,
  };
}

/**
 * CONNECT_DATABASE_HOST: Postgres's `host:port` as the Connect worker reaches it, when that is
 * not DATABASE_URL's (a worker in a container reaches `postgres:5432`, this machine
 * `127.0.0.1:5432`). Only the address differs: user, password and database are DATABASE_URL's.
 * An IPv6 address comes in brackets, `[::1]:5432`.
 */
export function workerDatabaseHost(value: string, variable = 'CONNECT_DATABASE_HOST'): Pick<DatabaseCoordinates, 'hostname' | 'port'> {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65535) {
    throw new ConfigurationError(`${variable}=${JSON.stringify(value)} is not host:port with a port from 1 to 65535`, {
      hint: `give Postgres's address as the Kafka Connect worker reaches it, e.g. ${variable}=postgres:5432, or unset it when the worker reaches DATABASE_URL's host`,
    });
  }
  return { hostname: match[1]!.replace(/^\[(.*)\]$/, '$1'), port: String(port) };
}
