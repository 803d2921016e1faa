import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StackError } from '@cdc-lab/common';
import type { StartedTestContainer } from 'testcontainers';
import { containerFromSpec, isPortTaken, launchOnFreePort, startFailure, type ContainerStarter } from '../src/docker/launch.ts';
import { LogTail, formatLogTail } from '../src/docker/log-tail.ts';
import type { DockerClient } from '../src/docker/runtime.ts';
import { postgresSpec } from '../src/docker/specs.ts';

// No engine here: the starter is a stand-in that behaves as testcontainers does on failure
// (the container printed some lines, then was removed, then the start rejects).

const specForPort = (hostPort: number) => postgresSpec({ stateDir: '/tmp/stack-launch', password: 'secret', hostPort });
/** No container is ever listed, so cleaning up finds nothing to remove. */
const client = { container: { dockerode: { listContainers: async () => [] } } } as unknown as DockerClient;

describe('isPortTaken', () => {
  it.each([
    ['Docker Engine', 'driver failed programming external connectivity on endpoint x: Bind for 0.0.0.0:49153 failed: port is already allocated'],
    ['Linux', 'Error starting userland proxy: listen tcp4 0.0.0.0:49153: bind: address already in use'],
    ['Docker Desktop on Windows, reserved range', '(HTTP code 500) server error - Ports are not available: exposing port TCP 0.0.0.0:50070 -> 0.0.0.0:0: listen tcp 0.0.0.0:50070: bind: An attempt was made to access a socket in a way forbidden by its access permissions.'],
    ['Windows, older wording', 'Error starting userland proxy: listen tcp 0.0.0.0:5433: bind: An attempt was made to access a socket in a way forbidden by its access permissions.'],
    ['Windows, taken', 'listen tcp 0.0.0.0:5432: bind: Only one usage of each socket address (protocol/network address/port) is normally permitted.'],
  ])('recognises %s', (_engine, message) => {
    expect(isPortTaken(new Error(message))).toBe(true);
  });

  it('does not retry failures that have nothing to do with the port', () => {
    expect(isPortTaken(new Error('(HTTP code 404) no such image - pull access denied for postgres'))).toBe(false);
    expect(isPortTaken(new Error('Container failed to be ready: timed out after 60000ms'))).toBe(false);
  });
});

describe('LogTail', () => {
  it('keeps the last lines, joining lines split across chunks', () => {
    const tail = new LogTail(3);
    const stream = new PassThrough();
    tail.follow(stream);
    stream.write('one\ntw');
    stream.write('o\nthree\nfour\nfi');
    expect(tail.lines()).toEqual(['three', 'four', 'fi']);
  });

  it('stops following when told', () => {
    const tail = new LogTail();
    const stream = new PassThrough();
    tail.follow(stream);
    stream.write('before\n');
    tail.stop();
    expect(stream.destroyed).toBe(true);
    expect(tail.lines()).toEqual(['before']);
  });

  it('is what the container is created to report its logs to', () => {
    const tail = new LogTail();
    const container = containerFromSpec(specForPort(45432), tail) as unknown as { logConsumer?: unknown };
    expect(container.logConsumer).toBe(tail.follow);
  });
});

describe('a container that does not start', () => {
  it('puts the lines it printed into the error, since testcontainers removed it', async () => {
    const starter: ContainerStarter = async (_spec, logTail) => {
      const logs = new PassThrough();
      logTail.follow(logs);
      logs.write('initdb: error: could not change permissions of directory "/var/lib/postgresql/data": Operation not permitted\n');
      throw new Error('Container failed to be ready: timed out after 60000ms');
    };
    const attempt = launchOnFreePort(client, specForPort, () => {}, starter);
    await expect(attempt).rejects.toBeInstanceOf(StackError);
    await expect(attempt).rejects.toMatchObject({
      message: 'could not start the postgres container (postgres:16): Container failed to be ready: timed out after 60000ms',
      hint: expect.stringContaining('  | initdb: error: could not change permissions'),
    });
  });

  it('formats the tail with where it comes from, or says none was captured', () => {
    expect(formatLogTail('kafka', ['a', 'b'])).toBe('last 2 line(s) the kafka container printed before it was removed:\n  | a\n  | b');
    expect(formatLogTail('kafka', [])).toBe('no log lines were captured from the kafka container (it may never have run)');
    const error = startFailure(specForPort(45432), new Error('boom'), []);
    expect(error.hint).toMatch(/docker ps -a --filter label=/);
  });

  it('tries another port when Windows refuses the first, reporting it', async () => {
    const lines: string[] = [];
    const started = { getId: () => 'abc' } as unknown as StartedTestContainer;
    let attempts = 0;
    const starter: ContainerStarter = async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('Ports are not available: exposing port TCP 0.0.0.0:50070 -> 0.0.0.0:0');
      return started;
    };
    const { container } = await launchOnFreePort(client, specForPort, (line) => lines.push(line), starter);
    expect(container).toBe(started);
    expect(attempts).toBe(2);
    expect(lines).toEqual([expect.stringMatching(/^port \d+ was taken before Docker could bind it; trying another$/)]);
  });
});
