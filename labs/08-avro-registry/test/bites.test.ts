import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerBiteTests } from '@cdc-lab/grading';
import { grader } from './grader.ts';

const broken = (file: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'broken', file);

registerBiteTests(grader, [
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
    file: broken('registers-once-per-subject.ts'),
    why: 'registers each subject once and reuses the first id after the table changed',
    rejection: { stage: 'add-column', message: /two versions of/ },
  },
  {
    file: broken('skips-refused-schema.ts'),
    why: 'carries on with the latest accepted schema when the registry refuses one',
    rejection: { stage: 'incompatible-change', message: /the bridge to stop at the refused schema/ },
  },
], { message: /TODO: .+ is not implemented yet/ });
