"""What a slot costs.

Postgres keeps every WAL segment from the slot's restart LSN on, for as long as the slot exists:
a slot nobody reads holds WAL back until the disk is full. So the number to watch is the distance
from the current WAL position to the restart LSN.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import psycopg
from cdc_lab import ConfigurationError

from lsn import format_lsn, parse_lsn
from settings import StatusCommand
from sql_connection import sql_connection


@dataclass(frozen=True)
class SlotStatus:
    name: str
    plugin: str | None
    database: str | None
    active: bool
    active_pid: int | None
    confirmed_flush_lsn: int | None
    restart_lsn: int | None
    # pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn); None once the slot has lost its WAL.
    retained_bytes: int | None
    # reserved, extended, unreserved or lost (max_slot_wal_keep_size).
    wal_status: str | None
    # How much more WAL may be written before the slot is unreserved; None without max_slot_wal_keep_size.
    safe_wal_bytes: int | None = None
    # Why Postgres invalidated the slot (17+: wal_removed, idle_timeout, …); None while it is valid, and before 17.
    invalidation_reason: str | None = None
    # Since when nobody has read the slot (17+); None while it is read, and before 17.
    inactive_since: str | None = None


RetentionLevel = Literal["OK", "WARNING", "CRITICAL"]

WARNING_BYTES = 100 * 1024 * 1024
CRITICAL_BYTES = 1024 * 1024 * 1024


def retention_level(retained_bytes: int) -> RetentionLevel:
    if retained_bytes > CRITICAL_BYTES:
        return "CRITICAL"
    if retained_bytes > WARNING_BYTES:
        return "WARNING"
    return "OK"


def read_slot_status(connection: psycopg.Connection, slot: str) -> SlotStatus | None:
    row = connection.execute(
        """SELECT slot_name, plugin, database, active, active_pid,
                  confirmed_flush_lsn::text, restart_lsn::text,
                  pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint,
                  wal_status, safe_wal_size,
                  -- Columns of Postgres 17 and later, read through to_jsonb so that 15 and 16 give null.
                  to_jsonb(s) ->> 'invalidation_reason', to_jsonb(s) ->> 'inactive_since'
             FROM pg_replication_slots s WHERE slot_name = %s""",
        (slot,),
    ).fetchone()
    if row is None:
        return None
    name, plugin, database, active, active_pid, confirmed, restart, retained, wal_status, safe_wal, reason, inactive_since = row
    return SlotStatus(
        name=name,
        plugin=plugin,
        database=database,
        active=bool(active),
        active_pid=active_pid,
        confirmed_flush_lsn=parse_lsn(confirmed) if confirmed else None,
        restart_lsn=parse_lsn(restart) if restart else None,
        retained_bytes=retained,
        wal_status=wal_status,
        safe_wal_bytes=safe_wal,
        invalidation_reason=reason,
        inactive_since=inactive_since,
    )


def format_slot_status(status: SlotStatus) -> list[str]:
    def lsn(value: int | None) -> str:
        return format_lsn(value) if value is not None else "-"

    if status.active:
        active = f"yes, read by walsender PID {status.active_pid if status.active_pid is not None else '?'}"
    else:
        active = f"no, idle since {status.inactive_since}" if status.inactive_since else "no"
    lines = [
        f"Slot '{status.name}' ({status.plugin or 'physical'}, database {status.database or '-'})",
        f"  active:               {active}",
        f"  confirmed flush LSN:  {lsn(status.confirmed_flush_lsn)}",
        f"  restart LSN:          {lsn(status.restart_lsn)}",
    ]
    # An invalidated slot keeps nothing for its reader, whatever restart_lsn still says (Postgres
    # 18 keeps it when the slot timed out idle).
    if status.retained_bytes is None or status.wal_status == "lost":
        lines.append(
            f"  WAL retained:         none — CRITICAL: the slot has lost the WAL it needs (wal_status {status.wal_status or '?'}); drop it and start over"
        )
        lines.append(f"  WAL status:           {describe_wal_status(status.wal_status)}")
        if status.invalidation_reason:
            lines.append(f"  invalidated:          {describe_invalidation(status.invalidation_reason)}")
        return lines
    level = retention_level(status.retained_bytes)
    lines.append(f"  WAL retained:         {format_bytes(status.retained_bytes)} ({status.retained_bytes} bytes) — {_describe_level(level)}")
    lines.append(f"  WAL status:           {describe_wal_status(status.wal_status)}")
    if status.safe_wal_bytes is not None:
        left = format_bytes(status.safe_wal_bytes) if status.safe_wal_bytes > 0 else "none"
        lines.append(f"  WAL left before lost: {left} (max_slot_wal_keep_size)")
    if level != "OK" and not status.active:
        lines.append("  Nobody reads this slot, and Postgres keeps every WAL segment since its restart LSN until")
        lines.append("  someone does: start the streamer (pnpm lab 3) or drop the slot (pnpm lab 3 drop).")
    elif level != "OK":
        lines.append("  The reader is connected but behind (or not confirming): WAL piles up until it confirms.")
    return lines


def describe_invalidation(reason: str) -> str:
    """pg_replication_slots.invalidation_reason (Postgres 17+), with the setting behind it."""
    return {
        "wal_removed": "wal_removed (its WAL passed max_slot_wal_keep_size)",
        "idle_timeout": "idle_timeout (nobody read it for longer than idle_replication_slot_timeout)",
        "rows_removed": "rows_removed (on a standby: the primary removed catalog rows it needed)",
        "wal_level_insufficient": "wal_level_insufficient (wal_level went below logical)",
    }.get(reason, reason)


def describe_wal_status(wal_status: str | None) -> str:
    """pg_replication_slots.wal_status, with what it means.

    The states follow each other as a slot falls behind with max_slot_wal_keep_size set: its WAL
    is within max_wal_size (reserved), kept beyond it for the slot (extended), past the cap and
    due for removal at the next checkpoint (unreserved: a reader that catches up now is still in
    time), then removed (lost).
    """
    return {
        "reserved": "reserved (within max_wal_size)",
        "extended": "extended (beyond max_wal_size, kept for this slot)",
        "unreserved": "unreserved (past max_slot_wal_keep_size: the next checkpoint removes it and the slot is lost)",
        "lost": "lost (removed: nothing can read this slot again; drop it, start over and snapshot again)",
    }.get(wal_status or "", wal_status or "-")


def format_bytes(count: int) -> str:
    units = ["B", "kB", "MB", "GB", "TB"]
    size = float(count)
    unit = 0
    while abs(size) >= 1024 and unit < len(units) - 1:
        size /= 1024
        unit += 1
    return f"{count} B" if unit == 0 else f"{size:.1f} {units[unit]}"


def _describe_level(level: RetentionLevel) -> str:
    return {"OK": "OK", "WARNING": "WARNING: over 100 MB", "CRITICAL": "CRITICAL: over 1 GB"}[level]


def show_status(command: StatusCommand) -> None:
    with sql_connection(command.connection_string, command.slot) as connection:
        status = read_slot_status(connection, command.slot)
    if status is None:
        raise missing_slot(command.slot)
    for line in format_slot_status(status):
        print(line, flush=True)


def missing_slot(slot: str) -> ConfigurationError:
    return ConfigurationError(
        f"there is no replication slot '{slot}'",
        "the streamer creates it on its first run (pnpm lab 3); CDC_SLOT chooses another name",
    )
