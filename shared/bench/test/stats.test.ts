import { describe, expect, it } from 'vitest';
import { latencySummary, percentile, spreadOf } from '../src/stats.ts';

describe('percentile', () => {
  it('interpolates between the closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 95)).toBeCloseTo(48);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 100], 0)).toBe(1);
    expect(percentile([1, 100], 100)).toBe(100);
  });

  it('refuses no values and percentiles outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow(/no values/);
    expect(() => percentile([1], 101)).toThrow(/outside/);
  });
});

describe('spreadOf', () => {
  it('gives the median of unsorted runs with the lowest and highest', () => {
    expect(spreadOf([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30, runs: 3 });
    expect(spreadOf([])).toBeUndefined();
  });
});

describe('latencySummary', () => {
  it('summarizes 1..100 ms', () => {
    const summary = latencySummary(Array.from({ length: 100 }, (_, i) => 100 - i))!;
    expect(summary.p50).toBeCloseTo(50.5);
    expect(summary.p99).toBeCloseTo(99.01);
    expect(summary.max).toBe(100);
    expect(summary.count).toBe(100);
  });
});
