import { describe, expect, it } from 'vitest';
import { CRITICAL_BYTES, heldBack, lag, matchesOnly, retainedLevel, walLine, WARNING_BYTES, type SlotRow } from '../src/model.ts';

const slot = (overrides: Partial<SlotRow>): SlotRow => ({
  slot_name: 's', database: 'cdclab', plugin: 'test_decoding', slot_type: 'logical', active: false, active_pid: null,
  wal_status: 'reserved', restart_lsn: '0/1000', confirmed_flush_lsn: '0/1800', ...overrides,
});

describe('the WAL line', () => {
  it('starts at the oldest position a slot holds and ends at the insert position, LSNs compared as numbers', () => {
    // As text "0/A0" sorts after "0/1000": the line must not.
    const view = walLine('1/0', '1/0', [slot({ slot_name: 'a', restart_lsn: '0/A0', confirmed_flush_lsn: '0/1000' }), slot({ slot_name: 'b', restart_lsn: '0/FFFFFF00', confirmed_flush_lsn: '1/0' })], [], 'postgres://u:***@h/db');
    expect(view.line).toEqual({ start: '0/A0', end: '1/0', bytes: 0x1_0000_0000 - 0xa0 });
    expect(view.insertBytes).toBe('4294967296');
    expect(view.slots[0]!.at).toMatchObject({ restart: 0, confirmed: 0x1000 - 0xa0 });
    expect(view.slots[1]!.at.confirmed).toBe(view.line.bytes);
    expect(view.slots[0]!.retainedBytes).toBe(0x1_0000_0000 - 0xa0);
    expect(view.slots[1]!.retainedBytes).toBe(0x100);
  });

  it('is empty, ending at the insert position, when no slot holds anything', () => {
    expect(walLine('0/16B3748', '0/16B3748', [], [], '').line).toEqual({ start: '0/16B3748', end: '0/16B3748', bytes: 0 });
  });

  it('puts an active slot\'s walsender positions on it, found by the slot\'s active_pid', () => {
    const view = walLine('0/3000', '0/3000', [slot({ active: true, active_pid: 42 })], [
      { pid: 7, state: 'streaming', sent_lsn: '0/2000', write_lsn: null, flush_lsn: null, replay_lsn: null },
      { pid: 42, state: 'streaming', sent_lsn: '0/3000', write_lsn: '0/2800', flush_lsn: '0/1800', replay_lsn: '0/1800' },
    ], '');
    expect(view.slots[0]!.sender).toMatchObject({ pid: 42, sentLsn: '0/3000', flushLsn: '0/1800' });
    expect(view.slots[0]!.at).toMatchObject({ sent: 0x2000, write: 0x1800, flush: 0x800 });
  });

  it('draws a slot without positions (a physical slot never used) without markers', () => {
    const view = walLine('0/3000', '0/3000', [slot({ slot_type: 'physical', restart_lsn: null, confirmed_flush_lsn: null })], [], '');
    expect(view.slots[0]!.at).toEqual({ restart: null, confirmed: null, sent: null, write: null, flush: null });
    expect(view.slots[0]!.retainedLevel).toBe('ok');
  });
});

describe('--only', () => {
  it('matches slots and topics of one run, whose names differ in dashes and underscores', () => {
    expect(matchesOnly('g12_l0_page_ab_slot', 'g12_l0_page_ab')).toBe(true);
    expect(matchesOnly('g12-l0-page-ab.items', 'g12_l0_page_ab')).toBe(true);
    expect(matchesOnly('cdc.public.users', 'g12_l0')).toBe(false);
    expect(matchesOnly('anything', undefined)).toBe(true);
  });
});

describe('retained WAL levels', () => {
  it('follows the runbook: WARNING over 100 MB, CRITICAL over 1 GB', () => {
    expect(retainedLevel(WARNING_BYTES)).toBe('ok');
    expect(retainedLevel(WARNING_BYTES + 1)).toBe('warning');
    expect(retainedLevel(440 * 1024 * 1024)).toBe('warning');
    expect(retainedLevel(CRITICAL_BYTES + 1)).toBe('critical');
  });
});

describe('topic offsets', () => {
  it('calls a topic held back when a partition\'s last stable offset trails its high watermark', () => {
    expect(heldBack([{ partition: 0, low: '0', high: '4', lastStable: '2' }])).toBe(true);
    expect(heldBack([{ partition: 0, low: '0', high: '4', lastStable: '4' }])).toBe(false);
  });

  it('measures a group\'s lag from its committed offset, or from the log start when it has none', () => {
    expect(lag('10', '7', '0')).toBe(3);
    expect(lag('10', null, '4')).toBe(6);
    expect(lag('10', '12', '0')).toBe(0);
  });
});
