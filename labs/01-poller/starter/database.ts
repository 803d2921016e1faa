import pg from 'pg';
import { CdcLabError, isPostgresError, PostgresSetupError, redactUrl } from '@cdc-lab/common';

/**
 * The poller's connection. A pool of one rather than a bare client: when Postgres drops the
 * connection between polls (a restart, pg_terminate_backend), the pool discards it and the
 * next poll simply opens a new one.
 */
export function openDatabase(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 1, application_name: 'cdc-lab-01-poller' });
  // An idle connection that dies is removed by the pool; nothing to do but not crash.
  pool.on('error', () => {});
  return pool;
}

/** Make a failure to reach Postgres at start-up say what to do. */
export function explainStartupFailure(error: unknown, url: string): unknown {
  if (isConnectionError(error)) {
    return new PostgresSetupError(`cannot reach Postgres at ${redactUrl(url)}: ${(error as Error).message}`, {
      hint: 'is the stack running? `pnpm stack status` shows it; `pnpm lab 1` starts it',
      retriable: true,
      cause: error,
    });
  }
  if (isPostgresError(error) && !(error instanceof CdcLabError)) {
    return new PostgresSetupError(`Postgres refused to set up poller.users: ${error.message}`, {
      code: error.code,
      hint: error.hint ?? 'the user in DATABASE_URL needs CREATE rights on the database',
      cause: error,
    });
  }
  return error;
}

const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Errors after which the same poll can succeed later: the network, or Postgres going away
 * (SQLSTATE class 08 is connection exceptions; 57P01–57P03 are shutdown and restart).
 */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_ERRORS.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code))) return true;
  // node-postgres reports a connection that vanished mid-query without a code.
  return /Connection terminated|Client has encountered a connection error|not queryable/i.test(error.message);
}
