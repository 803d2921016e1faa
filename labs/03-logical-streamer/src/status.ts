import type pg from 'pg';
import { colour, ConfigurationError, formatBytes, Lsn } from '@cdc-lab/common';
import type { Command } from './settings.ts';
import { withConnection } from './sql-connection.ts';

/**
 * What a slot costs. Postgres keeps every WAL segment from the slot's restart LSN on, for as
 * long as the slot exists: a slot nobody reads holds WAL back until the disk is full. So the
 * number to watch is the distance from the current WAL position to the restart LSN.
 */
export interface SlotStatus {
  name: string;
  plugin: string | null;
  database: string | null;
  active: boolean;
  activePid: number | null;
  confirmedFlushLsn: Lsn | null;
  restartLsn: Lsn | null;
  /** pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn); null once the slot has lost its WAL. */
  retainedBytes: bigint | null;
  /** reserved, extended, unreserved or lost (max_slot_wal_keep_size). */
  walStatus: string | null;
  /** How much more WAL may be written before the slot is unreserved; null without max_slot_wal_keep_size. */
  safeWalBytes: bigint | null;
  /** Why Postgres invalidated the slot (17+: wal_removed, idle_timeout, …); null while it is valid, and before 17. */
  invalidationReason: string | null;
  /** Since when nobody has read the slot (17+); null while it is read, and before 17. */
  inactiveSince: string | null;
}

export type RetentionLevel = 'OK' | 'WARNING' | 'CRITICAL';

export const WARNING_BYTES = 100n * 1024n * 1024n;
export const CRITICAL_BYTES = 1024n * 1024n * 1024n;

export function retentionLevel(retainedBytes: bigint): RetentionLevel {
  if (retainedBytes > CRITICAL_BYTES) return 'CRITICAL';
  if (retainedBytes > WARNING_BYTES) return 'WARNING';
  return 'OK';
}

interface SlotStatusRow {
  slot_name: string;
  plugin: string | null;
  database: string | null;
  active: boolean;
  active_pid: number | null;
  confirmed_flush_lsn: string | null;
  restart_lsn: string | null;
  retained_bytes: string | null;
  wal_status: string | null;
  safe_wal_size: string | null;
  invalidation_reason: string | null;
  inactive_since: string | null;
}

export async function readSlotStatus(client: pg.Client, slot: string): Promise<SlotStatus | undefined> {
  const result = await client.query<SlotStatusRow>(
    `SELECT slot_name, plugin, database, active, active_pid,
            confirmed_flush_lsn::text AS confirmed_flush_lsn, restart_lsn::text AS restart_lsn,
            pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint::text AS retained_bytes,
            wal_status, safe_wal_size::text AS safe_wal_size,
            -- Columns of Postgres 17 and later, read through to_jsonb so that 15 and 16 give null.
            to_jsonb(s) ->> 'invalidation_reason' AS invalidation_reason, to_jsonb(s) ->> 'inactive_since' AS inactive_since
       FROM pg_replication_slots s WHERE slot_name = $1`,
    [slot],
  );
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    name: row.slot_name,
    plugin: row.plugin,
    database: row.database,
    active: row.active,
    activePid: row.active_pid,
    confirmedFlushLsn: row.confirmed_flush_lsn ? Lsn.parse(row.confirmed_flush_lsn) : null,
    restartLsn: row.restart_lsn ? Lsn.parse(row.restart_lsn) : null,
    retainedBytes: row.retained_bytes === null ? null : BigInt(row.retained_bytes),
    walStatus: row.wal_status,
    safeWalBytes: row.safe_wal_size === null ? null : BigInt(row.safe_wal_size),
    invalidationReason: row.invalidation_reason,
    inactiveSince: row.inactive_since,
  };
}

