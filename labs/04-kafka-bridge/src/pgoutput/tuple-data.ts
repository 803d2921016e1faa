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
  const count = reader.int16();
  const values = new Array<TupleValue>(count);
  for (let index = 0; index < count; index += 1) {
    const kind = reader.char();
    switch (kind) {
      case ColumnKind.Null:
        values[index] = NULL_VALUE;
        break;
      case ColumnKind.UnchangedToast:
        values[index] = UNCHANGED_TOAST;
        break;
      case ColumnKind.Text:
        values[index] = { kind: 'text', text: reader.text(reader.int32()) };
        break;
      case ColumnKind.Binary:
        values[index] = { kind: 'binary', bytes: reader.bytes(reader.int32()) };
        break;
      default:
        throw reader.malformed(`column ${index + 1} of ${count} has kind ${JSON.stringify(kind)}, expected n, u, t or b`);
    }
  }
  return values;
}
