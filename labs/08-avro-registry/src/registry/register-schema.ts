import { redactUrl, SchemaError } from '@cdc-lab/common';
import { RegistryResponseError, type Compatibility, type RegistryClient } from './rest.ts';

export interface Registered {
  subject: string;
  /** The registry's id for this schema: what every record written with it carries. */
  id: number;
  /** Its place in the subject's history: 1, 2, … */
  version: number;
}

/** HTTP 409 Conflict, error_code 409: "incompatible with an earlier schema". */
const INCOMPATIBLE = 409;

/**
 * Register a schema under a subject and return its id.
 *
 * A subject the registry does not know yet gets the chosen compatibility level before its
 * first version. A subject that exists keeps the level it has: someone may have changed it on
 * purpose — which is exactly how a change the registry refused is let through.
 *
 * Registering a schema the subject already has is harmless: the registry answers with the id
 * it gave it before and adds no version. A schema the subject's level does not allow is
 * refused with 409; the error names the subject and the rule, because that is what someone has
 * to decide about.
 */
export async function registerSchema(client: RegistryClient, subject: string, schema: object, compatibility: Compatibility): Promise<Registered> {
  if ((await client.versions(subject)).length === 0) await client.setCompatibility(subject, compatibility);
  let id: number;
  try {
    id = await client.register(subject, schema);
  } catch (error) {
    if (error instanceof RegistryResponseError && (error.status === INCOMPATIBLE || error.errorCode === INCOMPATIBLE)) {
      throw incompatible(subject, await client.compatibility(subject), client.url, error);
    }
    throw error;
  }
  return { subject, id, version: await client.versionOf(subject, schema) };
}

function incompatible(subject: string, rule: string, url: string, cause: RegistryResponseError): SchemaError {
  return new SchemaError(`the schema registry refused a new schema for subject ${subject}: it breaks ${rule} compatibility with the versions before it (${cause.registryMessage})`, {
    cause,
    hint: `no record of this change was written and nothing of its transaction confirmed, so the slot keeps it. Decide, then run the bridge again: to let the change through, tell the consumers and relax the subject's rule: `
      + `pnpm lab 8 compatibility ${subject} NONE (on Confluent's registry, PUT ${redactUrl(url)}/config/${subject} does the same). Undoing the ALTER TABLE does not help: the held transaction was written in the new shape. See docs/08-avro-registry.md#when-the-registry-says-no`,
  });
}
