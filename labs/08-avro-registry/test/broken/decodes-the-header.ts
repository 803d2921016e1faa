/**
 * Broken on purpose: reading a record, it takes the schema id from the header but hands the
 * whole record, header included, to the Avro decoder. Avro binary has no markers to notice the
 * five extra bytes by: the fields come out shifted, or the decoder runs off the end — no record
 * can be read back. The tail stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { unframe } from '../../src/wire-format.ts';

const headerLeftOn: typeof unframe = (record) => ({ schemaId: unframe(record).schemaId, body: record });

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, unframe: headerLeftOn }));
