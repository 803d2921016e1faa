import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withDependencies } from '../src/local/provider.ts';
import { stopCluster } from '../src/local/postgres.ts';
import type { PostgresEndpoint, ServiceRecord } from '../src/types.ts';

describe("the local provider's start order", () => {
  it('starts what a service depends on first, once', () => {
    expect(withDependencies(['connect'])).toEqual(['kafka', 'connect']);
    expect(withDependencies(['registry', 'kafka'])).toEqual(['postgres', 'registry', 'kafka']);
    expect(withDependencies(['postgres', 'kafka', 'registry', 'connect'])).toEqual(['postgres', 'kafka', 'registry', 'connect']);
  });
});

describe('the local provider, when a dependency had to start afresh', () => {
  it('starts again what depends on it, since the dependency has a new address', async () => {
    const { LOCAL_SERVICES, LocalProvider } = await import('../src/local/provider.ts');
    const saved = { kafka: LOCAL_SERVICES.kafka, connect: LOCAL_SERVICES.connect };
    const events: string[] = [];
    const fake = (name: string, running: boolean) => ({
      start: async () => {
        events.push(`start ${name}`);
        return { endpoint: { url: `${name}-new` } };
      },
      isRunning: async () => running,
      stop: async () => {},
      restart: async () => ({ endpoint: {} }),
      remove: async () => {
        events.push(`remove ${name}`);
      },
    });
    // Kafka's process is gone (its next start gets a new port); the Connect worker still runs.
    LOCAL_SERVICES.kafka = fake('kafka', false);
    LOCAL_SERVICES.connect = fake('connect', true);
    try {
      const current = { kafka: { endpoint: { brokers: 'old' } }, connect: { endpoint: { url: 'old' } } };
      await new LocalProvider().start(['connect'], current, { stateDir: '/nowhere', report: () => {} });
      expect(events).toEqual(['remove kafka', 'start kafka', 'remove connect', 'start connect']);

      events.length = 0;
      LOCAL_SERVICES.kafka = fake('kafka', true);
      await new LocalProvider().start(['connect'], current, { stateDir: '/nowhere', report: () => {} });
      expect(events).toEqual([]);
    } finally {
      Object.assign(LOCAL_SERVICES, saved);
    }
  });
});

describe('KRaft cluster ids', () => {
  it('never start with a dash, which the storage tool would take for an option', async () => {
    const { newClusterId } = await import('../src/local/kafka.ts');
    // 0xf8 0x… encodes to "-…" in base64url; the next draw does not.
    const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0x01)];
    const id = newClusterId(() => draws.shift()!);
    expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    expect(draws).toHaveLength(0);
    for (let i = 0; i < 200; i += 1) expect(newClusterId().startsWith('-')).toBe(false);
  });
});

describe('a PostgreSQL cluster whose server is gone (the machine rebooted)', () => {
  it('counts as stopped, and its stale pid file is removed so the cluster can start again', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-lab-stale-'));
    // A pid that cannot be running: above the kernel's pid_max.
    fs.writeFileSync(path.join(dataDir, 'postmaster.pid'), '4194305\n/data\n');
    const record: ServiceRecord<PostgresEndpoint> = {
      endpoint: { host: '127.0.0.1', port: 1, user: 'postgres', password: 'x', database: 'cdclab', majorVersion: 15, dataDir, binDir: '/nonexistent' },
      details: { dataDir, binDir: '/nonexistent' },
    };
    await stopCluster(record);
    expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
