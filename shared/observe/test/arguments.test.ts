import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseObserveArgs } from '../src/main.ts';
import { observedStackEnv } from '../src/stack-env.ts';

describe('pnpm observe arguments', () => {
  it('takes a port, a lab and a topic filter, and refuses anything else', () => {
    expect(parseObserveArgs([])).toEqual({ port: 0 });
    expect(parseObserveArgs(['--', '--port', '8080', '--lab', '5', '--only', 'g123'])).toEqual({ port: 8080, lab: 5, only: 'g123' });
    expect(parseObserveArgs(['--help'])).toBe('help');
    expect(() => parseObserveArgs(['--port', 'eighty'])).toThrow(/--port wants a number/);
    expect(() => parseObserveArgs(['--lab'])).toThrow(/--lab needs a value/);
    expect(() => parseObserveArgs(['--open'])).toThrow(/unknown option --open/);
  });
});

describe('the stack pnpm observe looks at', () => {
  const emptyStateDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'observe-state-'));

  it('is the one the environment names when no stack is recorded', () => {
    expect(observedStackEnv({ DATABASE_URL: 'postgres://u:p@h/db', KAFKA_BROKERS: 'h:9092' }, emptyStateDir())).toEqual({ DATABASE_URL: 'postgres://u:p@h/db', KAFKA_BROKERS: 'h:9092' });
  });

  it('says how to start one when there is none', () => {
    expect(() => observedStackEnv({}, emptyStateDir())).toThrow(/no stack is running/);
  });
});
