import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerBiteTests } from '@cdc-lab/grading';
import { grader } from './grader.ts';

const broken = (file: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'broken', file);

registerBiteTests(grader, [
  {
    file: broken('keeps-slot.ts'),
    why: 'deletes the connector but leaves its replication slot',
    rejection: { stage: 'delete-drops-slot', message: /the slot still exists/ },
  },
  {
    file: broken('pause-does-nothing.ts'),
    why: 'says it paused the connector but leaves it running',
    rejection: { stage: 'pause-resume', message: /inserted while paused[\s\S]*the connector went on reading/ },
  },
  {
    file: broken('without-exactly-once.ts'),
    why: 'registers the connector without exactly.once.support=required',
    rejection: { stage: 'exactly-once', message: /exactly\.once\.support = required/ },
  },
  {
    file: broken('misshaped-bridge.ts'),
    why: 'compares against a bridge that writes source.txId as a string',
    rejection: { stage: 'compare', message: /lab 4's events differ from Debezium's[\s\S]*source\.txId/ },
  },
], { message: /TODO: .+ is not implemented yet/ });
