import { endStreamOnFailure } from '@cdc-lab/04-kafka-bridge/produce/end-on-failure';
import { avroColumn } from './avro/column-types.ts';
import { registerSchema } from './registry/register-schema.ts';
import { RegistryClient } from './registry/rest.ts';
import { setSubjectCompatibility } from './registry/set-compatibility.ts';
import { parseCommand, USAGE } from './settings.ts';
import { avroBytesOf } from './sizes/size-tally.ts';
import { printSizes } from './sizes/sizes.ts';
import { runBridge } from './stream/bridge.ts';
import { tailTopics } from './tail/tail.ts';
import { frame, unframe } from './wire-format.ts';

/** The pieces the lesson is made of; the starter plugs in the learner's, each broken variant swaps one. */
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

/** The whole program, from its arguments; main.ts runs it, the starter and the broken variants reuse it. */
export async function runProgram(argv: readonly string[], env: Record<string, string | undefined> = process.env, parts: ProgramParts = referenceParts): Promise<void> {
  const command = parseCommand(argv, env);
  switch (command.kind) {
    case 'help':
      console.log(USAGE);
      return;
    case 'stream':
      return runBridge(command, parts);
    case 'tail':
      return tailTopics(command, parts);
    case 'sizes':
      return printSizes(command.stateDir, command.topicPrefix);
    case 'compatibility':
      await setSubjectCompatibility(new RegistryClient(command.registryUrl), command.subject, command.level);
      console.log(`Subject ${command.subject}: compatibility ${command.level}`);
      return;
  }
}
