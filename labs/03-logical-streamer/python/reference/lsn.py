"""WAL positions (LSNs) as the program keeps them: plain ints, written the way Postgres writes them.

psycopg2 hands LSNs over as ints (ReplicationMessage.data_start, ReplicationCursor.wal_end) and
takes ints in send_feedback(); Postgres shows them as text, two hexadecimal halves of the 64-bit
value: ``16/B374D848``. These two functions convert, and nothing else in the program does.
"""

from __future__ import annotations

import re

_LSN_TEXT = re.compile(r"^([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})$")
_MAX = (1 << 64) - 1


def parse_lsn(text: str) -> int:
    """``'16/B374D848'`` → the 64-bit position."""
    match = _LSN_TEXT.match(text.strip())
    if not match:
        raise ValueError(f"not an LSN: {text!r} (expected the form 16/B374D848)")
    return (int(match.group(1), 16) << 32) | int(match.group(2), 16)


def format_lsn(lsn: int) -> str:
    """The position as Postgres writes it, upper-case hexadecimal halves."""
    if lsn < 0 or lsn > _MAX:
        raise ValueError(f"LSN out of range: {lsn}")
    return f"{lsn >> 32:X}/{lsn & 0xFFFFFFFF:X}"
