import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '@cdc-lab/common';
import { ExternalProvider, OPTIONAL_SERVICE_VARIABLES, isHostAndPort } from '../src/external.ts';
import { stackEnv } from '../src/stack.ts';

// CONNECT_DATABASE_HOST: where the Connect worker reaches Postgres, when not at DATABASE_URL's
// host (inside Docker it is postgres:5432). Lab 9 reads it from the stack's variables.

describe('stackEnv', () => {
  it('exports CONNECT_DATABASE_HOST when the Connect record knows it', () => {
    const env = stackEnv({ connect: { endpoint: { url: 'http://localhost:48083', databaseHost: 'postgres:5432' } } });
    expect(env).toEqual({ CONNECT_URL: 'http://localhost:48083', CONNECT_DATABASE_HOST: 'postgres:5432' });
  });

  it('leaves it out when the worker reaches Postgres at DATABASE_URL (local provider)', () => {
    const env = stackEnv({ connect: { endpoint: { url: 'http://127.0.0.1:48083' } } });
    expect(env).toEqual({ CONNECT_URL: 'http://127.0.0.1:48083' });
    expect('CONNECT_DATABASE_HOST' in env).toBe(false);
  });
});

describe('the external provider and CONNECT_DATABASE_HOST', () => {
  let server: net.Server;
  let connectUrl = '';

  beforeAll(async () => {
    // Something that accepts connections, standing in for a Connect worker.
    server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    connectUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });


  it('reads it as an optional variable of connect', async () => {
    expect(OPTIONAL_SERVICE_VARIABLES.connect).toEqual(['CONNECT_DATABASE_HOST']);
    const provider = new ExternalProvider({ CONNECT_URL: connectUrl, CONNECT_DATABASE_HOST: 'postgres:5432' });
    const services = await provider.start(['connect'], {});
    expect(services.connect?.endpoint).toEqual({ url: connectUrl, databaseHost: 'postgres:5432' });
    expect(stackEnv(services).CONNECT_DATABASE_HOST).toBe('postgres:5432');
  });

  it('does without it', async () => {
    const services = await new ExternalProvider({ CONNECT_URL: connectUrl }).start(['connect'], {});
    expect(services.connect?.endpoint).toEqual({ url: connectUrl });
  });

  it('refuses a value that is not host:port', async () => {
    const provider = new ExternalProvider({ CONNECT_URL: connectUrl, CONNECT_DATABASE_HOST: 'postgres://postgres:5432' });
    await expect(provider.start(['connect'], {})).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('accepts names, addresses and bracketed IPv6 with a port', () => {
    expect(isHostAndPort('postgres:5432')).toBe(true);
    expect(isHostAndPort('10.0.0.5:6543')).toBe(true);
    expect(isHostAndPort('[::1]:5432')).toBe(true);
    expect(isHostAndPort('postgres')).toBe(false);
    expect(isHostAndPort('postgres:0')).toBe(false);
    expect(isHostAndPort('postgres:70000')).toBe(false);
  });
});

describe('CDC_LAB_POSTGRES_CONTAINER', () => {
  const endpoint = { host: 'localhost', port: 45432, user: 'postgres', password: 'p', database: 'cdclab' };
  it('names the container when Docker runs Postgres, and is absent otherwise', () => {
    expect(stackEnv({ postgres: { endpoint, containerId: 'abc123' } }).CDC_LAB_POSTGRES_CONTAINER).toBe('abc123');
    expect(stackEnv({ postgres: { endpoint, pid: 42 } }).CDC_LAB_POSTGRES_CONTAINER).toBeUndefined();
  });
});
