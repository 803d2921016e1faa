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
  // TODO: register the schema and say which id and version it got (the client's requests are in
  //   ../../src/registry/rest.ts). A subject the registry has never seen gets the chosen level
  //   before its first version: how do you tell it has never seen it? A subject that exists keeps
  //   its own level: why must you not overwrite it? When the level forbids the schema, how does
  //   the refusal reach you (a RegistryResponseError, but which one?), and what must your error
  //   (a SchemaError from @cdc-lab/common) name, given that every registry words its own message
  //   differently? Any other failure is not yours to interpret.
  return todo('registering a schema under its subject', 'docs/08-avro-registry.md#registering-once-per-relation');
}
