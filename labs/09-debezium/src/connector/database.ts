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
