import { describe, expect, it } from 'vitest';
import { isConnectionError } from '../src/database.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('which failures a poll survives', () => {
  it('retries when the connection is gone', () => {
    expect(isConnectionError(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isConnectionError(withCode('terminating connection due to administrator command', '57P01'))).toBe(true);
    expect(isConnectionError(withCode('connection failure', '08006'))).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('stops on mistakes that retrying cannot fix', () => {
    expect(isConnectionError(withCode('relation "poller.users" does not exist', '42P01'))).toBe(false);
    expect(isConnectionError(withCode('permission denied for table users', '42501'))).toBe(false);
    expect(isConnectionError('a string')).toBe(false);
  });
});
