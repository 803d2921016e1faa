import {
  CdcLabError,
  ConfigurationError,
  isPostgresError,
  PostgresSetupError,
  ReplicationError,
  type PostgresErrorFields,
} from '@cdc-lab/common';

/**
 * Turn what Postgres (or the network) said into an error a person can act on. Postgres names
 * each failure with a SQLSTATE; the ones a CDC consumer meets on its first day each get a
 * message and the exact fix. The original error stays attached as `cause`, with its code.
 */
export interface ErrorContext {
  /** What we were doing: it changes what the same SQLSTATE means. */
  step: 'connect' | 'create-slot' | 'start' | 'stream' | 'drop' | 'query';
  slot: string;
  /** The role we connect as, for the GRANT-style hints. */
  user?: string;
}

// The SQLSTATEs this module knows, by their names in Postgres's errcodes.txt.
const enum SqlState {
  ObjectNotInPrerequisiteState = '55000',
  ObjectInUse = '55006',
  InsufficientPrivilege = '42501',
  ConfigurationLimitExceeded = '53400',
  TooManyConnections = '53300',
  InvalidAuthorizationSpecification = '28000',
  InvalidPassword = '28P01',
  InvalidCatalogName = '3D000',
  UndefinedObject = '42704',
  AdminShutdown = '57P01',
  CharacterNotInRepertoire = '22021',
}

/**
 * The slot exists but Postgres has invalidated it: it removed WAL the slot still needed
 * (max_slot_wal_keep_size), or the slot sat idle past idle_replication_slot_timeout (18+).
 * Nothing can read it again. The stream command adds what was lost and the runbook.
 */
export class SlotInvalidatedError extends ReplicationError {
  constructor(readonly slot: string, readonly reason: string, cause: Error) {
    super(`slot '${slot}' was invalidated and can no longer be read: ${reason}`, {
      cause,
      hint: `drop it (pnpm lab 3 drop), run the streamer again to create a new slot, and take a new snapshot of the tables (lab 6): the slot's changes are gone from the WAL`,
    });
  }
}

export function explainPostgresError(error: unknown, context: ErrorContext): CdcLabError {
  if (error instanceof CdcLabError) return error;
  if (isPostgresError(error)) return fromSqlState(error, context);
  return fromNetworkError(error, context);
}

