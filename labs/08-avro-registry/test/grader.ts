import { defineGrader } from '@cdc-lab/grading';
import { addColumn } from './stages/add-column.ts';
import { dropRename } from './stages/drop-rename.ts';
import { incompatibleChange } from './stages/incompatible-change.ts';
import { oversizedEvent } from './stages/oversized-event.ts';
import { registration } from './stages/registration.ts';
import { registryDown } from './stages/registry-down.ts';
import { sizes } from './stages/sizes.ts';
import { tail } from './stages/tail.ts';
import { wireFormat } from './stages/wire-format.ts';

/**
 * Lab 8's stages, in the order of the chapter. The base stages are the lesson: the schemas a
 * Relation message becomes and where they are registered, the wire format, reading back through
 * the registry, and the table changing under a running bridge — a column added, a change the
 * registry refuses. The extension stages go deeper: columns dropped and renamed, what Avro saves
 * over JSON, an event Kafka will not take, and a registry that is down.
 */
export const grader = defineGrader(8, [
  registration,
  wireFormat,
  tail,
  addColumn,
  incompatibleChange,
  // Extensions, after every base stage.
  dropRename,
  sizes,
  oversizedEvent,
  registryDown,
]);
