"""Reads one pgoutput message front to back.

Every read is named after what the protocol documentation calls the field (Int8, Int16, Int32,
Int64, String, Byte(n)), integers are big-endian, and running past the end is a typed error
rather than garbage: a truncated message means the stream is not what we think it is.
"""

from __future__ import annotations

import struct

from errors import ReplicationError

_INT16 = struct.Struct(">h")
_INT32 = struct.Struct(">i")
_UINT32 = struct.Struct(">I")
_INT64 = struct.Struct(">q")
_UINT64 = struct.Struct(">Q")


class BufferReader:
    """A cursor over the bytes of one message; ``what`` names the message in errors."""

    __slots__ = ("_data", "_position", "_what")

    def __init__(self, data: bytes, what: str) -> None:
        self._data = data
        self._position = 0
        self._what = what

    @property
    def remaining(self) -> int:
        return len(self._data) - self._position

    def int8(self) -> int:
        self._need(1)
        value = self._data[self._position]
        self._position += 1
        return value - 256 if value > 127 else value

    def char(self) -> str:
        """A Byte1 that carries an ASCII letter: message tags, tuple kinds, replica identity."""
        self._need(1)
        value = chr(self._data[self._position])
        self._position += 1
        return value

    def int16(self) -> int:
        self._need(2)
        (value,) = _INT16.unpack_from(self._data, self._position)
        self._position += 2
        return int(value)

    def int32(self) -> int:
        self._need(4)
        (value,) = _INT32.unpack_from(self._data, self._position)
        self._position += 4
        return int(value)

    def uint32(self) -> int:
        """Object ids and transaction ids are unsigned 32-bit."""
        self._need(4)
        (value,) = _UINT32.unpack_from(self._data, self._position)
        self._position += 4
        return int(value)

    def int64(self) -> int:
        """Timestamps: signed microseconds."""
        self._need(8)
        (value,) = _INT64.unpack_from(self._data, self._position)
        self._position += 8
        return int(value)

    def uint64(self) -> int:
        """LSNs: unsigned 64-bit positions."""
        self._need(8)
        (value,) = _UINT64.unpack_from(self._data, self._position)
        self._position += 8
        return int(value)

    def cstring(self) -> str:
        """A NUL-terminated UTF-8 string (names of schemas, tables, columns, types, origins)."""
        end = self._data.find(b"\x00", self._position)
        if end < 0:
            raise self.malformed(f"a string that is not NUL-terminated at byte {self._position}")
        value = self._data[self._position:end].decode("utf-8")
        self._position = end + 1
        return value

    def text(self, length: int) -> str:
        """``length`` bytes as UTF-8 text: column values in text format."""
        self._need(length)
        value = self._data[self._position:self._position + length].decode("utf-8")
        self._position += length
        return value

    def bytes(self, length: int) -> bytes:
        """``length`` raw bytes (a copy: the caller may keep them)."""
        self._need(length)
        value = bytes(self._data[self._position:self._position + length])
        self._position += length
        return value

    def expect_end(self) -> None:
        """Bytes left over mean we mis-read a field: say so instead of silently ignoring them."""
        if self.remaining != 0:
            raise self.malformed(f"{self.remaining} unexpected byte(s) after the last field")

    def malformed(self, problem: str) -> ReplicationError:
        return ReplicationError(
            f"malformed pgoutput {self._what}: {problem}",
            hint="the decoder reads pgoutput protocol version 1 in text format; check that the slot uses the "
            "pgoutput plugin and that START_REPLICATION passes proto_version '1' and no binary or streaming option",
        )

    def _need(self, count: int) -> None:
        if count < 0 or self._position + count > len(self._data):
            raise self.malformed(
                f"needs {count} more byte(s) at byte {self._position}, but the message has {len(self._data)}"
            )
