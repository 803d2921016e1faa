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
 * Lab 8's stages, in the order of the chapter: the schemas a Relation message becomes and
 * where they are registered, the wire format, reading back through the registry, the table
 * changing under a running bridge — a column added, a change the registry refuses, columns
 * dropped and renamed — and what Avro saves over JSON.
 */
export const grader = defineGrader(8, [
  registration,
  wireFormat,
  tail,
  addColumn,
  incompatibleChange,
  dropRename,
  sizes,
  oversizedEvent,
  registryDown,
]);
