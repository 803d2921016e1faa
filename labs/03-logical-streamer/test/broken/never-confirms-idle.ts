/**
 * Broken on purpose: accepts --confirm-idle but confirms only what it printed, like the plain
 * stream. Its slot holds back WAL that decodes to nothing for as long as the database is quiet;
 * the caught-up stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { ReplicationStream } from '../../src/replication/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, CaughtUpStream: ReplicationStream }));
