import { Lsn } from '@cdc-lab/common';

export interface PostgresView {
  /** Where the connection goes, password masked. */
  url: string;
  insertLsn: string;
  /** The insert position as a byte offset (decimal text): the page charts WAL written per second from it. */
  insertBytes: string;
  flushLsn: string;
  /** The line starts at the oldest position anything on it holds, and ends at the insert position. */
  line: { start: string; end: string; bytes: number };
  slots: SlotView[];
}

export type RetainedLevel = 'ok' | 'warning' | 'critical';

export interface SlotView {
  name: string;
  database: string | null;
  plugin: string | null;
  slotType: string;
  active: boolean;
  activePid: number | null;
  walStatus: string | null;
  restartLsn: string | null;
  confirmedFlushLsn: string | null;
  /** WAL this slot keeps: insert position minus restart_lsn, as `pg_wal_lsn_diff` computes it. */
  retainedBytes: number | null;
  retainedLevel: RetainedLevel;
  /** Offsets on the line (bytes from line.start), for the markers. */
  at: { restart: number | null; confirmed: number | null; sent: number | null; write: number | null; flush: number | null };
  /** The walsender of an active slot, from pg_stat_replication. */
  sender: { pid: number; state: string; sentLsn: string | null; writeLsn: string | null; flushLsn: string | null; replayLsn: string | null } | null;
}

/** The runbook's levels (docs/03-logical-streamer.md#watching-the-slot): WARNING over 100 MB, CRITICAL over 1 GB. */
export const WARNING_BYTES = 100 * 1024 * 1024;
export const CRITICAL_BYTES = 1024 * 1024 * 1024;

export function retainedLevel(bytes: number | null): RetainedLevel {
  if (bytes === null) return 'ok';
  if (bytes > CRITICAL_BYTES) return 'critical';
  if (bytes > WARNING_BYTES) return 'warning';
  return 'ok';
}

export interface SlotRow {
  slot_name: string;
  database: string | null;
  plugin: string | null;
  slot_type: string;
  active: boolean;
  active_pid: number | null;
  wal_status: string | null;
  restart_lsn: string | null;
  confirmed_flush_lsn: string | null;
}

export interface SenderRow {
  pid: number;
  state: string;
  sent_lsn: string | null;
  write_lsn: string | null;
  flush_lsn: string | null;
  replay_lsn: string | null;
}

const parseOrNull = (text: string | null): Lsn | null => (text === null ? null : Lsn.parse(text));

/**
 * Lay the slots out on one line of WAL. The line begins at the oldest position anything holds
 * (a restart_lsn, usually) so the retained WAL fills it; an idle stack gets a short line
 * ending at the insert position.
 */
export function walLine(insert: string, flush: string, slots: SlotRow[], senders: SenderRow[], url: string): PostgresView {
  const end = Lsn.parse(insert);
  const positions: Lsn[] = [end];
  for (const slot of slots) {
    for (const lsn of [slot.restart_lsn, slot.confirmed_flush_lsn]) {
      const parsed = parseOrNull(lsn);
      if (parsed) positions.push(parsed);
    }
  }
  const start = positions.reduce((earliest, lsn) => (lsn.isBefore(earliest) ? lsn : earliest));
  const offset = (lsn: Lsn | null): number | null => (lsn === null ? null : Number(lsn.bytesSince(start)));
  const views = slots.map((slot): SlotView => {
    const restart = parseOrNull(slot.restart_lsn);
    const confirmed = parseOrNull(slot.confirmed_flush_lsn);
    const sender = slot.active ? senders.find((row) => row.pid === slot.active_pid) : undefined;
    const retainedBytes = restart === null ? null : Number(end.bytesSince(restart));
    return {
      name: slot.slot_name,
      database: slot.database,
      plugin: slot.plugin,
      slotType: slot.slot_type,
      active: slot.active,
      activePid: slot.active_pid,
      walStatus: slot.wal_status,
      restartLsn: slot.restart_lsn,
      confirmedFlushLsn: slot.confirmed_flush_lsn,
      retainedBytes,
      retainedLevel: retainedLevel(retainedBytes),
      at: {
        restart: offset(restart),
        confirmed: offset(confirmed),
        sent: offset(parseOrNull(sender?.sent_lsn ?? null)),
        write: offset(parseOrNull(sender?.write_lsn ?? null)),
        flush: offset(parseOrNull(sender?.flush_lsn ?? null)),
      },
      sender: sender
        ? { pid: sender.pid, state: sender.state, sentLsn: sender.sent_lsn, writeLsn: sender.write_lsn, flushLsn: sender.flush_lsn, replayLsn: sender.replay_lsn }
        : null,
    };
  });
  return { url, insertLsn: insert, insertBytes: end.value.toString(), flushLsn: flush, line: { start: start.toString(), end: end.toString(), bytes: Number(end.bytesSince(start)) }, slots: views };
}

export interface PartitionOffsets {
  partition: number;
  /** The log start offset (what retention left). */
  low: string;
  /** The high watermark: the end of the log, open transactions included. */
  high: string;
  /** The last stable offset: where read_committed readers stop (the first open transaction's first record). */
  lastStable: string;
}

/** A topic is held back when some partition's last stable offset trails its high watermark: an open transaction. */
export function heldBack(partitions: PartitionOffsets[]): boolean {
  return partitions.some((partition) => BigInt(partition.lastStable) < BigInt(partition.high));
}

/** Lag of a group on a partition: end offset minus committed offset; a group with no commit there lags by the whole log. */
export function lag(high: string, committed: string | null, low: string): number {
  const end = BigInt(high);
  const from = committed === null || BigInt(committed) < 0n ? BigInt(low) : BigInt(committed);
  return Number(end > from ? end - from : 0n);
}

/**
 * Whether a slot, topic or connector is one `--only` asks for. Dashes and underscores count as
 * the same, because one run's names differ only in them: slots allow no dash, topics use dashes.
 */
export function matchesOnly(name: string, only: string | undefined): boolean {
  if (!only) return true;
  return name.replaceAll('-', '_').includes(only.replaceAll('-', '_'));
}
