import { todo } from '@cdc-lab/common';
import type { BufferReader } from '../../src/pgoutput/buffer-reader.ts';
import type { TupleValue } from '../../src/pgoutput/messages.ts';

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
  // TODO: read one TupleData, following the grammar above: the column count, then a value per
  //   column. Which kinds carry bytes after them, and which carry none? Why must "unchanged
  //   TOAST" stay apart from null? What should an unknown kind do to the stream?
  return todo('reading a row (TupleData)', 'docs/04-kafka-bridge.md#decoding-pgoutput');
}
