import { afterEach, describe, expect, it, vi } from 'vitest';
import { Lsn } from '@cdc-lab/common';
import { Acknowledger } from '../src/position/acknowledger.ts';
import { RecordBatch } from '../src/produce/record-batch.ts';

const lsn = (value: number) => Lsn.fromBigInt(BigInt(value));

function batchWith(records: number, commitAt: number | null): RecordBatch {
  const batch = new RecordBatch();
  for (let index = 0; index < records; index += 1) batch.add({ topic: 't', key: null, value: 'v', headers: {} });
  if (commitAt !== null) batch.commit({ xid: commitAt, endLsn: lsn(commitAt) });
  return batch;
}

describe('Acknowledger', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('confirms the last commit of each acknowledged batch, and nothing for a batch without one', () => {
    const confirmed: string[] = [];
    const lines: string[] = [];
    const acknowledger = new Acknowledger({ confirmFlushedLsn: (position) => confirmed.push(position.toString()) }, { delayMs: 0, report: (line) => lines.push(line) });
    acknowledger.kafkaAcknowledged(batchWith(3, null));
    expect(confirmed).toEqual([]);
    acknowledger.kafkaAcknowledged(batchWith(2, 0x200));
    expect(confirmed).toEqual(['0/200']);
    expect(lines).toEqual(['Kafka acknowledged 5 records (1 transaction, last xid 512); confirmed 0/200']);
  });

  it('holds the confirmation back for --confirm-delay, and hands it over at once on the way out', () => {
    vi.useFakeTimers();
    const confirmed: string[] = [];
    const acknowledger = new Acknowledger({ confirmFlushedLsn: (position) => confirmed.push(position.toString()) }, { delayMs: 5_000, report: () => {} });
    acknowledger.kafkaAcknowledged(batchWith(1, 0x100));
    vi.advanceTimersByTime(4_999);
    expect(confirmed).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(confirmed).toEqual(['0/100']);
    acknowledger.kafkaAcknowledged(batchWith(1, 0x300));
    expect(acknowledger.confirmAcknowledgedNow()?.toString()).toBe('0/300');
    expect(confirmed).toEqual(['0/100', '0/300']);
    vi.advanceTimersByTime(5_000);
    expect(confirmed).toEqual(['0/100', '0/300']);
  });
});
