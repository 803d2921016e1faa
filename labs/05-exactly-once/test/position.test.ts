import { describe, expect, it } from 'vitest';
import { Lsn, SinkError } from '@cdc-lab/common';
import { decodePosition, describePosition, encodePosition, positionAfterChange, positionAfterCommit } from '../src/position.ts';

describe('the position record', () => {
  const transaction = { xid: 771, commitLsn: Lsn.parse('1/A2B3C8'), endLsn: Lsn.parse('1/A2B3C8') };

  it('names the last change in Kafka, and whether its transaction is whole', () => {
    expect(positionAfterChange(transaction, 41)).toEqual({ commitLsn: transaction.commitLsn, index: 41, complete: false, xid: 771 });
    expect(positionAfterCommit(transaction, 42)).toEqual({ commitLsn: transaction.commitLsn, index: 41, complete: true, xid: 771 });
    expect(positionAfterCommit(transaction, 0).index).toBe(-1);
  });

  it('is written as JSON with the LSN in Postgres\'s text form, and read back the same', () => {
    const text = encodePosition(positionAfterCommit(transaction, 42));
    expect(text).toBe('{"commitLsn":"1/A2B3C8","index":41,"complete":true,"xid":771}');
    const back = decodePosition(text, 'topic');
    expect(back.commitLsn.equals(transaction.commitLsn)).toBe(true);
    expect(describePosition(back)).toBe('1/A2B3C8 #41 (whole transaction, xid 771)');
  });

  it('refuses a value it cannot read, saying where it came from', () => {
    expect(() => decodePosition('{"lsn":"0/1"}', 'cdc.offsets (key s)')).toThrow(SinkError);
    expect(() => decodePosition('not json', 'cdc.offsets (key s)')).toThrow(/cdc\.offsets \(key s\)/);
    expect(() => decodePosition('{"commitLsn":"zz","index":1,"complete":true}', 'x')).toThrow(/not an LSN/);
  });
});
