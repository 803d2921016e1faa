import { describe, expect, it } from 'vitest';
import { StackError } from '@cdc-lab/common';
import { inspectUntilPortsPublished, pauseContainer, portsPublished, unpauseContainer, type DockerClient } from '../src/docker/runtime.ts';

// `docker inspect` of a registry container just after `docker start`, before and after the
// engine lists its published port.
const requested = { HostConfig: { PortBindings: { '8081/tcp': [{ HostIp: '', HostPort: '48081' }] } } };
const notYet = { ...requested, NetworkSettings: { Ports: {} } };
const published = { ...requested, NetworkSettings: { Ports: { '8081/tcp': [{ HostIp: '0.0.0.0', HostPort: '48081' }] } } };

type Details = Parameters<typeof portsPublished>[0];
const as = (details: unknown) => details as Details;

describe('portsPublished', () => {
  it('waits for every port the container was created to publish', () => {
    expect(portsPublished(as(notYet))).toBe(false);
    expect(portsPublished(as({ ...requested, NetworkSettings: { Ports: { '8081/tcp': [{ HostIp: '', HostPort: '' }] } } }))).toBe(false);
    expect(portsPublished(as(published))).toBe(true);
  });

  it('has nothing to wait for when nothing is published', () => {
    expect(portsPublished(as({ HostConfig: {}, NetworkSettings: { Ports: {} } }))).toBe(true);
  });
});

describe('inspectUntilPortsPublished', () => {
  it('inspects again until the ports appear', async () => {
    const answers = [notYet, notYet, published];
    let calls = 0;
    const details = await inspectUntilPortsPublished(async () => as(answers[calls++]), 'abcdef1234567890', { intervalMs: 1 });
    expect(details).toBe(published);
    expect(calls).toBe(3);
  });

  it('gives up at its deadline with an error that says what to look at', async () => {
    const attempt = inspectUntilPortsPublished(async () => as(notYet), 'abcdef1234567890', { timeoutMs: 30, intervalMs: 5 });
    await expect(attempt).rejects.toBeInstanceOf(StackError);
    await expect(attempt).rejects.toMatchObject({
      message: 'the container abcdef123456 was started, but its ports were not published within 30 ms',
      hint: expect.stringMatching(/NetworkSettings\.Ports/),
    });
  });
});

describe('pausing a container', () => {
  const client = (calls: string[], fail?: { status: number; message: string }) => ({
    container: {
      getById: (id: string) => ({
        pause: async () => {
          calls.push(`pause ${id}`);
          if (fail) throw Object.assign(new Error(fail.message), { statusCode: fail.status });
        },
        unpause: async () => {
          calls.push(`unpause ${id}`);
          if (fail) throw Object.assign(new Error(fail.message), { statusCode: fail.status });
        },
      }),
    },
  }) as unknown as DockerClient;

  it('asks the engine to pause and unpause the recorded container', async () => {
    const calls: string[] = [];
    await pauseContainer(client(calls), 'abc123');
    await unpauseContainer(client(calls), 'abc123');
    expect(calls).toEqual(['pause abc123', 'unpause abc123']);
  });

  it('leaves a container already in that state as it is, and reports anything else', async () => {
    await expect(unpauseContainer(client([], { status: 409, message: '(HTTP code 409) unexpected - Container abc123 is not paused' }), 'abc123')).resolves.toBeUndefined();
    await expect(pauseContainer(client([], { status: 409, message: 'Container abc123 is already paused' }), 'abc123')).resolves.toBeUndefined();
    await expect(pauseContainer(client([], { status: 409, message: 'Container abc123 is not running' }), 'abc123')).rejects.toThrow(/not running/);
  });
});
