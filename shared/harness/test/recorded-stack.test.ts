import { describe, expect, it } from 'vitest';
import { StackError } from '@cdc-lab/common';
import { LocalProvider } from '../src/local/provider.ts';
import { recordedStackCannotProvide } from '../src/recorded-stack.ts';

// Labs 1–3 ran locally (embedded Postgres, no Java); Docker was started afterwards; `pnpm lab 4`
// asks for Kafka and finds the recorded local stack.

const postgresOnly = { postgres: { endpoint: { host: '127.0.0.1', port: 5432, user: 'postgres', password: 'x', database: 'cdclab' } } };

describe('LocalProvider.cannotProvide', () => {
  const withoutJava = new LocalProvider(async () => false);

  it('says Java is missing when Kafka must be started', async () => {
    expect(await withoutJava.cannotProvide(['postgres', 'kafka'], postgresOnly)).toBe('Java is needed to run Kafka and was not found');
  });

  it('names every JVM service still to start, dependencies included', async () => {
    expect(await withoutJava.cannotProvide(['connect'], postgresOnly)).toBe('Java is needed to run Kafka and Kafka Connect and was not found');
  });

  it('has nothing to say when only Postgres is asked for, or Java is there', async () => {
    expect(await withoutJava.cannotProvide(['postgres'], {})).toBeUndefined();
    expect(await new LocalProvider(async () => true).cannotProvide(['kafka'], postgresOnly)).toBeUndefined();
  });

  it('does not look for Java when Kafka is already recorded', async () => {
    let asked = false;
    const provider = new LocalProvider(async () => (asked = true));
    expect(await provider.cannotProvide(['kafka'], { ...postgresOnly, kafka: { endpoint: { brokers: '127.0.0.1:1' } } })).toBeUndefined();
    expect(asked).toBe(false);
  });
});

describe('recordedStackCannotProvide', () => {
  const why = 'Java is needed to run Kafka and was not found';

  it('tells the user to end the recorded stack, and that Docker would be used next', () => {
    const error = recordedStackCannotProvide({
      recorded: 'local',
      stateDir: '/repo/.cdc-lab',
      services: ['postgres', 'kafka'],
      why,
      fresh: { provider: 'docker', reason: 'a Docker engine answers at unix:///var/run/docker.sock (the default socket)' },
    });
    expect(error).toBeInstanceOf(StackError);
    expect(error.message).toBe(`the local stack recorded in /repo/.cdc-lab cannot start postgres, kafka: ${why}`);
    expect(error.hint).toBe(
      'run `pnpm stack down` (it stops that stack and removes its data), then run this again: the next stack is chosen afresh, '
        + 'and docker would be used (a Docker engine answers at unix:///var/run/docker.sock (the default socket))',
    );
  });

  it('without an engine, names both ways out: Java, or a Docker engine', () => {
    const error = recordedStackCannotProvide({
      recorded: 'local',
      stateDir: '/repo/.cdc-lab',
      services: ['kafka'],
      why,
      fresh: { provider: 'local', reason: 'no DATABASE_URL and no Docker engine' },
    });
    expect(error.hint).toMatch(/^run `pnpm stack down` .*, then run this again once you have Java \(install a JDK 17 or newer/);
    expect(error.hint).toMatch(/or start a Docker engine first: the next stack is then run in Docker$/);
  });
});

describe('ensureStack with a recorded local stack and no Java', () => {
  it('stops before starting anything, saying to run `pnpm stack down`', async () => {
    const { ensureStack } = await import('../src/stack.ts');
    const { writeState, readState } = await import('../src/state.ts');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-lab-recorded-'));
    const state = { provider: 'local' as const, startedAt: '2026-01-01T00:00:00.000Z', services: postgresOnly };
    writeState(stateDir, state);
    const savedPath = process.env.PATH;
    process.env.PATH = ''; // no java (and no docker) to be found
    try {
      const attempt = ensureStack(['postgres', 'kafka'], { stateDir, env: {} });
      await expect(attempt).rejects.toBeInstanceOf(StackError);
      await expect(attempt).rejects.toMatchObject({
        message: `the local stack recorded in ${stateDir} cannot start postgres, kafka: Java is needed to run Kafka and was not found`,
        hint: expect.stringMatching(/^run `pnpm stack down`/),
      });
      expect(readState(stateDir)).toEqual(state);
    } finally {
      process.env.PATH = savedPath;
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
