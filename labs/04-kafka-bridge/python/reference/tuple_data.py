"""TupleData, the row inside Insert, Update and Delete messages:

    Int16   number of columns
    then per column one of
      'n'                        null
      'u'                        unchanged TOASTed value (not sent)
      't'  Int32 len, Byte(len)  the value in text format
      'b'  Int32 len, Byte(len)  the value in binary format (only with the binary option)
"""

from __future__ import annotations

from buffer_reader import BufferReader
from messages import BinaryValue, NullValue, TextValue, TupleValue, UnchangedToast

# Shared instances: most rows have nulls, and these carry no data worth allocating per column.
NULL_VALUE = NullValue()
UNCHANGED_TOAST = UnchangedToast()


def read_tuple_data(reader: BufferReader) -> list[TupleValue]:
    count = reader.int16()
    values: list[TupleValue] = []
    for index in range(count):
        kind = reader.char()
        if kind == "n":
            values.append(NULL_VALUE)
        elif kind == "u":
            # Not null: "unchanged, not sent". Shaping fills it in or marks it.
            values.append(UNCHANGED_TOAST)
        elif kind == "t":
            values.append(TextValue(reader.text(reader.int32())))
        elif kind == "b":
            values.append(BinaryValue(reader.bytes(reader.int32())))
        else:
            raise reader.malformed(f"column {index + 1} of {count} has kind {kind!r}, expected n, u, t or b")
    return values
