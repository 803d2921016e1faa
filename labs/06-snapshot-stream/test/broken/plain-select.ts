/**
 * Broken on purpose: creates the slot with an exported snapshot but never imports it — each
 * chunk is a plain SELECT in its own transaction, seeing whatever has committed by then. Rows
 * inserted after the consistent point are read and streamed (overlap); rows deleted before
 * their chunk is read are missing while their delete is streamed (gap).
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, beginSnapshotTransaction: async () => {} }));
process.exit();
