/**
 * Broken on purpose: reads a column of kind 'u' (an unchanged TOASTed value, not sent) as NULL.
 * An UPDATE that leaves a big value alone then says the value was erased: a consumer applying
 * it to a copy of the table loses the value. The toast stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { decodePgoutput, type PgoutputMessage, type TupleValue } from '../../src/pgoutput/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

const NULL_VALUE: TupleValue = { kind: 'null' };

// 'u' occurs only in the new row of an UPDATE: the old row, when sent, carries every value.
function decodeUnchangedAsNull(data: Uint8Array): PgoutputMessage {
  const message = decodePgoutput(data);
  if (message.tag !== 'update') return message;
  return { ...message, newTuple: message.newTuple.map((value) => (value.kind === 'unchanged-toast' ? NULL_VALUE : value)) };
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, decode: decodeUnchangedAsNull }));
