/**
 * Broken on purpose: an incremental snapshot that emits every row of a chunk at the high
 * watermark, including rows that changed between the watermarks. The SELECTed copy is older
 * than the change streamed before it, and wins: a stale row, or a deleted row brought back.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, dropChangedRows: (chunk) => [...chunk] }));
process.exit();
