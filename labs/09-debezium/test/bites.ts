import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineBites } from '@cdc-lab/grading';
import { grader } from './grader.ts';

const broken = (file: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'broken', file);

/** Which deliberately wrong program each stage must reject; `pnpm bites` lists them. */
export const bites = defineBites(grader, [
  {
    file: broken('publication-named-after-slot.ts'),
    why: 'fills publication.name with the slot\'s name',
    rejection: { stage: 'register', message: /the connector's publication\.name to be "[^"]+" \(from the environment\)/ },
  },
  {
    file: broken('worker-converters.ts'),
    why: 'leaves the converters to the worker\'s defaults',
    rejection: { stage: 'register', message: /the connector's key\.converter to be "org\.apache\.kafka\.connect\.json\.JsonConverter"/ },
  },
  {
    file: broken('collections-as-string.ts'),
    why: 'names the tables of the execute-snapshot signal as a string, not an array',
    rejection: { stage: 'incremental-snapshot', message: /account 1 again, as op=r with source\.snapshot "incremental"/ },
  },
  {
    file: broken('keeps-slot.ts'),
    why: 'deletes the connector but leaves its replication slot',
    rejection: { stage: 'delete-drops-slot', message: /the slot still exists/ },
  },
  {
    file: broken('keeps-offsets.ts'),
    why: 'deletes the connector with a plain DELETE, leaving its offsets, then drops its slot',
    rejection: { stage: 'delete-drops-slot', message: /to start afresh: account 2, written after the delete/ },
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
  {
    file: broken('router-with-json-converter.ts'),
    why: 'leaves the outbox router\'s key and value to the worker\'s JsonConverter',
    rejection: { stage: 'outbox-router', message: /event [0-9a-f-]{36}'s key as lab 7's relay writes it: (\S+)\ngot "\1"/ },
  },
], { message: /TODO: .+ is not implemented yet/ });
