/**
 * Broken on purpose: uses lab 4's pipeline without ending the stream when a send fails. The
 * pipeline keeps the failure and raises it at the next add(), so the bridge stops only when
 * another change arrives; on a quiet database it looks healthy for ever while an event Kafka
 * refused waits in the slot. The oversized-event stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, endStreamOnFailure: (send) => send }));
