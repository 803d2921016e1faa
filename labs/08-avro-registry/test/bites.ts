import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineBites } from '@cdc-lab/grading';
import { grader } from './grader.ts';

const broken = (file: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'broken', file);

/** Which deliberately wrong program each stage must reject; `pnpm bites` lists them. */
export const bites = defineBites(grader, [
  {
    file: broken('nullable-without-union.ts'),
    why: 'gives nullable columns their bare type, without ["null", …] and a default',
    rejection: { stage: 'registration', message: /a nullable column is a union|the bridge exited/ },
  },
  {
    file: broken('little-endian-id.ts'),
    why: 'writes the schema id of the header little-endian',
    rejection: { stage: 'wire-format', message: /does not know/ },
  },
  {
    file: broken('decodes-the-header.ts'),
    why: 'decodes the whole record, header included, as the Avro body',
    rejection: { stage: 'tail', message: /tail --from-beginning --max-messages 4 to succeed[\s\S]*cannot read a record written with schema \d+: (trailing data|truncated buffer)/ },
  },
  {
    file: broken('registers-once-per-subject.ts'),
    why: 'registers each subject once and reuses the first id after the table changed',
    rejection: { stage: 'add-column', message: /two versions of/ },
  },
  {
    file: broken('skips-refused-schema.ts'),
    why: 'carries on with the latest accepted schema when the registry refuses one',
    rejection: { stage: 'incompatible-change', message: /the bridge to stop at the refused schema/ },
  },
  {
    file: broken('union-without-default.ts'),
    why: 'makes nullable columns ["null", …] without "default": null',
    rejection: { stage: 'drop-rename', message: /the insert after RENAME COLUMN[\s\S]*refused a new schema/ },
  },
  {
    file: broken('sizes-without-headers.ts'),
    why: 'counts the Avro bodies for sizes, without the 5-byte headers',
    rejection: { stage: 'sizes', message: /Expected Avro bytes \d+: the keys and values Kafka holds/ },
  },
  {
    file: broken('fails-at-next-change.ts'),
    why: 'notices a batch Kafka refused only when the next change arrives',
    rejection: { stage: 'oversized-event', message: /to stop on its own within 15 s of Kafka refusing/ },
  },
  {
    file: broken('retries-registry-forever.ts'),
    why: 'registers again and again while the registry is down, without a word',
    rejection: { stage: 'registry-down', message: /the bridge to stop once the registry stopped answering/ },
  },
], { message: /TODO: .+ is not implemented yet/ });
