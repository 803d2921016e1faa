import { describe, expect, it } from 'vitest';
import { Lsn } from '@cdc-lab/common';
import { CRITICAL_BYTES, formatSlotStatus, retentionLevel, WARNING_BYTES, type SlotStatus } from '../src/status.ts';

const MB = 1024n * 1024n;

function slot(overrides: Partial<SlotStatus> = {}): SlotStatus {
  return {
    name: 'cdc_lab_03',
    plugin: 'test_decoding',
    database: 'cdclab',
    active: false,
    activePid: null,
    confirmedFlushLsn: Lsn.parse('0/16B2000'),
    restartLsn: Lsn.parse('0/16B1970'),
    retainedBytes: 2_000n,
    walStatus: 'reserved',
    safeWalBytes: null,
    invalidationReason: null,
    inactiveSince: null,
    ...overrides,
  };
}

describe('how much retained WAL is too much', () => {
  it('warns over 100 MB and is critical over 1 GB', () => {
    expect(WARNING_BYTES).toBe(104_857_600n);
    expect(CRITICAL_BYTES).toBe(1_073_741_824n);
    expect(retentionLevel(0n)).toBe('OK');
    expect(retentionLevel(100n * MB)).toBe('OK');
    expect(retentionLevel(100n * MB + 1n)).toBe('WARNING');
    expect(retentionLevel(1024n * MB)).toBe('WARNING');
    expect(retentionLevel(1024n * MB + 1n)).toBe('CRITICAL');
  });
});

describe('the status report', () => {
  it('shows activity, both positions and the retained WAL with its level', () => {
    const lines = formatSlotStatus(slot({ active: true, activePid: 4242 }));
    expect(lines).toEqual([
      "Slot 'cdc_lab_03' (test_decoding, database cdclab)",
      '  active:               yes, read by walsender PID 4242',
      '  confirmed flush LSN:  0/16B2000',
      '  restart LSN:          0/16B1970',
      '  WAL retained:         2.0 kB (2000 bytes) — OK',
      '  WAL status:           reserved (within max_wal_size)',
    ]);
  });

  it('explains a warning on an abandoned slot', () => {
    const lines = formatSlotStatus(slot({ retainedBytes: 150n * MB })).join('\n');
    expect(lines).toContain('WAL retained:         150.0 MB (157286400 bytes) — WARNING: over 100 MB');
    expect(lines).toMatch(/Nobody reads this slot/);
  });

  it('says critical over 1 GB', () => {
    expect(formatSlotStatus(slot({ retainedBytes: 2n * 1024n * MB })).join('\n')).toContain('CRITICAL: over 1 GB');
  });

  it('says so when the slot has lost its WAL', () => {
    const lines = formatSlotStatus(slot({ retainedBytes: null, restartLsn: null, walStatus: 'lost' })).join('\n');
    expect(lines).toMatch(/lost the WAL it needs/);
    expect(lines).toMatch(/WAL status: +lost \(removed: nothing can read this slot again/);
  });

  it('says why Postgres 17 and later invalidated a slot, and since when it is idle', () => {
    // Postgres 18 keeps the restart LSN of a slot that timed out idle: it still retains nothing.
    const lines = formatSlotStatus(slot({ retainedBytes: 20_504n, walStatus: 'lost', invalidationReason: 'idle_timeout', inactiveSince: '2026-12-08 00:40:00+00' })).join('\n');
    expect(lines).toContain('WAL retained:         none');
    expect(lines).toContain('active:               no, idle since 2026-12-08 00:40:00+00');
    expect(lines).toContain('invalidated:          idle_timeout (nobody read it for longer than idle_replication_slot_timeout)');
  });

  it('follows a slot falling behind under max_slot_wal_keep_size: extended, then unreserved, with the WAL left before lost', () => {
    const extended = formatSlotStatus(slot({ retainedBytes: 120n * MB, walStatus: 'extended', safeWalBytes: 40n * MB })).join('\n');
    expect(extended).toMatch(/WAL status: +extended \(beyond max_wal_size, kept for this slot\)/);
    expect(extended).toContain('WAL left before lost: 40.0 MB (max_slot_wal_keep_size)');
    const unreserved = formatSlotStatus(slot({ retainedBytes: 170n * MB, walStatus: 'unreserved', safeWalBytes: -8n * MB })).join('\n');
    expect(unreserved).toMatch(/unreserved \(past max_slot_wal_keep_size: the next checkpoint removes it/);
    expect(unreserved).toContain('WAL left before lost: none');
  });
});
