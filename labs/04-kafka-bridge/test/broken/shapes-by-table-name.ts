/**
 * Broken on purpose: remembers each table's shape by its name, not by the relation id the
 * messages carry, and keeps the first one. A table dropped and made again under the same name
 * is a new relation with another id and maybe other columns; this bridge keeps describing it
 * with the old one, and the changes of the new table no longer match. The
 * dropped-under-the-bridge stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { decodePgoutput, type PgoutputMessage, type RelationMessage } from '../../src/pgoutput/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

const shapeByName = new Map<string, RelationMessage>();

function decodeRememberingNames(data: Uint8Array): PgoutputMessage {
  const message = decodePgoutput(data);
  if (message.tag !== 'relation') return message;
  const name = `${message.namespace}.${message.name}`;
  const known = shapeByName.get(name) ?? message;
  shapeByName.set(name, known);
  return known;
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, decode: decodeRememberingNames }));
