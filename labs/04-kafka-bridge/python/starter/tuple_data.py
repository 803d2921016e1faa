"""TupleData, the row inside Insert, Update and Delete messages:

    Int16   number of columns
    then per column one of
      'n'                        null
      'u'                        unchanged TOASTed value (not sent)
      't'  Int32 len, Byte(len)  the value in text format
      'b'  Int32 len, Byte(len)  the value in binary format (only with the binary option)
"""

from __future__ import annotations

from cdc_lab import todo

from buffer_reader import BufferReader
from messages import BinaryValue, NullValue, TextValue, TupleValue, UnchangedToast  # noqa: F401 - yours to use

# Shared instances: most rows have nulls, and these carry no data worth allocating per column.
NULL_VALUE = NullValue()
UNCHANGED_TOAST = UnchangedToast()


def read_tuple_data(reader: BufferReader) -> list[TupleValue]:
    # TODO: read one TupleData, following the grammar above: the column count, then a value per
    #   column. Which kinds carry bytes after them, and which carry none? Why must "unchanged
    #   TOAST" stay apart from null? What should an unknown kind do to the stream?
    todo("reading a row (TupleData)", "docs/04-kafka-bridge.md#decoding-pgoutput")
