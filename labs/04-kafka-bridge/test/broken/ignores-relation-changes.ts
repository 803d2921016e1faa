/**
 * Broken on purpose: keeps the first Relation message of each table for ever and ignores later
 * ones, as if table shapes never changed. After ALTER TABLE the rows no longer match the shape
 * it knows, and the bridge stops (or, with as many columns, mislabels them). The schema-change
 * stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { decodePgoutput, type PgoutputMessage, type RelationMessage } from '../../src/pgoutput/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

const firstShapes = new Map<number, RelationMessage>();

function decodeKeepingFirstShapes(data: Uint8Array): PgoutputMessage {
  const message = decodePgoutput(data);
  if (message.tag !== 'relation') return message;
  const first = firstShapes.get(message.relationId) ?? message;
  firstShapes.set(message.relationId, first);
  return first;
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, decode: decodeKeepingFirstShapes }));
