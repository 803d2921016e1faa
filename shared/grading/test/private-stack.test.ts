import { describe, expect, it } from 'vitest';
import { privateStackProvider } from '../src/private-stack.ts';

/** A stage's private stack runs where the run's stack runs, so a Docker-only machine needs no Java. */
describe('privateStackProvider', () => {
  const recorded = (provider: 'local' | 'docker' | 'external') => ({ provider, startedAt: '', services: {} });

  it('follows the provider of the run\'s stack', () => {
    expect(privateStackProvider({}, recorded('docker'))).toBe('docker');
    expect(privateStackProvider({}, recorded('local'))).toBe('local');
  });

  it('takes CDC_LAB_PROVIDER when it names docker or local', () => {
    expect(privateStackProvider({ CDC_LAB_PROVIDER: 'docker' }, recorded('local'))).toBe('docker');
    expect(privateStackProvider({ CDC_LAB_PROVIDER: 'local' }, recorded('docker'))).toBe('local');
  });

  it('runs processes when the run uses external services or no stack is recorded', () => {
    expect(privateStackProvider({ CDC_LAB_PROVIDER: 'external' }, recorded('external'))).toBe('local');
    expect(privateStackProvider({}, undefined)).toBe('local');
  });
});
