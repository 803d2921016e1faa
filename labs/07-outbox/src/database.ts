import pg from 'pg';
import { CdcLabError, ConfigurationError, isPostgresError, PostgresSetupError } from '@cdc-lab/common';

/**
 * An ordinary SQL connection for the service, the purge and the consumer (the relay's
 * replication connection is lab 3's). Errors come back as CdcLabErrors that keep Postgres's
 * SQLSTATE, so that a person sees what to do rather than a stack trace.
 */
export async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  // A connection that dies while idle reports through 'error'; the next query says so too.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw explainSqlError(error);
  }
  try {
    return await work(client);
  } catch (error) {
    throw explainSqlError(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Run `work` as one transaction on `client`: COMMIT when it returns, ROLLBACK when it throws.
 * Everything `work` writes through this client becomes visible together, or not at all.
 */
export async function inTransaction<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

export function explainSqlError(error: unknown): CdcLabError | Error {
  if (error instanceof CdcLabError) return error;
  if (isPostgresError(error)) {
    if (error.code === '28P01') {
      return new ConfigurationError('Postgres refused the password in DATABASE_URL', { cause: error, hint: 'eval "$(pnpm -s stack env)" sets the stack\'s' });
    }
    if (error.code === '3D000') {
      return new ConfigurationError(`the database in DATABASE_URL does not exist: ${error.message}`, { cause: error, hint: 'create it, or fix DATABASE_URL' });
    }
    const detail = error.detail ? ` (${error.detail})` : '';
    return new PostgresSetupError(`${error.message}${detail} [SQLSTATE ${error.code}]`, {
      code: error.code,
      cause: error,
      ...(error.hint ? { hint: error.hint } : {}),
    });
  }
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH') {
    return new ConfigurationError(`cannot reach Postgres: ${(error as Error).message}`, {
      cause: error,
      retriable: true,
      hint: 'is the stack running? pnpm stack status shows it; check the host and port in DATABASE_URL',
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** A connection string with session settings, passed as libpq's `options` startup parameter. */
export function withSessionOptions(url: string, options: string): string {
  const parsed = new URL(url);
  const existing = parsed.searchParams.get('options');
  parsed.searchParams.set('options', existing ? `${existing} ${options}` : options);
  return parsed.toString();
}
