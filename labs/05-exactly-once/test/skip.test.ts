import { describe, expect, it } from 'vitest';
import { Lsn } from '@cdc-lab/common';
import type { Position } from '../src/position.ts';
import { alreadyInKafka } from '../src/skip.ts';
import { changeItem, commitItem } from './support/items.ts';

const whole: Position = { commitLsn: Lsn.parse('0/2000'), index: 9, complete: true, xid: 7 };
const piece: Position = { ...whole, index: 4, complete: false };

describe('what Kafka already has', () => {
  it('is nothing without a position', () => {
    expect(alreadyInKafka(null, changeItem('0/1000', 0))).toBe(false);
    expect(alreadyInKafka(null, commitItem('0/1000', 1))).toBe(false);
  });

  it('is every change and commit of an earlier transaction, none of a later one', () => {
    expect(alreadyInKafka(whole, changeItem('0/1FFF', 500))).toBe(true);
    expect(alreadyInKafka(whole, commitItem('0/1FFF', 501))).toBe(true);
    expect(alreadyInKafka(whole, changeItem('0/2001', 0))).toBe(false);
    expect(alreadyInKafka(whole, commitItem('0/2001', 1))).toBe(false);
  });

  it('compares LSNs as positions, not as text', () => {
    // As text "0/A000" > "0/10000"; as positions it comes first.
    expect(alreadyInKafka({ ...whole, commitLsn: Lsn.parse('0/10000') }, changeItem('0/A000', 3))).toBe(true);
  });

  it('is, in the position\'s own transaction, the changes up to its index, and the commit only when complete', () => {
    expect(alreadyInKafka(piece, changeItem('0/2000', 4))).toBe(true);
    expect(alreadyInKafka(piece, changeItem('0/2000', 5))).toBe(false);
    expect(alreadyInKafka(piece, commitItem('0/2000', 10))).toBe(false);
    expect(alreadyInKafka(whole, changeItem('0/2000', 9))).toBe(true);
    expect(alreadyInKafka(whole, commitItem('0/2000', 10))).toBe(true);
  });
});
