/**
 * Broken on purpose: `sizes` counts the Avro bodies alone and leaves out the five-byte header
 * of every key and value. Avro then looks ten bytes a record smaller than what Kafka stores —
 * on small records a good part of the saving it claims over JSON. The sizes stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import type { avroBytesOf } from '../../src/sizes/size-tally.ts';
import { unframe } from '../../src/wire-format.ts';

const bodiesOnly: typeof avroBytesOf = (record) =>
  (record.key ? unframe(record.key).body.length : 0) + (record.value ? unframe(record.value).body.length : 0);

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, avroBytesOf: bodiesOnly }));
