/**
 * One error family for everything a user can cause or meet. Each error carries a `hint`
 * (what to do about it) and whether retrying the same operation can succeed, so that a
 * program's top level can print something useful instead of a stack trace.
 */
export interface CdcLabErrorOptions {
  hint?: string;
  retriable?: boolean;
  cause?: unknown;
}

export class CdcLabError extends Error {
  readonly hint: string | undefined;
  readonly retriable: boolean;

  constructor(message: string, options: CdcLabErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.retriable = options.retriable ?? false;
  }
}

/** Bad or missing settings: environment variables, flags, files. Never retriable. */
export class ConfigurationError extends CdcLabError {}

/** Postgres is reachable but not set up for CDC (wal_level, privileges, publications, identity). */
export class PostgresSetupError extends CdcLabError {
  readonly code: string | undefined;
  constructor(message: string, options: CdcLabErrorOptions & { code?: string } = {}) {
    super(message, options);
    this.code = options.code;
  }
}

/** The replication stream failed: slot busy, connection lost, protocol surprise. */
export class ReplicationError extends CdcLabError {}

/** The downstream sink (Kafka, a file) did not take what we gave it. */
export class SinkError extends CdcLabError {}

/** A schema registry refused or could not be reached. */
export class SchemaError extends CdcLabError {}

/** A service of the stack could not be started, found or stopped. */
export class StackError extends CdcLabError {}

/**
 * Postgres reports failures with a SQLSTATE code plus detail and hint fields (node-postgres
 * exposes them on its DatabaseError). Keep them when wrapping, so nothing Postgres said is lost.
 */
export interface PostgresErrorFields {
  code?: string;
  detail?: string;
  hint?: string;
  message: string;
}

export function isPostgresError(error: unknown): error is PostgresErrorFields & Error {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}
