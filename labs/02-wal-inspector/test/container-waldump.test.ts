import { describe, expect, it } from 'vitest';
import { Lsn } from '@cdc-lab/common';
import { parseCli } from '../src/cli.ts';
import { containerWaldump, waldumpArguments, waldumpCommand } from '../src/waldump-runner.ts';

/**
 * When Docker runs Postgres, pg_wal is inside the container: the inspector runs the server's
 * own pg_waldump there with `docker exec`, told by CDC_LAB_POSTGRES_CONTAINER (which the stack
 * sets) or --container.
 */
describe('pg_waldump inside the server\'s container', () => {
  const env = { DATABASE_URL: 'postgres://x@h/db' };

  it('takes the container from --container, else from CDC_LAB_POSTGRES_CONTAINER', () => {
    const fromEnv = parseCli(['SELECT 1'], { ...env, CDC_LAB_POSTGRES_CONTAINER: 'abc123' });
    expect(fromEnv !== 'help' && fromEnv.container).toEqual({ path: 'abc123', source: 'CDC_LAB_POSTGRES_CONTAINER' });
    const fromFlag = parseCli(['--container', 'cdc-lab-postgres-1', 'SELECT 1'], { ...env, CDC_LAB_POSTGRES_CONTAINER: 'abc123' });
    expect(fromFlag !== 'help' && fromFlag.container).toEqual({ path: 'cdc-lab-postgres-1', source: '--container' });
    const none = parseCli(['SELECT 1'], env);
    expect(none !== 'help' && none.container).toBeUndefined();
  });

  it('runs docker exec <container> pg_waldump with the range and the container\'s own pg_wal', () => {
    const program = containerWaldump({ path: 'abc123', source: 'CDC_LAB_POSTGRES_CONTAINER' });
    const range = { start: Lsn.parse('0/1A2B3C0'), end: Lsn.parse('0/1A2B4F8') };
    expect(waldumpCommand(program, waldumpArguments(range, '/var/lib/postgresql/data/pg_wal', 1))).toEqual([
      'docker', 'exec', 'abc123', 'pg_waldump', '-t', '1', '-s', '0/1A2B3C0', '-e', '0/1A2B4F8', '-p', '/var/lib/postgresql/data/pg_wal',
    ]);
    expect(waldumpCommand(program, ['--version'])).toEqual(['docker', 'exec', 'abc123', 'pg_waldump', '--version']);
  });

  it('runs a pg_waldump found on this machine directly', () => {
    expect(waldumpCommand({ path: '/usr/lib/postgresql/16/bin/pg_waldump' }, ['--version'])).toEqual(['/usr/lib/postgresql/16/bin/pg_waldump', '--version']);
  });
});
