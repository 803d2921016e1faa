/**
 * Broken on purpose: every column gets its bare Avro type, nullable or not. The first null in a
 * nullable column cannot be written — and no field has the default that lets a newer schema
 * read older records. The registration stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { avroColumn } from '../../src/avro/column-types.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

const neverNullable: typeof avroColumn = (column) => avroColumn({ ...column, notNull: true });

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, avroColumn: neverNullable }));
