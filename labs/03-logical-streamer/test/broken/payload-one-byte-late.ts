/**
 * Broken on purpose: reads an XLogData payload one byte too late (the 'w' tag counted twice,
 * a 26-byte header), so every line loses its first character: "EGIN 731", "OMMIT 731". Nothing
 * downstream can read such lines, and no COMMIT is ever recognised, so nothing is confirmed.
 * The stream stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { ReplicationStream, type ServerMessage } from '../../src/replication/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

const TAG_COUNTED_TWICE = 1 + 1 + 8 + 8 + 8;

class PayloadOneByteLate extends ReplicationStream {
  protected override decode(frame: Buffer): ServerMessage {
    const message = super.decode(frame);
    return message.tag === 'xlogdata' ? { ...message, data: Buffer.from(frame.subarray(TAG_COUNTED_TWICE)) } : message;
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, Stream: PayloadOneByteLate }));
