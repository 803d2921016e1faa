import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../src/options.ts';
import { FULL_SIZES, QUICK_SIZES } from '../src/workloads.ts';

describe('pnpm bench options', () => {
  it('runs everything three times at full size, writing the results page', () => {
    const options = parseBenchOptions([]);
    expect(options.runs).toBe(3);
    expect(options.sizes).toEqual(FULL_SIZES);
    expect(options.sizes.changes).toBe(1_000_000);
    expect(options.write).toBe('docs/benchmarks.md');
    expect(options.contenders).toEqual(['pg_recvlogical', 'lab3', 'lab4', 'lab5', 'debezium', 'debezium-tuned']);
    expect(options.workloads).toEqual(['backlog', 'big-transaction', 'toast', 'steady']);
  });

  it('--quick: small sizes, one run, nothing written', () => {
    const options = parseBenchOptions(['--quick']);
    expect(options.runs).toBe(1);
    expect(options.sizes).toEqual(QUICK_SIZES);
    expect(options.write).toBeUndefined();
  });

  it('keeps the canonical order of named contenders and ignores pnpm\'s --', () => {
    const options = parseBenchOptions(['--', '--contenders', 'lab5,pg_recvlogical', '--changes', '5000', '--runs', '5']);
    expect(options.contenders).toEqual(['pg_recvlogical', 'lab5']);
    expect(options.sizes.changes).toBe(5000);
    expect(options.runs).toBe(5);
  });

  it('names what is wrong', () => {
    expect(() => parseBenchOptions(['--contenders', 'lab4,kafka-streams'])).toThrow(/unknown kafka-streams/);
    expect(() => parseBenchOptions(['--workloads', 'bursty'])).toThrow(/unknown bursty/);
    expect(() => parseBenchOptions(['--runs', '0'])).toThrow(/positive whole number/);
    expect(() => parseBenchOptions(['--fast'])).toThrow(/--fast/);
  });
});
