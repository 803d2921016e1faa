import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSizes, SizeTally } from '../src/sizes/size-tally.ts';
import type { AvroRecord } from '../src/stream/avro-records.ts';

/*
 * The tally counts a record only once Kafka acknowledged it: records are measured as they go
 * into the pipeline, and each acknowledged batch takes the oldest of them, in order.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function stateDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-lab-08-sizes-'));
  dirs.push(dir);
  return dir;
}

const record = (topic: string, keyBytes: number, valueBytes: number | null, jsonBytes: number): AvroRecord => ({
  topic,
  key: Buffer.alloc(keyBytes),
  value: valueBytes === null ? null : Buffer.alloc(valueBytes),
  headers: {},
  origin: { table: 'public.users', key: '{"id":1}' },
  jsonBytes,
});

describe('SizeTally', () => {
  it('counts what Kafka acknowledged, oldest first, and nothing still on its way', () => {
    const dir = stateDir();
    const tally = new SizeTally(dir);
    tally.added([record('a', 6, 40, 120), record('a', 6, null, 10)]);
    tally.added([record('b', 7, 30, 90)]);
    tally.acknowledged(2);
    tally.save();
    expect(readSizes(dir)).toEqual({ a: { records: 2, jsonBytes: 130, avroBytes: 52 } });
    tally.acknowledged(1);
    tally.save();
    expect(readSizes(dir)).toEqual({ a: { records: 2, jsonBytes: 130, avroBytes: 52 }, b: { records: 1, jsonBytes: 90, avroBytes: 37 } });
  });

  it('adds to the numbers a previous run saved', () => {
    const dir = stateDir();
    const first = new SizeTally(dir);
    first.added([record('a', 5, 10, 50)]);
    first.acknowledged(1);
    first.save();
    const second = new SizeTally(dir);
    second.added([record('a', 5, 10, 50)]);
    second.acknowledged(1);
    second.save();
    expect(readSizes(dir)).toEqual({ a: { records: 2, jsonBytes: 100, avroBytes: 30 } });
  });
});
