/**
 * Broken on purpose: registers each subject once and then reuses that first answer for ever —
 * caching by subject instead of by table shape. After ALTER TABLE … ADD COLUMN the records are
 * written with the new shape but carry the old schema's id, and the registry never hears of
 * version 2. The add-column stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { registerSchema, type Registered } from '../../src/registry/register-schema.ts';

const firstAnswer = new Map<string, Registered>();
const oncePerSubject: typeof registerSchema = async (client, subject, schema, compatibility) => {
  const known = firstAnswer.get(subject);
  if (known) return known;
  const registered = await registerSchema(client, subject, schema, compatibility);
  firstAnswer.set(subject, registered);
  return registered;
};

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, registerSchema: oncePerSubject }));
