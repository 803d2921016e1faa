/**
 * Broken on purpose: when the registry refuses a schema, it carries on with the subject's latest
 * accepted version — "better some data than none". The records then carry an id whose schema
 * does not describe their bytes, and the transaction is confirmed as if all were well. The
 * incompatible-change stage must reject it.
 */
import { runMain, SchemaError } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { registerSchema } from '../../src/registry/register-schema.ts';

const carryOn: typeof registerSchema = async (client, subject, schema, compatibility) => {
  try {
    return await registerSchema(client, subject, schema, compatibility);
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    const versions = await client.versions(subject);
    const latest = versions[versions.length - 1]!;
    const answer = await fetch(`${client.url}/subjects/${encodeURIComponent(subject)}/versions/${latest}`);
    const { id } = (await answer.json()) as { id: number };
    console.log(`warning: ${subject} refused the new schema; writing with version ${latest} (id ${id}) instead`);
    return { subject, id, version: latest };
  }
};

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, registerSchema: carryOn }));
