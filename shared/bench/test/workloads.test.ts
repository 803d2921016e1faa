import { describe, expect, it } from 'vitest';
import { backlogShape, bigTransactionShape, QUICK_SIZES, steadyShape, toastShape } from '../src/workloads.ts';

describe('workload shapes', () => {
  it('rounds the backlog up to whole rounds of 1,000 + 100 + 1 transactions, plus the sentinel', () => {
    expect(backlogShape({ ...QUICK_SIZES, changes: 1_000_000 })).toEqual({ table: 'bench_items', changes: 1_002_000, transactions: 334 * 1_101 + 1 });
    expect(backlogShape({ ...QUICK_SIZES, changes: 3_000 })).toEqual({ table: 'bench_items', changes: 3_000, transactions: 1_102 });
  });

  it('puts the big transaction in one transaction, the sentinel in another', () => {
    expect(bigTransactionShape({ ...QUICK_SIZES, changes: 500 })).toEqual({ table: 'bench_items', changes: 500, transactions: 2 });
  });

  it('writes TOAST rows ten to a transaction', () => {
    expect(toastShape({ ...QUICK_SIZES, toastRows: 25 })).toEqual({ table: 'bench_docs', changes: 30, transactions: 4 });
  });

  it('sends rate × seconds one-row transactions', () => {
    expect(steadyShape({ ...QUICK_SIZES, steadyRatePerSecond: 200, steadySeconds: 5 })).toEqual({ table: 'bench_items', changes: 1_000, transactions: 1_001 });
  });
});
