"""The runbook for a slot Postgres has invalidated.

The slot still shows in pg_replication_slots, with its confirmed position, but the WAL after
that position is gone: every change committed since is lost to this slot, and no setting brings
it back. What is left is to start over knowingly: drop the slot, let a new one start at the
current WAL position, and copy the tables again (a snapshot, lab 6) to recover what the gap
swallowed.
"""

from __future__ import annotations

from cdc_lab import CdcLabError

from errors import ReplicationError, SlotInvalidatedError
from sql_connection import sql_connection


def explain_lost_slot(error: SlotInvalidatedError, connection_string: str) -> ReplicationError:
    confirmed: str | None = None
    wal_status: str | None = None
    reason: str | None = None
    try:
        with sql_connection(connection_string, error.slot) as connection:
            # invalidation_reason exists from Postgres 17 on: read through to_jsonb so that 15 and 16 give null.
            row = connection.execute(
                "SELECT confirmed_flush_lsn::text, wal_status, to_jsonb(s) ->> 'invalidation_reason'"
                " FROM pg_replication_slots s WHERE slot_name = %s",
                (error.slot,),
            ).fetchone()
        if row is not None:
            confirmed, wal_status, reason = row
    except CdcLabError:
        pass  # the runbook stands without the details
    lost = (
        f"everything committed after {confirmed}, its confirmed flush LSN, is lost to it"
        if confirmed
        else "everything committed after its confirmed position is lost to it"
    )
    return ReplicationError(
        f"slot '{error.slot}' was invalidated ({error.reason.rstrip('.')}; wal_status {wal_status or 'lost'}): {lost}",
        "\n".join(
            [
                "the runbook:",
                f"  1. drop the slot: pnpm lab 3 drop (or SELECT pg_drop_replication_slot('{error.slot}'))",
                "  2. run the streamer again: it creates a new slot, which starts at the current WAL position",
                "  3. take a new snapshot of the tables (lab 6) to recover what changed in the gap, then let the stream go on from there",
                "  4. find out why nobody read the slot for so long; idle_replication_slot_timeout is what invalidated it (pnpm lab 3 status shows how long a slot has been idle)"
                if reason == "idle_timeout"
                else "  4. find out why the reader fell so far behind; max_slot_wal_keep_size is what invalidated it (pnpm lab 3 status shows wal_status and how much WAL is left before lost)",
            ]
        ),
    )
