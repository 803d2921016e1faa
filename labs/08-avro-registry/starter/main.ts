import { runMain } from '@cdc-lab/common';
import { avroColumn } from './avro/column-types.ts';
import { referenceParts } from '../src/parts.ts';
import { runProgram } from '../src/program.ts';
import { registerSchema } from './registry/register-schema.ts';
import { frame, unframe } from './wire-format.ts';

// Lab 8, Avro and a schema registry: pnpm lab --starter 8 [tail | sizes | compatibility].
// Your work is in the three files imported above, and in stream/registered-tables.ts, which the
// reference's bridge loads in place of its own; the rest of the program is the reference's.
await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, avroColumn, registerSchema, frame, unframe }));
