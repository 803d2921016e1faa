import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@cdc-lab/common';
import { selectProvider } from '../src/select.ts';

const docker = (answers: boolean) => async () => answers;

describe('selectProvider', () => {
  it('uses the external provider when DATABASE_URL is set', async () => {
    const selection = await selectProvider({ env: { DATABASE_URL: 'postgres://x@h/db' }, dockerAnswers: docker(true) });
    expect(selection.provider).toBe('external');
  });

  it('uses Docker when an engine answers and nothing external is configured', async () => {
    expect((await selectProvider({ env: {}, dockerAnswers: docker(true) })).provider).toBe('docker');
  });

  it('falls back to local processes when there is no Docker engine', async () => {
    const selection = await selectProvider({ env: {}, dockerAnswers: docker(false) });
    expect(selection.provider).toBe('local');
    expect(selection.reason).toMatch(/no Docker engine/);
  });

  it('lets CDC_LAB_PROVIDER override everything, and says so', async () => {
    const selection = await selectProvider({
      env: { CDC_LAB_PROVIDER: 'local', DATABASE_URL: 'postgres://x@h/db' },
      dockerAnswers: docker(true),
    });
    expect(selection).toEqual({ provider: 'local', reason: 'CDC_LAB_PROVIDER=local' });
  });

  it('does not ask Docker when the choice is already made', async () => {
    let asked = false;
    await selectProvider({ env: { DATABASE_URL: 'postgres://x@h/db' }, dockerAnswers: async () => (asked = true) });
    expect(asked).toBe(false);
  });

  it('rejects an unknown provider name with the list of valid ones', async () => {
    const attempt = selectProvider({ env: { CDC_LAB_PROVIDER: 'kubernetes' }, dockerAnswers: docker(false) });
    await expect(attempt).rejects.toBeInstanceOf(ConfigurationError);
    await expect(attempt).rejects.toMatchObject({ hint: expect.stringMatching(/external, docker, local/) });
  });
});
