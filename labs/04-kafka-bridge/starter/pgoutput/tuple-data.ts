import { todo } from '@cdc-lab/common';
import type { BufferReader } from './buffer-reader.ts';
import type { TupleValue } from './messages.ts';

/*
 * TupleData, the row inside Insert, Update and Delete messages:
 *
 *   Int16   number of columns
 *   then per column one of
 *     'n'                       null
 *     'u'                       unchanged TOASTed value (not sent)
 *     't'  Int32 len, Byte(len) the value in text format
 *     'b'  Int32 len, Byte(len) the value in binary format (only with the binary option)
 */

const enum ColumnKind {
  Null = 'n',
  UnchangedToast = 'u',
  Text = 't',
  Binary = 'b',
}

// Shared instances: most rows have nulls, and these carry no data worth allocating per column.
const NULL_VALUE: TupleValue = Object.freeze({ kind: 'null' });
const UNCHANGED_TOAST: TupleValue = Object.freeze({ kind: 'unchanged-toast' });

export function readTupleData(reader: BufferReader): TupleValue[] {
  // TODO: read the column count (reader.int16()), then for each column its kind (reader.char())
  //   and, for 't' and 'b', an Int32 length and that many bytes (reader.text / reader.bytes).
  //   Use NULL_VALUE and UNCHANGED_TOAST for 'n' and 'u'; any other kind is reader.malformed(…).
  return todo('reading a row (TupleData)', 'docs/04-kafka-bridge.md#decoding-pgoutput');
}
