import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StackError } from '@cdc-lab/common';
import { DOCKER_VERSION_ARGS, dockerAnswers, runCommand, type CommandRunner } from '../src/docker/engine.ts';
import { DockerProvider } from '../src/docker/provider.ts';
import {
  KAFKA_VERSION,
  KAFKA_CLUSTER_ID,
  KAFKA_IMAGE,
  POSTGRES_IMAGE,
  SERVICE_LABEL,
  STACK_LABEL,
  generatePassword,
  kafkaSpec,
  postgresSpec,
  readinessOf,
  stackId,
  stackNetworkName,
  CONNECT_DATABASE_HOST,
  KAFKA_INTERNAL_BOOTSTRAP,
} from '../src/docker/specs.ts';
import { SERVICE_NAMES, type ProviderContext } from '../src/types.ts';

// None of these tests needs a Docker engine: they check the decisions the provider makes
// (what to run, how to tell an engine answers, what it refuses) on any machine.

const answering = (result: { exitCode: number | null; stdout: string; missing?: boolean }): CommandRunner => async () => result;

describe('dockerAnswers', () => {
  it('is true when the engine reports its version', async () => {
    expect(await dockerAnswers({ run: answering({ exitCode: 0, stdout: '27.3.1\n' }) })).toBe(true);
  });

  it('asks the engine, not just the client', async () => {
    const calls: Array<{ command: string; args: readonly string[]; timeoutMs: number }> = [];
    const run: CommandRunner = async (command, args, timeoutMs) => {
      calls.push({ command, args, timeoutMs });
      return { exitCode: 0, stdout: '27.3.1' };
    };
    await dockerAnswers({ run, timeoutMs: 1234 });
    expect(calls).toEqual([{ command: 'docker', args: DOCKER_VERSION_ARGS, timeoutMs: 1234 }]);
    expect(DOCKER_VERSION_ARGS.join(' ')).toContain('{{.Server.Version}}');
  });

  it('is false when the client is installed but no engine answers', async () => {
    expect(await dockerAnswers({ run: answering({ exitCode: 1, stdout: '' }) })).toBe(false);
  });

  it('is false when the docker command does not exist or was killed', async () => {
    expect(await dockerAnswers({ run: answering({ exitCode: null, stdout: '' }) })).toBe(false);
  });

  it('is false when the command succeeds without naming a server version', async () => {
    expect(await dockerAnswers({ run: answering({ exitCode: 0, stdout: '\n' }) })).toBe(false);
  });

  it('without a docker command, asks the engine on its socket: GET /_ping answers OK', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-'));
    const socket = path.join(dir, 'podman.sock');
    const paths: string[] = [];
    const server = http.createServer((request, response) => {
      paths.push(request.url ?? '');
      response.end(request.url === '/_ping' ? 'OK' : 'no');
    });
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const missing = answering({ exitCode: null, stdout: '', missing: true });
      expect(await dockerAnswers({ run: missing, socket })).toBe(true);
      expect(paths).toEqual(['/_ping']);
      expect(await dockerAnswers({ run: missing, socket: path.join(dir, 'nothing.sock') })).toBe(false);
      // An installed client that finds no engine is believed: no second question.
      expect(await dockerAnswers({ run: answering({ exitCode: 1, stdout: '' }), socket })).toBe(false);
      expect(paths).toEqual(['/_ping']);
    } finally {
      server.close();
    }
  });

  it('is false when the runner itself fails', async () => {
    const run: CommandRunner = async () => {
      throw new Error('spawn failed');
    };
    expect(await dockerAnswers({ run })).toBe(false);
  });

  it('gives up quickly on an engine that never answers', async () => {
    const run: CommandRunner = () => new Promise(() => {});
    const started = Date.now();
    expect(await dockerAnswers({ run, timeoutMs: 50 })).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('answers on this machine within a few seconds, whatever the answer', async () => {
    const started = Date.now();
    expect(typeof (await dockerAnswers())).toBe('boolean');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('runCommand', () => {
  it('reports the exit code of a command that fails', async () => {
    expect(await runCommand(process.execPath, ['-e', 'process.exit(3)'], 5_000)).toMatchObject({ exitCode: 3 });
  });

  it('returns what the command printed when it succeeds', async () => {
    expect(await runCommand(process.execPath, ['-e', 'console.log("27.3.1")'], 5_000)).toEqual({ exitCode: 0, stdout: '27.3.1\n' });
  });

  it('resolves (never rejects) when the command does not exist', async () => {
    expect(await runCommand('cdc-lab-no-such-command', [], 5_000)).toMatchObject({ exitCode: null });
  });

  it('kills a command that outlives its timeout', async () => {
    const started = Date.now();
    const result = await runCommand(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], 200);
    expect(result.exitCode).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('postgresSpec', () => {
  const spec = postgresSpec({ stateDir: '/tmp/stack-a', password: 'secret', hostPort: 45432 });

  it('runs Postgres 16 with logical decoding and room for many slots', () => {
    expect(spec.image).toBe('postgres:16');
    expect(POSTGRES_IMAGE).toBe(spec.image);
    expect(spec.command).toEqual([
      'postgres',
      '-c', 'wal_level=logical',
      '-c', 'max_replication_slots=64',
      '-c', 'max_wal_senders=64',
      '-c', 'max_connections=300',
    ]);
  });

  it('creates the cdclab database for the postgres user with the stack password', () => {
    expect(spec.environment).toEqual({ POSTGRES_USER: 'postgres', POSTGRES_PASSWORD: 'secret', POSTGRES_DB: 'cdclab' });
  });

  it('binds 5432 to the chosen host port, so a restart keeps the address', () => {
    expect(spec.ports).toEqual([{ container: 5432, host: 45432 }]);
  });

  it('is labelled with its stack and service', () => {
    expect(spec.labels).toEqual({ [STACK_LABEL]: stackId('/tmp/stack-a'), [SERVICE_LABEL]: 'postgres' });
  });

  it('joins the stack network as postgres, where Connect reaches it as CONNECT_DATABASE_HOST', () => {
    expect(spec.network).toEqual({ name: stackNetworkName('/tmp/stack-a'), aliases: ['postgres'] });
    expect(CONNECT_DATABASE_HOST).toBe('postgres:5432');
  });

  it('is ready only when the server accepts TCP connections', () => {
    expect(spec.readiness).toEqual({ kind: 'command', command: expect.stringMatching(/^pg_isready -h 127\.0\.0\.1 /) });
    expect(readinessOf('postgres').readiness).toEqual(spec.readiness);
  });
});

describe('kafkaSpec', () => {
  const spec = kafkaSpec({ stateDir: '/tmp/stack-a', hostPort: 49092 });

  it('runs the same Apache Kafka release as the local provider, as a single KRaft node', () => {
    expect(spec.image).toBe(`apache/kafka:${KAFKA_VERSION}`);
    expect(KAFKA_IMAGE).toBe(spec.image);
    expect(spec.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller', KAFKA_NODE_ID: '1' });
  });

  it('publishes the broker on the same port inside and out, and advertises it', () => {
    expect(spec.ports).toEqual([{ container: 49092, host: 49092 }]);
    expect(spec.environment.KAFKA_ADVERTISED_LISTENERS).toBe('PLAINTEXT://localhost:49092,INTERNAL://kafka:19092');
    expect(spec.environment.KAFKA_LISTENERS).toContain('PLAINTEXT://0.0.0.0:49092');
  });

  it('advertises the engine host when it is not localhost', () => {
    const remote = kafkaSpec({ stateDir: '/tmp/stack-a', hostPort: 49092, advertisedHost: '10.0.0.5' });
    expect(remote.environment.KAFKA_ADVERTISED_LISTENERS).toBe('PLAINTEXT://10.0.0.5:49092,INTERNAL://kafka:19092');
  });

  it('has a second listener for containers on the stack network, publishing only the host one', () => {
    expect(spec.environment.KAFKA_LISTENERS).toBe('PLAINTEXT://0.0.0.0:49092,INTERNAL://0.0.0.0:19092,CONTROLLER://0.0.0.0:9093');
    expect(KAFKA_INTERNAL_BOOTSTRAP).toBe('kafka:19092');
    // The broker talks to itself on the stack network's listener, which works whatever host
    // the engine runs on (a remote DOCKER_HOST, a devcontainer).
    expect(spec.environment.KAFKA_INTER_BROKER_LISTENER_NAME).toBe('INTERNAL');
  });

  it('joins the stack network as kafka', () => {
    expect(spec.network).toEqual({ name: stackNetworkName('/tmp/stack-a'), aliases: ['kafka'] });
  });

  it('sizes internal topics for one broker, so transactions and groups work', () => {
    expect(spec.environment).toMatchObject({
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    });
  });

  it('uses a cluster id Kafka accepts (a base64url UUID)', () => {
    expect(spec.environment.CLUSTER_ID).toBe(KAFKA_CLUSTER_ID);
    expect(KAFKA_CLUSTER_ID).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(KAFKA_CLUSTER_ID, 'base64url')).toHaveLength(16);
  });

  it('declares every listener it names in the security protocol map', () => {
    const mapped = spec.environment.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP?.split(',').map((pair) => pair.split(':')[0]);
    const named = spec.environment.KAFKA_LISTENERS?.split(',').map((listener) => listener.split('://')[0]);
    expect(mapped?.sort()).toEqual(named?.sort());
  });
});

describe('stack identity', () => {
  it('labels containers per state folder', () => {
    expect(stackId('/tmp/stack-a')).toBe(stackId('/tmp/stack-a/'));
    expect(stackId('/tmp/stack-a')).not.toBe(stackId('/tmp/stack-b'));
  });

  it('generates a fresh URL-safe password per stack', () => {
    const first = generatePassword();
    expect(first).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(generatePassword()).not.toBe(first);
  });
});

describe('DockerProvider', () => {
  const provider = new DockerProvider();
  const ctx: ProviderContext = { stateDir: '/tmp/cdc-lab-docker-test', report: () => {} };

  it('is the docker provider', () => {
    expect(provider.name).toBe('docker');
  });

  it('supplies every service', () => {
    for (const service of SERVICE_NAMES) expect(provider.supports(service)).toBe(true);
  });

  it('does not consider a record without a container as running', async () => {
    expect(await provider.isRunning('postgres', { endpoint: {} }, ctx)).toBe(false);
  });

  it('cannot stop a service it has no container for', async () => {
    await expect(provider.stopService('postgres', { endpoint: {} }, ctx)).rejects.toBeInstanceOf(StackError);
    await expect(provider.stopService('connect', { endpoint: { url: 'http://localhost:1' } }, ctx)).rejects.toBeInstanceOf(StackError);
  });

  it('does not consider a registry or Connect record without a container as running', async () => {
    expect(await provider.isRunning('registry', { endpoint: { url: 'http://localhost:1' } }, ctx)).toBe(false);
    expect(await provider.isRunning('connect', { endpoint: { url: 'http://localhost:1' } }, ctx)).toBe(false);
  });
});

describe('dockerAnswers, asked about a given engine', () => {
  it('runs the client with the DOCKER_HOST testcontainers will be given', async () => {
    const seen: Array<Record<string, string> | undefined> = [];
    const run: CommandRunner = async (_command, _args, _timeoutMs, env) => {
      seen.push(env);
      return { exitCode: 0, stdout: '27.3.1' };
    };
    expect(await dockerAnswers({ run, env: { DOCKER_HOST: 'unix:///home/ada/.colima/default/docker.sock' } })).toBe(true);
    expect(seen).toEqual([{ DOCKER_HOST: 'unix:///home/ada/.colima/default/docker.sock' }]);
  });

  it('passes that environment on to the command', async () => {
    const result = await runCommand(process.execPath, ['-e', 'console.log(process.env.DOCKER_HOST)'], 5_000, { DOCKER_HOST: 'tcp://127.0.0.1:2375' });
    expect(result).toEqual({ exitCode: 0, stdout: 'tcp://127.0.0.1:2375\n' });
  });
});
