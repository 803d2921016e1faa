"""Log sequence numbers: a 64-bit WAL position, written by Postgres as two hex halves (0/16B3748)."""

from __future__ import annotations


def format_lsn(lsn: int) -> str:
    """The text form Postgres prints and accepts: high 32 bits, a slash, low 32 bits, in hex."""
    return f"{lsn >> 32:X}/{lsn & 0xFFFFFFFF:X}"


def parse_lsn(text: str) -> int:
    high, low = text.split("/")
    return (int(high, 16) << 32) | int(low, 16)
