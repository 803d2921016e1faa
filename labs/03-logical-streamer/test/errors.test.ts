import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, PostgresSetupError, ReplicationError } from '@cdc-lab/common';
import { explainPostgresError, SlotInvalidatedError, type ErrorContext } from '../src/replication/index.ts';

/** An error shaped exactly as node-postgres reports what the server said. */
function serverError(code: string, message: string): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  return error;
}

const context: ErrorContext = { step: 'create-slot', slot: 'cdc_lab_03', user: 'app' };

describe('explaining what Postgres said', () => {
  it('wal_level below logical (55000): the exact fix, including the restart', () => {
    const error = explainPostgresError(serverError('55000', 'logical decoding requires wal_level >= logical'), context);
    expect(error).toBeInstanceOf(PostgresSetupError);
    expect(error.hint).toContain('ALTER SYSTEM SET wal_level = logical');
    expect(error.hint).toMatch(/restart/);
    expect((error as PostgresSetupError).code).toBe('55000');
  });

  it('no REPLICATION attribute (42501): the ALTER ROLE for this role', () => {
    const error = explainPostgresError(serverError('42501', 'must be superuser or replication role to start walsender'), { ...context, step: 'connect' });
    expect(error).toBeInstanceOf(PostgresSetupError);
    expect(error.hint).toContain('ALTER ROLE app REPLICATION;');
  });

  it('quotes a role name that needs it', () => {
    const error = explainPostgresError(serverError('42501', 'permission denied'), { ...context, user: 'App User' });
    expect(error.hint).toContain('ALTER ROLE "App User" REPLICATION;');
  });

  it('an invalidated slot (55000 with the reason in the detail, as 15 and 18 word it) is not retried: it needs the runbook', () => {
    for (const [message, detail] of [
      ['cannot read from logical replication slot "cdc_lab_03"', 'This slot has been invalidated because it exceeded the maximum reserved size.'],
      ['can no longer access replication slot "cdc_lab_03"', 'This replication slot has been invalidated due to "idle_timeout".'],
    ] as const) {
      const raw = serverError('55000', message);
      raw.detail = detail;
      const error = explainPostgresError(raw, { ...context, step: 'start' });
      expect(error).toBeInstanceOf(SlotInvalidatedError);
      expect(error.message).toContain(detail);
      expect(error.retriable).toBe(false);
      expect(error.hint).toMatch(/drop it[\s\S]*snapshot/);
    }
  });

  it('slot in use (55006): names the other reader and the way out, and may be retried', () => {
    const error = explainPostgresError(serverError('55006', 'replication slot "cdc_lab_03" is active for PID 4242'), { ...context, step: 'start' });
    expect(error).toBeInstanceOf(ReplicationError);
    expect(error.message).toContain("slot 'cdc_lab_03' is already being read by another process (walsender PID 4242)");
    expect(error.hint).toContain('CDC_SLOT');
    expect(error.retriable).toBe(true);
  });

  it('slot in use while dropping: says to stop the reader first', () => {
    const error = explainPostgresError(serverError('55006', 'replication slot "cdc_lab_03" is active for PID 4242'), { ...context, step: 'drop' });
    expect(error.message).toMatch(/is active/);
    expect(error.hint).toMatch(/stop the program reading it/);
  });

  it('all slots in use (53400): drop unused slots or raise max_replication_slots', () => {
    const error = explainPostgresError(serverError('53400', 'all replication slots are in use'), context);
    expect(error).toBeInstanceOf(PostgresSetupError);
    expect(error.message).toMatch(/max_replication_slots/);
    expect(error.hint).toMatch(/pg_drop_replication_slot/);
  });

  it('no walsender free (53300): raise max_wal_senders', () => {
    const error = explainPostgresError(serverError('53300', 'number of requested standby connections exceeds max_wal_senders (currently 0)'), { ...context, step: 'connect' });
    expect(error.message).toMatch(/max_wal_senders/);
  });

  it('pg_hba.conf without a replication line (28000): the line to add', () => {
    const error = explainPostgresError(serverError('28000', 'no pg_hba.conf entry for replication connection from host "10.0.0.1", user "app", no encryption'), { ...context, step: 'connect' });
    expect(error.hint).toContain('host replication app');
  });

  it('a wrong password is a configuration problem', () => {
    expect(explainPostgresError(serverError('28P01', 'password authentication failed for user "app"'), context)).toBeInstanceOf(ConfigurationError);
  });

  it('keeps anything else with its SQLSTATE and Postgres\'s own hint', () => {
    const raw = serverError('XX000', 'something odd');
    raw.hint = 'try turning it off and on';
    const error = explainPostgresError(raw, context);
    expect(error.message).toContain('[SQLSTATE XX000]');
    expect(error.hint).toBe('try turning it off and on');
    expect(error.cause).toBe(raw);
  });

  it('a refused connection says how to check the stack', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const error = explainPostgresError(refused, { ...context, step: 'connect' });
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.hint).toMatch(/pnpm stack status/);
  });

  it('a connection lost while streaming points at wal_sender_timeout', () => {
    const error = explainPostgresError(new Error('Connection terminated unexpectedly'), { ...context, step: 'stream' });
    expect(error).toBeInstanceOf(ReplicationError);
    expect(error.hint).toMatch(/wal_sender_timeout/);
  });
});
