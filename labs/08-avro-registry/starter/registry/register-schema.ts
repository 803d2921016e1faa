import { todo } from '@cdc-lab/common';
import type { Compatibility, RegistryClient } from '../../src/registry/rest.ts';

export interface Registered {
  subject: string;
  /** The registry's id for this schema: what every record written with it carries. */
  id: number;
  /** Its place in the subject's history: 1, 2, … */
  version: number;
}

/**
 * Register a schema under a subject and return its id, its version — or an error that names
 * the subject and the rule when the registry refuses it.
 */
export async function registerSchema(client: RegistryClient, subject: string, schema: object, compatibility: Compatibility): Promise<Registered> {
  // TODO: 1. a subject without versions (client.versions(subject) is []) is new: give it the
  //          chosen level first (client.setCompatibility). An existing subject keeps its level: why?
  //       2. id = await client.register(subject, schema). A refusal is a RegistryResponseError
  //          (../../src/registry/rest.ts) with status 409: throw a SchemaError (@cdc-lab/common)
  //          whose message names the subject and the rule (client.compatibility(subject)) — the
  //          registry's own wording differs between registries.
  //       3. version = await client.versionOf(subject, schema).
  return todo('registering a schema under its subject', 'docs/08-avro-registry.md#registering-once-per-relation');
}
