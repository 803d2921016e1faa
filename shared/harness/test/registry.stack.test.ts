/**
 * The local schema registry (Apicurio, Confluent-compatible API) on a private stack in a folder
 * of its own: it answers like Confluent's registry where lab 8 relies on it, keeps its schemas
 * in Postgres across a restart, and leaves no process behind.
 *
 * Postgres comes from ensureStack and the registry is started directly through its
 * LocalService, so each step can be checked on its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureStack, stopStack, type HttpEndpoint, type ServiceRecord } from '../src/index.ts';
import { isProcessAlive } from '../src/state.ts';
import { registryService } from '../src/local/registry.ts';

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-lab-registry-stack-'));
fs.chmodSync(stateDir, 0o755);
const env = { ...process.env, CDC_LAB_PROVIDER: 'local', DATABASE_URL: undefined };
const options = { stateDir, env };
const ctx = { stateDir, report: () => {} };

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const userV1 = { type: 'record', name: 'User', fields: [{ name: 'id', type: 'long' }] };
const userV2 = { ...userV1, fields: [...userV1.fields, { name: 'email', type: 'string', default: '' }] };
// Changing a field's type from long to string cannot read old data: incompatible under BACKWARD.
const userBroken = { ...userV1, fields: [{ name: 'id', type: 'string' }] };

let record: ServiceRecord<HttpEndpoint> | undefined;
let url = '';

// The registry's answers differ by route; each test reads the one field it checks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(method: string, route: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: { 'content-type': CONTENT_TYPE, accept: CONTENT_TYPE },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

const register = (subject: string, schema: object) => call('POST', `/subjects/${subject}/versions`, { schema: JSON.stringify(schema) });

beforeAll(async () => {
  const stack = await ensureStack(['postgres'], options);
  expect(stack.provider).toBe('local');
  record = (await registryService.start(ctx, stack.services)) as ServiceRecord<HttpEndpoint>;
  url = record.endpoint.url;
}, 150_000);

afterAll(async () => {
  if (record) await registryService.remove(record).catch(() => {});
  await stopStack(options).catch(() => {});
  fs.rmSync(stateDir, { recursive: true, force: true });
}, 60_000);

describe('the local schema registry', () => {
  let firstId = 0;

  it('serves the Confluent API under /apis/ccompat/v7, without a trailing slash', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/apis\/ccompat\/v7$/);
    expect(record?.endpoint.version).toBe('3.0.9');
  });

  it('registers an Avro schema and serves it back by id', async () => {
    const registered = await register('t-value', userV1);
    expect(registered.status).toBe(200);
    firstId = registered.json.id;
    expect(firstId).toBeGreaterThan(0);
    const byId = await call('GET', `/schemas/ids/${firstId}`);
    expect(byId.status).toBe(200);
    expect(JSON.parse(byId.json.schema)).toEqual(userV1);
  });

  it('defaults to BACKWARD compatibility, like Confluent', async () => {
    const config = await call('GET', '/config');
    expect(config.status).toBe(200);
    expect(config.json.compatibilityLevel).toBe('BACKWARD');
  });

  it('accepts a compatible evolution as a new version', async () => {
    const evolved = await register('t-value', userV2);
    expect(evolved.status).toBe(200);
    expect(evolved.json.id).not.toBe(firstId);
    const versions = await call('GET', '/subjects/t-value/versions');
    expect(versions.json).toEqual([1, 2]);
  });

  it('rejects an incompatible change with 409 (the message differs from Confluent\'s)', async () => {
    const rejected = await register('t-value', userBroken);
    expect(rejected.status).toBe(409);
    expect(rejected.json.error_code).toBe(409);
  });

  it('keeps its schemas across a restart: they live in Postgres', async () => {
    const before = record!.pid!;
    await registryService.stop(record!);
    expect(isProcessAlive(before)).toBe(false);
    expect(await registryService.isRunning(record!)).toBe(false);
    record = (await registryService.restart(record!)) as ServiceRecord<HttpEndpoint>;
    expect(await registryService.isRunning(record)).toBe(true);
    const byId = await call('GET', `/schemas/ids/${firstId}`);
    expect(JSON.parse(byId.json.schema)).toEqual(userV1);
    expect((await call('GET', '/subjects')).json).toEqual(['t-value']);
  }, 150_000);

  it('leaves no process behind when removed', async () => {
    const pid = record!.pid!;
    const dir = (record!.details as { dir: string }).dir;
    await registryService.remove(record!);
    record = undefined;
    expect(isProcessAlive(pid)).toBe(false);
    expect(fs.existsSync(dir)).toBe(false);
  }, 60_000);
});
