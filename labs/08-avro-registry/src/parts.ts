import { endStreamOnFailure } from '@cdc-lab/04-kafka-bridge/produce/end-on-failure';
import { avroColumn } from './avro/column-types.ts';
import { registerSchema } from './registry/register-schema.ts';
import { avroBytesOf } from './sizes/size-tally.ts';
import { frame, unframe } from './wire-format.ts';

/** The pieces lab 8's lesson is made of; the starter plugs in the learner's, each broken variant swaps one. */
export interface ProgramParts {
  /** Postgres column → Avro field type (avro/column-types.ts). */
  avroColumn: typeof avroColumn;
  /** Register under a subject, compatibility, the 409 (registry/register-schema.ts). */
  registerSchema: typeof registerSchema;
  /** The Confluent wire format, both ways (wire-format.ts). */
  frame: typeof frame;
  unframe: typeof unframe;
  /** What `sizes` counts for a record (sizes/size-tally.ts): a part so that a broken variant can miscount it. */
  avroBytesOf: typeof avroBytesOf;
  /** Lab 4's rule that a refused send ends the stream at once, not at the next change. */
  endStreamOnFailure: typeof endStreamOnFailure;
}

export const referenceParts: ProgramParts = { avroColumn, registerSchema, frame, unframe, avroBytesOf, endStreamOnFailure };
