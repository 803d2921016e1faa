"""The messages of streaming replication, as this program sees them through psycopg2.

Once START_REPLICATION has switched the connection to CopyBoth mode, each message travels as the
payload of a CopyData frame; the first byte says which one it is (big-endian integers, LSNs
unsigned 64-bit, times in microseconds since 2000-01-01):

  server → client
    XLogData              'w'  walStart:u64  walEnd:u64  sendTime:i64  data:bytes…
    Primary keepalive     'k'  walEnd:u64    sendTime:i64  replyRequested:u8
  client → server
    Standby status update 'r'  written:u64  flushed:u64  applied:u64  clock:i64  replyRequested:u8

psycopg2 does the bytes. ReplicationCursor.read_message() decodes an XLogData frame into a
ReplicationMessage (data_start, wal_end, send_time, payload); it reads keepalives itself,
remembers their walEnd (ReplicationCursor.wal_end) and answers those that ask; send_feedback()
writes the status update and stamps the clock. What is left to this program is what the
positions mean, so these are its two records of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class XLogData:
    """A piece of decoded output from the slot's plugin, and the WAL position it belongs to."""

    # The position of the WAL this output belongs to (psycopg2's data_start). For the last
    # message of a transaction (test_decoding's COMMIT line) it is the end of the commit record:
    # the position to confirm once the transaction is safely handled.
    wal_start: int
    # Where the server's WAL stood when it sent this.
    wal_end: int
    send_time: datetime
    # The plugin's output as bytes (decode=False): text for test_decoding.
    data: bytes


@dataclass(frozen=True)
class StandbyStatus:
    """What the client tells the server about its progress (psycopg2 adds the clock)."""

    # Received and written somewhere: informational for a logical slot (pg_stat_replication.write_lsn).
    written: int
    # Durably handled: for a logical slot this becomes confirmed_flush_lsn, the restart point.
    flushed: int
    # Shown as pg_stat_replication.replay_lsn.
    applied: int