function fromSqlState(error: PostgresErrorFields & Error, context: ErrorContext): CdcLabError {
  const code = error.code;
  const said = error.message;
  const role = context.user ? quoteRole(context.user) : '<your role>';
  switch (code) {
    case SqlState.ObjectNotInPrerequisiteState:
      // "cannot read from logical replication slot" (Postgres 15) or "can no longer get changes
      // from replication slot" (16+), with the reason in the detail: the slot's WAL is gone.
      if (/invalidated/i.test(`${said} ${error.detail ?? ''}`)) {
        return new SlotInvalidatedError(context.slot, error.detail ?? said, error);
      }
      if (/wal_level/i.test(said)) {
        return new PostgresSetupError('logical decoding is off: the server runs with wal_level below logical', {
          code,
          cause: error,
          hint: 'as a superuser run ALTER SYSTEM SET wal_level = logical; then restart Postgres (wal_level is read only at start-up)',
        });
      }
      if (/not created in this database/i.test(said)) {
        return new PostgresSetupError(`slot '${context.slot}' belongs to another database`, {
          code,
          cause: error,
          hint: 'a logical slot decodes one database: connect to the database it was made in, or use another name with CDC_SLOT',
        });
      }
      break;
    case SqlState.ObjectInUse:
      if (context.step === 'drop') {
        return new ReplicationError(`slot '${context.slot}' is active: ${said}`, {
          cause: error,
          hint: 'stop the program reading it first (Ctrl-C in its terminal); dropping a slot that is being read would lose its place',
        });
      }
      return new ReplicationError(`slot '${context.slot}' is already being read by another process (${activePid(said)})`, {
        cause: error,
        retriable: true,
        hint: 'a slot has exactly one reader at a time: stop the other one (pg_replication_slots.active_pid names it), or give this program its own slot with CDC_SLOT=<name>',
      });
    case SqlState.InsufficientPrivilege:
      return new PostgresSetupError(`role ${role} may not stream changes: it lacks the REPLICATION attribute`, {
        code,
        cause: error,
        hint: `as a superuser run ALTER ROLE ${role} REPLICATION; (Postgres said: ${said})`,
      });
    case SqlState.ConfigurationLimitExceeded:
      if (/replication slots/i.test(said)) {
        return new PostgresSetupError('all replication slots are in use: max_replication_slots is reached', {
          code,
          cause: error,
          hint: "drop slots nobody reads any more (SELECT slot_name FROM pg_replication_slots WHERE NOT active; then SELECT pg_drop_replication_slot('<name>')), or raise max_replication_slots and restart Postgres",
        });
      }
      break;
    case SqlState.TooManyConnections:
      if (/max_wal_senders/i.test(said)) {
        return new PostgresSetupError('no walsender is free: max_wal_senders is reached', {
          code,
          cause: error,
          hint: 'every replication connection uses one walsender; stop an idle one or raise max_wal_senders and restart Postgres',
        });
      }
      break;
    case SqlState.InvalidAuthorizationSpecification:
      if (/pg_hba\.conf/i.test(said) && /replication/i.test(said)) {
        return new PostgresSetupError('pg_hba.conf does not allow replication connections for this role and host', {
          code,
          cause: error,
          hint: `add a line such as "host replication ${context.user ?? 'all'} 127.0.0.1/32 scram-sha-256" to pg_hba.conf, then SELECT pg_reload_conf(); (Postgres said: ${said})`,
        });
      }
      break;
    case SqlState.InvalidPassword:
      return new ConfigurationError(`Postgres refused the password of role ${role}`, {
        cause: error,
        hint: 'check the user and password in DATABASE_URL (eval "$(pnpm -s stack env)" sets the stack\'s)',
      });
    case SqlState.InvalidCatalogName:
      return new ConfigurationError(`the database in DATABASE_URL does not exist: ${said}`, { cause: error, hint: 'create it, or fix DATABASE_URL' });
    case SqlState.UndefinedObject:
      if (/replication slot/i.test(said)) {
        return new ReplicationError(`slot '${context.slot}' does not exist (any more): ${said}`, {
          cause: error,
          retriable: true,
          hint: 'someone dropped it; run the streamer again to create a fresh one (changes made meanwhile are not in it)',
        });
      }
      break;
    case SqlState.CharacterNotInRepertoire:
      // A SQL_ASCII database stores whatever bytes it is given; the walsender checks them
      // against the client's encoding (UTF8) only when it sends a change, so the stream
      // stops at the first bad value. The change is still in the slot: nothing past the
      // last confirmed position was confirmed. Fixing the row does not help, since the
      // WAL keeps the bytes as written.
      return new ReplicationError(`Postgres cannot send a change as UTF-8: a text value in it is not valid UTF-8 (${said})`, {
        cause: error,
        hint: [
          'the database probably has encoding SQL_ASCII, which stores any bytes unchecked (SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database());',
          'the change stays in the slot and the stream stops at it every time. Fix the source: make the application write UTF-8 and move the data to a UTF8 database (then snapshot it again);',
          `or, accepting that this transaction is lost to the stream, find its commit with pg_walinspect or pg_waldump (lab 2) and move the slot past it: SELECT pg_replication_slot_advance('${context.slot ?? '<slot>'}', '<lsn after the commit>')`,
        ].join('\n'),
      });
    case SqlState.AdminShutdown:
      return new ReplicationError(`Postgres ended the replication connection: ${said}`, {
        cause: error,
        retriable: true,
        hint: 'the server is shutting down or someone ran pg_terminate_backend; run the streamer again to resume from the last confirmed position',
      });
    default:
      break;
  }
  const detail = error.detail ? ` (${error.detail})` : '';
  return new ReplicationError(`Postgres refused ${describeStep(context.step)}: ${said}${detail} [SQLSTATE ${code}]`, {
    cause: error,
    ...(error.hint ? { hint: error.hint } : {}),
  });
}

function fromNetworkError(error: unknown, context: ErrorContext): CdcLabError {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH') {
    return new ConfigurationError(`cannot reach Postgres: ${message}`, {
      cause: error,
      retriable: true,
      hint: 'is the stack running? pnpm stack status shows it; check the host and port in DATABASE_URL',
    });
  }
  if (context.step === 'stream' || /terminated|ECONNRESET|closed/i.test(message)) {
    return new ReplicationError(`the replication connection was lost: ${message}`, {
      cause: error,
      retriable: true,
      hint: 'if the server log says "terminating walsender process due to replication timeout", the program did not answer keepalives within wal_sender_timeout; otherwise run it again: it resumes from the last confirmed position',
    });
  }
  return new ReplicationError(`${describeStep(context.step)} failed: ${message}`, { cause: error });
}

function describeStep(step: ErrorContext['step']): string {
  switch (step) {
    case 'connect': return 'the replication connection';
    case 'create-slot': return 'creating the slot';
    case 'start': return 'START_REPLICATION';
    case 'stream': return 'the stream';
    case 'drop': return 'dropping the slot';
    case 'query': return 'the query';
  }
}

/** Postgres says "replication slot \"x\" is active for PID 1234": keep the PID for the message. */
function activePid(message: string): string {
  const pid = /PID (\d+)/i.exec(message)?.[1];
  return pid ? `walsender PID ${pid}` : message;
}

function quoteRole(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}