export function formatSlotStatus(status: SlotStatus): string[] {
  const lines = [
    `Slot '${status.name}' (${status.plugin ?? 'physical'}, database ${status.database ?? '-'})`,
    `  active:               ${status.active ? `yes, read by walsender PID ${status.activePid ?? '?'}` : `no${status.inactiveSince ? `, idle since ${status.inactiveSince}` : ''}`}`,
    `  confirmed flush LSN:  ${status.confirmedFlushLsn?.toString() ?? '-'}`,
    `  restart LSN:          ${status.restartLsn?.toString() ?? '-'}`,
  ];
  // An invalidated slot keeps nothing for its reader, whatever restart_lsn still says (Postgres
  // 18 keeps it when the slot timed out idle).
  if (status.retainedBytes === null || status.walStatus === 'lost') {
    lines.push(`  WAL retained:         none — ${colour.red('CRITICAL: the slot has lost the WAL it needs')} (wal_status ${status.walStatus ?? '?'}); drop it and start over`);
    lines.push(`  WAL status:           ${describeWalStatus(status.walStatus)}`);
    if (status.invalidationReason) lines.push(`  invalidated:          ${describeInvalidation(status.invalidationReason)}`);
    return lines;
  }
  const level = retentionLevel(status.retainedBytes);
  const size = `${formatBytes(status.retainedBytes)} (${status.retainedBytes} bytes)`;
  lines.push(`  WAL retained:         ${size} — ${describeLevel(level)}`);
  lines.push(`  WAL status:           ${describeWalStatus(status.walStatus)}`);
  if (status.safeWalBytes !== null) {
    lines.push(`  WAL left before lost: ${status.safeWalBytes > 0n ? formatBytes(status.safeWalBytes) : 'none'} (max_slot_wal_keep_size)`);
  }
  if (level !== 'OK' && !status.active) {
    lines.push('  Nobody reads this slot, and Postgres keeps every WAL segment since its restart LSN until');
    lines.push('  someone does: start the streamer (pnpm lab 3) or drop the slot (pnpm lab 3 drop).');
  } else if (level !== 'OK') {
    lines.push('  The reader is connected but behind (or not confirming): WAL piles up until it confirms.');
  }
  return lines;
}

/** pg_replication_slots.invalidation_reason (Postgres 17+), with the setting behind it. */
export function describeInvalidation(reason: string): string {
  switch (reason) {
    case 'wal_removed': return 'wal_removed (its WAL passed max_slot_wal_keep_size)';
    case 'idle_timeout': return 'idle_timeout (nobody read it for longer than idle_replication_slot_timeout)';
    case 'rows_removed': return 'rows_removed (on a standby: the primary removed catalog rows it needed)';
    case 'wal_level_insufficient': return 'wal_level_insufficient (wal_level went below logical)';
    default: return reason;
  }
}

/**
 * pg_replication_slots.wal_status, with what it means. The states follow each other as a slot
 * falls behind with max_slot_wal_keep_size set: its WAL is within max_wal_size (reserved), kept
 * beyond it for the slot (extended), past the cap and due for removal at the next checkpoint
 * (unreserved: a reader that catches up now is still in time), then removed (lost).
 */
export function describeWalStatus(walStatus: string | null): string {
  switch (walStatus) {
    case 'reserved': return 'reserved (within max_wal_size)';
    case 'extended': return `extended (${colour.yellow('beyond max_wal_size, kept for this slot')})`;
    case 'unreserved': return `unreserved (${colour.red('past max_slot_wal_keep_size: the next checkpoint removes it and the slot is lost')})`;
    case 'lost': return `lost (${colour.red('removed: nothing can read this slot again; drop it, start over and snapshot again')})`;
    default: return walStatus ?? '-';
  }
}

function describeLevel(level: RetentionLevel): string {
  switch (level) {
    case 'OK': return colour.green('OK');
    case 'WARNING': return colour.yellow('WARNING: over 100 MB');
    case 'CRITICAL': return colour.red('CRITICAL: over 1 GB');
  }
}

export async function showStatus(command: Extract<Command, { kind: 'status' }>): Promise<void> {
  const status = await withConnection(command.connectionString, command.slot, (client) => readSlotStatus(client, command.slot));
  if (!status) throw missingSlot(command.slot);
  for (const line of formatSlotStatus(status)) console.log(line);
}

export function missingSlot(slot: string): ConfigurationError {
  return new ConfigurationError(`there is no replication slot '${slot}'`, {
    hint: 'the streamer creates it on its first run (pnpm lab 3); CDC_SLOT chooses another name',
  });
}
